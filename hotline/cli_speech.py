"""The speech benchmarks: ``hotline bench voice`` (calls), ``bench spoken`` (values heard back), ``bench turn``
(when a caller's turn ends) and ``bench noise`` (noisy lines, with and without noise suppression)."""

from __future__ import annotations

import itertools
import logging
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from hotline.cli_learning import _settings
from hotline.cli_progress import progress

console = Console(stderr=True, soft_wrap=True)


def bench_voice(
    n: Annotated[int, typer.Option(help="Number of utterances for the one-call-at-a-time pass (default: all)")] = 0,
    max_concurrency: Annotated[int, typer.Option(help="Try up to this many simultaneous calls")] = 4,
    target_ms: Annotated[float, typer.Option(help="Voice-to-voice p95 target for the concurrency search")] = 2000,
    out: Annotated[Path, typer.Option(help="Where to write the JSON results")] = Path("bench-results/voice.json"),
    webrtc: Annotated[bool, typer.Option(help="Also place the calls over WebRTC (aiortc caller)")] = True,
    rounds: Annotated[
        int, typer.Option(min=1, help="Rounds of simultaneous calls at each level (more: a steadier p95)")
    ] = 2,
) -> None:
    """Phone calls over the Twilio protocol and WebRTC: voice-to-voice latency by stage, STT RTF, TTS, CPU per
    call, concurrency."""
    from hotline.bench.voice import run_voice_bench

    settings = _settings()
    for name in ("hotline", "uvicorn.error", "uvicorn.access", "faster_whisper"):
        logging.getLogger(name).setLevel(logging.WARNING)
    console.print(run_voice_bench(settings, n or None, max_concurrency, target_ms, out, console, webrtc, rounds))


def bench_spoken(
    per_kind: Annotated[int, typer.Option(help="Sentences per language and kind (id, amount, e-mail, phone)")] = 8,
    seed: Annotated[int, typer.Option(help="Draws the values")] = 7,
    out: Annotated[Path, typer.Option(help="Where to write the JSON results")] = Path("bench-results/spoken.json"),
) -> None:
    """Ids, amounts, e-mails and phone numbers said by each language's voice (as written, and in the spoken form)
    and heard back by Whisper: the share a caller would get right, per language and kind."""
    from hotline.bench.spoken import run_spoken_bench

    for name in ("hotline", "faster_whisper"):
        logging.getLogger(name).setLevel(logging.WARNING)
    report = run_spoken_bench(_settings(), seed, per_kind, out, console)
    table = Table(title=f"heard back by Whisper (seed {seed}; held-out = every fourth draw)")
    for column in ("language/kind", "n", "as written", "spoken form", "held-out n", "written", "spoken"):
        table.add_column(column, justify="left" if column == "language/kind" else "right")
    summary = report["summary"]
    for key, row in summary.items():
        if not key.endswith("/all") or key.count("/") != 2:
            continue
        base = key.rsplit("/", 1)[0]
        held = summary.get(f"{base}/held_out", {"n": 0, "written": 0.0, "spoken": 0.0})
        table.add_row(
            base,
            str(row["n"]),
            f"{row['written']:.0%}",
            f"{row['spoken']:.0%}",
            str(held["n"]),
            f"{held['written']:.0%}",
            f"{held['spoken']:.0%}",
        )
    console.print(table)
    console.print(f"report in {out}")


def bench_turn(
    seed: Annotated[int, typer.Option(help="Draws where the pauses go and the numbers read out")] = 1,
    per_utterance: Annotated[int, typer.Option(help="Word boundaries per utterance that get a pause")] = 6,
    out: Annotated[Path, typer.Option(help="Where to write the JSON results")] = Path("bench-results/turn.json"),
    acoustic: Annotated[bool, typer.Option(help="Also try the acoustic turn model (Smart Turn v3)")] = True,
    reply_ms: Annotated[
        list[float],
        typer.Option(
            help="Transcript ready → the reply's first audio heard (the dialogue and the voice), for the take-back rows"
        ),
    ] = [200.0, 450.0],  # noqa: B006 (typer reads the default)
) -> None:
    """End of turn: pauses inserted between words (0.3–1.2 s) in real clips and phone phrases; how often the bot
    would take the turn before the caller's last word, and how long a finished caller waits — fixed silence, the
    hold for words that sound unfinished (by rule; and with the words' head), the turn taken back when the caller goes
    on before its reply is heard (``--reply-ms``: how soon a reply is heard) or talks over its start
    (``voice.take_back_heard_s``), and the acoustic turn model."""
    from dataclasses import replace

    from hotline.bench.turn import PAUSES_S, Setting, load_spoken, measure, write
    from hotline.speech.loader import load_speech, load_turn_model, segmenter_config
    from hotline.speech.turn_words import load_turn_words

    settings = _settings()
    for name in ("hotline", "faster_whisper"):
        logging.getLogger(name).setLevel(logging.WARNING)
    speech = load_speech(settings, {"en": "Hello."})
    spoken = load_spoken(settings.shared_data_dir, speech, seed, console.print)
    voice = settings.voice
    fixed = segmenter_config(voice, with_turn_model=False)
    candidates = [Setting(f"silence {fixed.end_silence_ms:.0f} ms", fixed)]
    candidates.append(Setting("silence 1200 ms", replace(fixed, end_silence_ms=1200.0)))
    hold = voice.turn_hold_s or 1.6
    # the hold, Whisper starting early as the gateway does: the rows below vary it
    early = voice.early_transcript_ms
    held = Setting(f"silence {fixed.end_silence_ms:.0f} ms + hold {hold} s", fixed, hold_s=hold, early_ms=early)
    candidates.append(held)
    words = load_turn_words(voice.turn_words or "packaged")
    for silence_ms in sorted({fixed.end_silence_ms, 400.0, 250.0}, reverse=True):
        name = f"silence {silence_ms:.0f} ms + hold {hold} s + words {voice.turn_words_hold_s} s"
        config = replace(fixed, end_silence_ms=silence_ms)
        candidates.append(replace(held, name=name, config=config, words=words, words_hold_s=voice.turn_words_hold_s))
    over_s, barge_s = voice.take_back_heard_s, voice.barge_in_ms / 1000
    silences = sorted({fixed.end_silence_ms, 400.0, 300.0, 250.0}, reverse=True)
    for reply_s, silence_ms in itertools.product([ms / 1000 for ms in reply_ms], silences):
        name = f"silence {silence_ms:.0f} ms + hold {hold} s + take-back (reply heard at {reply_s:.2f} s)"
        back = replace(held, name=name, config=replace(fixed, end_silence_ms=silence_ms), take_back_s=reply_s)
        if silence_ms in (fixed.end_silence_ms, 400.0) or over_s <= 0:  # the default, and the default before
            candidates.append(back)
        if over_s > 0:  # and talked over at its start
            over = replace(back, name=f"{name} + over {over_s:.2f} s", talk_over_s=over_s, barge_in_s=barge_s)
            candidates.append(over)
    # the default as the gateway took turns before held words were heard again (their words joined as text)
    default = next((c for c in reversed(candidates) if c.take_back_s and c.config == fixed), held)
    candidates.append(replace(default, name=f"{default.name} (joined as text)", rehear=False))
    model = load_turn_model(voice.turn_model or "packaged:smart-turn-v3") if acoustic else None
    if model is not None:
        semantic = segmenter_config(voice, with_turn_model=True)
        name = f"turn model at {semantic.pause_ms:.0f} ms (≥{voice.turn_threshold})"
        candidates.append(Setting(name, semantic, model, voice.turn_threshold))
        candidates.append(Setting(f"{name} + hold {hold} s", semantic, model, voice.turn_threshold, hold))

    def heard(audio: Any, language: str) -> str:
        return speech.stt.transcribe(audio, speech.stt_options, language).text

    report = measure(candidates, spoken, seed, per_utterance, console.print, heard)
    write(report, out)
    table = Table(title=f"end of turn ({report['utterances']} utterances, {report['variants']} paused variants)")
    columns = {"cut %": "paused_cut_pct", "mid-turn cut %": "mid_turn_cut_pct"}
    columns |= {f"{p} s": f"cut_at_{p}s_pct" for p in PAUSES_S}
    columns |= {"real clips": "clip_cut_pct", "tts": "tts_cut_pct", "en": "en_cut_pct", "ru": "ru_cut_pct"}
    columns |= {"zh": "zh_cut_pct", "as spoken cut %": "as_spoken_cut_pct", "wait mean ms": "wait_mean_ms"}
    columns |= {"wait p95 ms": "wait_p95_ms", "model p95 ms": "model_p95_ms", "talked over %": "talked_over_pct"}
    columns |= {"heard WER %": "paused_wer_pct", "en WER %": "en_paused_wer_pct"}
    columns |= {"as spoken WER %": "as_spoken_wer_pct"}
    table.add_column("setting")
    for column in columns:
        table.add_column(column, justify="right")
    keys = list(columns.values())
    for name, result in report["settings"].items():
        summary = result["summary"]
        table.add_row(name, *("—" if summary[k] is None else str(summary[k]) for k in keys))
    console.print(table, width=240)
    if report["long_pause_utterances"]:
        longest = max(PAUSES_S)
        console.print(
            f"pause longer than {longest} s as spoken (not in mid-turn cut %): {report['long_pause_utterances']}"
        )
    console.print(f"report in {out}")


def bench_noise(
    seed: Annotated[int, typer.Option(help="Draws the noise (talkers, offsets, street) and the numbers read out")] = 1,
    suppressor: Annotated[
        str, typer.Option(help="Noise suppressor to compare against none: packaged:rnnoise or a librnnoise path")
    ] = "packaged:rnnoise",
    out: Annotated[Path, typer.Option(help="Where to write the JSON results")] = Path("bench-results/noise.json"),
) -> None:
    """Noisy phone lines: the shared clips and English phone phrases mixed with babble and street noise at 10 and
    5 dB SNR, through 8 kHz mu-law, VAD and Whisper as the gateway hears them — word error rate (characters for
    Chinese) with and without noise suppression, per language; the quiet clips are also heard wideband (16 kHz, as a
    web caller is)."""
    from hotline.bench.noise import load_utterances, measure, write
    from hotline.speech.denoise import load_suppressor
    from hotline.speech.loader import load_speech

    settings = _settings()
    for name in ("hotline", "faster_whisper"):
        logging.getLogger(name).setLevel(logging.WARNING)
    library = load_suppressor(suppressor)
    if library is None:
        console.print(f"[yellow]no suppressor at {suppressor}: measuring without one only[/]")
    speech = load_speech(settings, {"en": "Hello."})
    utterances = load_utterances(settings.shared_data_dir, speech, seed, console.print)
    if not utterances:
        console.print(f"[red]error:[/] no speech clips under {settings.shared_data_dir / 'speech'}")
        raise typer.Exit(1)
    report = measure(utterances, speech, library, seed, console.print)
    write(report, out)
    table = Table(
        title=f"error rate % on a noisy phone line, and wideband (seed {seed}, {report['utterances']} utterances)"
    )
    columns = ("condition", "suppression", "all", "median", "en", "ru", "zh", "real clips", "tts", "nothing heard")
    for column in columns:
        table.add_column(column, justify="left" if column in columns[:2] else "right")
    for key, row in report["summary"].items():
        condition, mode = key.split(" / ")
        values = [row[k] for k in ("all", "median", "en", "ru", "zh", "clip", "tts", "nothing_heard")]
        table.add_row(condition, mode, *("—" if v is None else str(v) for v in values))
    console.print(table, width=140)
    cost = report["suppressor_cpu_s_per_audio_s"]
    if cost is not None:
        console.print(f"suppressor CPU: {cost * 1000:.1f} ms per second of a call's audio")
    console.print(f"report in {out}")


def train_turn_words(
    out: Annotated[Path, typer.Option(help="Where to write the head (default: the packaged one)")] = Path(""),
    max_held: Annotated[
        float | None, typer.Option(help="Share of held-back finished messages that may wait (default: the training's)")
    ] = None,
) -> None:
    """Train the head that tells a finished turn from words cut off mid-request (en/ru/zh), on the company's
    customer messages and public requests, whole against cut at a word; reports the held-back fifth per language."""
    from hotline.speech.turn_words import PACKAGED_TURN_WORDS
    from hotline.training.turn_words import TurnWordsTraining, train_turn_words

    settings = _settings()
    shared = Path(settings.shared_data_dir)
    if not (shared / "kb" / "tau_retail_tasks_train.json").exists():
        console.print(f"[red]error:[/] the shared data is not in {shared}")
        raise typer.Exit(2)
    target = out if str(out) not in ("", ".") else PACKAGED_TURN_WORDS
    with progress(console, "training…") as status:
        config = TurnWordsTraining() if max_held is None else TurnWordsTraining(max_held=max_held)
        report = train_turn_words(shared, target, config, status.update)
    console.print(f"wrote {target}")
    console.print_json(data=report)
