"""``hotline bench voice``: phone calls over the Twilio protocol against a gateway started here.

Each call streams one utterance in real-time 20 ms mu-law frames, then keeps the line open with silence until
the reply's end mark arrives. Utterances: the real English speech clips in ../shared/data/speech, and
customer questions for the demo store spoken by the Piper voice. Reports voice-to-voice latency (caller's
last speech frame → first reply audio frame at the caller), the server's stages (end of speech → transcript,
→ first token, → first audio), Whisper's real-time factor, Piper's time to first audio, and the largest
number of concurrent calls whose first-answer-audio p95 stays under the target.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import json
import statistics
import time
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console
from rich.table import Table

from hotline.bench.stats import percentile
from hotline.bench.twilio_caller import TwilioCaller
from hotline.settings import Settings
from hotline.tasks import cancel_and_wait

QUESTIONS = (
    "What is your return policy?",
    "How long does a refund take?",
    "Which payment methods do you accept?",
    "Can I change the shipping address of my order?",
    "How do I cancel an order?",
    "Do you sell office chairs?",
    "Can I exchange a T-shirt for another size?",
    "I want to talk to a human.",
)


@dataclass
class Utterance:
    id: str
    audio: Any  # int16 ndarray
    rate: int


@dataclass
class CallResult:
    id: str
    concurrency: int
    voice_to_voice_ms: float | None
    transcript_ms: float | None
    first_token_ms: float | None
    first_audio_ms: float | None
    hold_ms: float | None
    stt_rtf: float | None
    heard: str
    reply: str
    transport: str = "twilio"


def load_utterances(settings: Settings, services: Any) -> list[Utterance]:
    import soundfile as sf

    from hotline.speech.loader import synthesize_all

    found: list[Utterance] = []
    speech_dir = settings.shared_data_dir / "speech"
    tsv = speech_dir / "transcripts.tsv"
    if tsv.exists():
        with tsv.open(encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                if row["lang"] != "en" or row["file"] == "fw_jfk.flac":  # JFK pauses for effect: several turns
                    continue
                audio, rate = sf.read(speech_dir / row["file"], dtype="int16")
                if audio.ndim > 1:
                    audio = audio.mean(axis=1).astype(np.int16)
                found.append(Utterance(f"clip:{row['file']}", audio, rate))
    voice = services.speech.voices.default
    for index, text in enumerate(QUESTIONS):
        found.append(Utterance(f"question:{index}", synthesize_all(voice, text, 16_000), 16_000))
    return found


async def one_call(url: str, token: str, utterance: Utterance, services: Any, concurrency: int) -> CallResult:
    async with TwilioCaller(url, token) as caller:
        # Let the greeting play out: speech over it would be a barge-in (or, if short, a backchannel).
        await caller.silence_until(lambda: caller.played("greeting"), 30)
        marks = len(caller.received.marks)
        end = await caller.play(utterance.audio, utterance.rate)
        await caller.silence_until(lambda: any(n.startswith("turn-end") for _, n in caller.received.marks[marks:]), 60)
        first = caller.received.first_media_after(end)
    conversation = services.conversations.find_by_event("call", "call_sid", caller.call_sid)
    return call_result(services, conversation, utterance.id, concurrency, end, first, "twilio")


def call_result(
    services: Any,
    conversation: str | None,
    utterance_id: str,
    concurrency: int,
    end: float,
    first: float | None,
    transport: str,
) -> CallResult:
    """One call's figures: the caller's voice to voice, and the server's stages from its last voice_turn event."""
    turns = [p for _, p in services.conversations.events(conversation, "voice_turn")] if conversation else []
    turn = turns[-1] if turns else {}
    messages = services.conversations.messages(conversation) if conversation else []
    return CallResult(
        id=utterance_id,
        concurrency=concurrency,
        voice_to_voice_ms=None if first is None else (first - end) * 1000,
        transcript_ms=turn.get("transcript_ms"),
        first_token_ms=turn.get("first_token_ms"),
        first_audio_ms=turn.get("first_audio_ms"),
        hold_ms=turn.get("hold_ms"),
        stt_rtf=turn.get("stt_rtf"),
        heard=" ".join(m.text for m in messages if m.role == "customer"),
        reply=next((m.text for m in reversed(messages) if m.role == "bot"), ""),
        transport=transport,
    )


async def one_webrtc_call(base_url: str, utterance: Utterance, services: Any) -> CallResult:
    from hotline.bench.webrtc_caller import WebRTCCaller

    greeting_s = len(services.speech.greeting(48_000)) / 48_000
    caller = WebRTCCaller(base_url)
    try:
        conversation = (await caller.connect())["conversation_id"]
        greeting = await caller.until(lambda: caller.first_speech_after(0.0), 30)
        await asyncio.sleep(max(0.0, greeting + greeting_s + 0.5 - time.monotonic()))  # speech over it barges in
        caller.say(utterance.audio, utterance.rate)
        end = caller.speech_end

        def turn_stored() -> bool:
            return bool(services.conversations.events(conversation, "voice_turn"))

        await caller.until(lambda: turn_stored() and caller.first_speech_after(end), 60)
        first = caller.first_speech_after(end)
        await caller.hang_up("channel")
    finally:
        await caller.close()
    return call_result(services, conversation, utterance.id, 1, end, first, "webrtc")


@contextlib.asynccontextmanager
async def twilio_line(url: str, token: str) -> AsyncIterator[Any]:
    """An open phone line: 20 ms frames of silence, as a bridge streams them."""
    async with TwilioCaller(url, token) as caller:
        streaming = asyncio.create_task(caller.silence_until(lambda: False, 3600))
        try:
            yield caller
        finally:
            await cancel_and_wait(streaming)


@contextlib.asynccontextmanager
async def webrtc_line(base_url: str) -> AsyncIterator[Any]:
    from hotline.bench.webrtc_caller import WebRTCCaller

    caller = WebRTCCaller(base_url)  # its microphone sends silence between utterances, like a browser's
    try:
        await caller.connect()
        yield caller
    finally:
        await caller.hang_up("channel")


async def idle_call_cpu(open_call: Any, calls: int, seconds: float) -> dict[str, float]:
    """Gateway CPU for calls that are open and silent (the transport's own cost: codecs, crypto, VAD).

    The callers run in this thread; the gateway in others: process CPU minus this thread's is the gateway's."""
    async with contextlib.AsyncExitStack() as stack:
        for _ in range(calls):
            await stack.enter_async_context(open_call())
        await asyncio.sleep(2)  # past the greeting
        process, mine = time.process_time(), time.thread_time()
        await asyncio.sleep(seconds)
        gateway_cpu = (time.process_time() - process) - (time.thread_time() - mine)
    return {"calls": calls, "seconds": seconds, "gateway_cpu_percent_per_call": 100 * gateway_cpu / (calls * seconds)}


def tts_first_audio_ms(services: Any) -> list[float]:
    voice = services.speech.voices.default
    timings = []
    for text in (
        "An order can only be returned if its status is delivered.",
        "Refunds take 5 to 7 business days.",
        "I can connect you with a human agent.",
        "Your order has been cancelled.",
    ):
        started = time.perf_counter()
        next(iter(voice.synthesize(text)))
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def summarise(
    results: list[CallResult], level: int | None = None, kind: str = "", transport: str = "twilio"
) -> dict[str, Any]:
    chosen = [
        r
        for r in results
        if (level is None or r.concurrency == level) and r.id.startswith(kind) and r.transport == transport
    ]

    def stat(key: str) -> dict[str, float | None]:
        values = [getattr(r, key) for r in chosen if getattr(r, key) is not None]
        return {"p50": percentile(values, 0.5), "p95": percentile(values, 0.95)}

    rtf = [r.stt_rtf for r in chosen if r.stt_rtf is not None]
    return {
        "calls": len(chosen),
        "voice_to_voice_ms": stat("voice_to_voice_ms"),
        "transcript_ms": stat("transcript_ms"),
        "first_token_ms": stat("first_token_ms"),
        "first_audio_ms": stat("first_audio_ms"),
        "holding_phrase_said": sum(r.hold_ms is not None for r in chosen),
        "stt_rtf_mean": statistics.fmean(rtf) if rtf else None,
    }


def run_voice_bench(
    settings: Settings,
    limit: int | None,
    max_concurrency: int,
    target_ms: float,
    out: Path,
    console: Console,
    webrtc: bool = True,
) -> Table:
    import socket
    import threading

    import uvicorn

    from hotline.gateway.app import create_app
    from hotline.gateway.services import build_services

    console.print("loading models…")
    services = build_services(settings)
    if services.speech is None:
        raise RuntimeError(f"voice is not available: {services.load_errors.get('speech', 'disabled')}")
    utterances = load_utterances(settings, services)[: limit or None]
    token = next(iter(settings.voice.bridge_tokens.values()))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings, services), host="127.0.0.1", port=port, log_config=None)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the gateway failed to start")
        time.sleep(0.1)
    url = f"ws://127.0.0.1:{port}/ws/twilio"
    results: list[CallResult] = []
    levels: dict[int, dict[str, Any]] = {}

    async def sequential() -> None:
        for index, utterance in enumerate(utterances, start=1):
            result = await one_call(url, token, utterance, services, 1)
            results.append(result)
            console.print(
                f"[{index}/{len(utterances)}] {utterance.id}: v2v {result.voice_to_voice_ms or 0:,.0f} ms "
                f"heard {result.heard!r}",
                highlight=False,
            )

    questions = [u for u in utterances if u.id.startswith("question:")] or utterances

    async def concurrent(level: int) -> None:
        for round_ in range(2):
            batch = [questions[(round_ * level + i) % len(questions)] for i in range(level)]
            started = time.monotonic()
            calls = [one_call(url, token, u, services, level) for u in batch]
            for result in await asyncio.gather(*calls):
                results.append(result)
            console.print(f"{level} concurrent calls, round {round_ + 1}: {time.monotonic() - started:.1f} s")

    async def sequential_webrtc() -> None:
        for index, utterance in enumerate(utterances, start=1):
            result = await one_webrtc_call(f"http://127.0.0.1:{port}", utterance, services)
            results.append(result)
            console.print(
                f"[webrtc {index}/{len(utterances)}] {utterance.id}: v2v {result.voice_to_voice_ms or 0:,.0f} ms "
                f"heard {result.heard!r}",
                highlight=False,
            )

    idle: dict[str, Any] = {}

    async def measure_idle() -> None:
        idle["twilio"] = await idle_call_cpu(lambda: twilio_line(url, token), 4, 10.0)
        if webrtc:
            idle["webrtc"] = await idle_call_cpu(lambda: webrtc_line(f"http://127.0.0.1:{port}"), 4, 10.0)
        console.print(f"idle calls: {idle}")

    try:
        asyncio.run(sequential())
        if webrtc:
            from hotline.gateway.webrtc_setup import restrict_host_addresses

            restrict_host_addresses(["127.0.0.1"])  # caller and gateway share this machine
            asyncio.run(sequential_webrtc())
        asyncio.run(measure_idle())
        levels[1] = summarise(results, 1, "question:")
        # The criterion is the answer's first audio (server side), not the holding phrase.
        best = 1 if (levels[1]["first_audio_ms"]["p95"] or 1e9) <= target_ms else 0
        for level in range(2, max_concurrency + 1):
            if best < level - 1:
                break
            asyncio.run(concurrent(level))
            levels[level] = summarise(results, level)
            if (levels[level]["first_audio_ms"]["p95"] or 1e9) <= target_ms:
                best = level
        tts = tts_first_audio_ms(services)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        services.close()
    summary = {
        "single_call": summarise(results, 1),
        "single_call_clips": summarise(results, 1, "clip:"),
        "single_call_questions": levels[1],
        "webrtc_single_call": summarise(results, 1, transport="webrtc"),
        "webrtc_single_call_questions": summarise(results, 1, "question:", transport="webrtc"),
        "idle_call_cpu": idle,
        "by_concurrency": levels,
        "max_concurrent_calls_under_target": best,
        "target_p95_ms": target_ms,
        "tts_first_audio_ms": {"p50": percentile(tts, 0.5), "max": max(tts)},
        "stt_model": settings.voice.stt_model,
        "tts_voice": settings.voice.tts_voice,
        "end_silence_ms": settings.voice.end_silence_ms,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"summary": summary, "results": [asdict(r) for r in results]}, indent=2))
    console.print(f"wrote {out}")
    return table(summary)


def table(summary: dict[str, Any]) -> Table:
    def ms(value: float | None) -> str:
        return "-" if value is None else f"{value:,.0f} ms"

    single = summary["single_call"]
    out = Table(title=f"hotline bench voice: {single['calls']} calls one at a time, then concurrent")
    out.add_column("measure")
    out.add_column("p50", justify="right")
    out.add_column("p95", justify="right")
    for name, label in (("single_call_questions", "store questions"), ("single_call_clips", "book clips")):
        stats = summary[name]
        out.add_row(
            f"{label} ({stats['calls']}): voice to voice",
            ms(stats["voice_to_voice_ms"]["p50"]),
            ms(stats["voice_to_voice_ms"]["p95"]),
        )
        out.add_row(
            f"{label}: first answer audio (server)",
            ms(stats["first_audio_ms"]["p50"]),
            ms(stats["first_audio_ms"]["p95"]),
        )
    for key, label in (
        ("voice_to_voice_ms", "voice to voice (caller's last speech frame → first audio back)"),
        ("transcript_ms", "server: end of speech → transcript (incl. end-of-turn silence)"),
        ("first_token_ms", "server: end of speech → first token"),
        ("first_audio_ms", "server: end of speech → first answer audio out"),
    ):
        out.add_row(label, ms(single[key]["p50"]), ms(single[key]["p95"]))
    out.add_row("calls where the holding phrase was said", str(single["holding_phrase_said"]), "")
    rtc = summary["webrtc_single_call"]
    if rtc["calls"]:
        for key, label in (
            ("voice_to_voice_ms", f"WebRTC ({rtc['calls']} calls): voice to voice"),
            ("first_audio_ms", "WebRTC: server end of speech → first answer audio out"),
        ):
            out.add_row(label, ms(rtc[key]["p50"]), ms(rtc[key]["p95"]))
        questions = summary["webrtc_single_call_questions"]
        out.add_row(
            "WebRTC store questions: voice to voice",
            ms(questions["voice_to_voice_ms"]["p50"]),
            ms(questions["voice_to_voice_ms"]["p95"]),
        )
    for transport, cpu in summary["idle_call_cpu"].items():
        out.add_row(
            f"{transport}: gateway CPU per open silent call ({cpu['calls']} calls)",
            f"{cpu['gateway_cpu_percent_per_call']:.1f} % of a core",
            "",
        )
    if single["stt_rtf_mean"] is not None:
        out.add_row("Whisper real-time factor (mean)", f"{single['stt_rtf_mean']:.2f}", "")
    tts = summary["tts_first_audio_ms"]
    out.add_row("Piper time to first audio (one sentence)", ms(tts["p50"]), ms(tts["max"]))
    for level, stats in summary["by_concurrency"].items():
        if level == 1:
            continue
        for key, label in (("voice_to_voice_ms", "voice to voice"), ("first_audio_ms", "first answer audio")):
            out.add_row(f"{level} concurrent calls: {label}", ms(stats[key]["p50"]), ms(stats[key]["p95"]))
    out.add_row(
        f"max concurrent calls with first-answer-audio p95 ≤ {summary['target_p95_ms']:,.0f} ms",
        str(summary["max_concurrent_calls_under_target"]),
        "",
    )
    return out
