"""The escalation commands: ``hotline train escalation-calibrate`` and ``hotline bench escalation``."""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from hotline.cli_learning import _settings
from hotline.cli_progress import progress
from hotline.training.anger_phrases import PER_FRAME

console = Console(stderr=True, soft_wrap=True)


def _scorer() -> tuple[Any, Path, Any, dict[str, float], tuple[str, ...]]:
    """The gateway's signals over one embedding pass — the anger signal's heads ("anger_heads": one row per head,
    combined under the calibration's shifts by ``escalation_calibration.anger_scores``), the
    dissatisfaction head when trained, and the red-line's abuse flag ("abuse": 1.0 where the input red-line flags
    profanity, an angry turn for the decision whatever the score), the person head when trained — where the
    calibration lives, the heads' own thresholds and the anger signal's head files."""
    import numpy as np

    from hotline.dialogue.escalation import (
        AngerSignal,
        SignalHead,
        calibration_path_for,
        dissatisfied_path_for,
        person_path_for,
    )
    from hotline.model_loading import load_embedder
    from hotline.redline.rules import RedLine
    from hotline.training.escalation_data import embed_in_batches

    settings = _settings()
    embedder = load_embedder(settings)
    redline = RedLine()
    anger = AngerSignal.load(embedder, tuned=settings.escalation.tuned_anger, int8=settings.escalation.tuned_int8)
    if anger is None:
        console.print(f"[red]error:[/] no anger head for {embedder.name}: run `hotline train escalation`")
        raise typer.Exit(2)
    heads: dict[str, Any] = {}
    if dissatisfied_path_for(embedder.name).exists():
        heads["dissatisfied"] = SignalHead(embedder, dissatisfied_path_for(embedder.name))
    if person_path_for(embedder.name).exists():
        heads["person"] = SignalHead(embedder, person_path_for(embedder.name))

    def score(texts: list[str]) -> dict[str, Any]:
        vectors = embed_in_batches(embedder, texts)
        scores = {name: h.score_texts(texts, vectors) for name, h in heads.items()}
        scores["anger_heads"] = anger.head_scores(texts, vectors)  # combined under the calibration's shifts
        scores["abuse"] = np.array([redline.check_input(text).abuse for text in texts], dtype=np.float32)
        return scores

    thresholds = {name: h.threshold for name, h in heads.items()} | {"anger": anger.threshold}
    return score, calibration_path_for(embedder.name), settings, thresholds, anger.files


def train_escalation_dissatisfied(
    per_class: Annotated[int, typer.Option(help="GoEmotions texts per class (unhappy, content)")] = 2000,
) -> None:
    """Train the dissatisfaction head (GoEmotions' annoyance, disappointment, disapproval, anger vs neutral and
    content texts, plus the company's customer messages); then run `hotline train escalation-calibrate`."""
    from hotline.dialogue.escalation import dissatisfied_path_for
    from hotline.model_loading import load_embedder
    from hotline.training.escalation_data import BITEXT, bitext_parts, customer_messages
    from hotline.training.escalation_dissatisfied import train_dissatisfied_head

    settings = _settings()
    emotion_dir = emotion_dir_or_exit(settings, "train.tsv")
    embedder = load_embedder(settings)
    messages = customer_messages(settings.demo_kb_dir, 400, seed=9)  # other texts than the calibration's (seed 5)
    with progress(console, "training…") as status:
        report = train_dissatisfied_head(
            embedder,
            emotion_dir,
            messages,
            dissatisfied_path_for(embedder.name),
            status.update,
            per_class,
            bitext=bitext_parts(Path(settings.shared_data_dir) / "dialogue" / BITEXT)["train"],
        )
    console.print_json(data=report)


def train_escalation_person() -> None:
    """Train the head that hears a customer asking for a person in words of their own (en/ru/zh); its threshold
    is chosen on held-back messages that ask for no one and stored with it. Reports the held-out phrasings."""
    from hotline.dialogue.escalation import person_path_for
    from hotline.model_loading import load_embedder
    from hotline.training.escalation_data import customer_messages
    from hotline.training.escalation_person import train_person_head

    settings = _settings()
    emotion_dir_or_exit(settings, "train.tsv")
    embedder = load_embedder(settings)
    messages = {  # other texts for training than for choosing the threshold
        "train": customer_messages(settings.demo_kb_dir, 400, seed=9),
        "calibration": customer_messages(settings.demo_kb_dir, 600, seed=5),
    }
    out = person_path_for(embedder.name)
    with progress(console, "training…") as status:
        report = train_person_head(embedder, Path(settings.shared_data_dir), messages, out, status.update)
    console.print(f"wrote {out}")
    console.print_json(data=report)


def train_escalation_customers(
    per_frame: Annotated[
        int, typer.Option(help="Angry and calm customers composed per frame (anger_phrases.yaml)")
    ] = PER_FRAME,
) -> None:
    """Train the head for customers angry with the company (composed from anger_phrases.yaml, en/ru/zh), whose
    score the gateway combines with the anger head's by taking the higher; then run `hotline train
    escalation-calibrate`. Reports the held-out phrasings."""
    from hotline.dialogue.escalation import customer_head_path_for
    from hotline.model_loading import load_embedder
    from hotline.training.escalation_customers import CustomerAngerTraining, train_customer_anger_head
    from hotline.training.escalation_data import customer_messages

    settings = _settings()
    emotion_dir = emotion_dir_or_exit(settings, "train.tsv")
    embedder = load_embedder(settings)
    messages = customer_messages(settings.demo_kb_dir, 400, seed=9)  # another draw than the calibration's (seed 5)
    out = customer_head_path_for(embedder.name)
    with progress(console, "training…") as status:
        report = train_customer_anger_head(
            embedder, emotion_dir, messages, out, status.update, CustomerAngerTraining(per_frame=per_frame)
        )
    console.print(f"wrote {out}")
    console.print_json(data=report)


def emotion_dir_or_exit(settings: Any, split: str) -> Path:
    """The shared emotion data, or a clear error and exit 2 when its GoEmotions ``split`` is missing."""
    emotion_dir = Path(settings.shared_data_dir) / "emotion"
    if not (emotion_dir / split).exists():
        console.print(f"[red]error:[/] GoEmotions not found in {emotion_dir}")
        raise typer.Exit(2)
    return emotion_dir


def _sets(settings: Any, limit: int) -> Any:
    from hotline.training.escalation_data import BITEXT, customer_messages, load_sets

    emotion_dir = emotion_dir_or_exit(settings, "dev.tsv")
    bitext = Path(settings.shared_data_dir) / "dialogue" / BITEXT
    return load_sets(emotion_dir, customer_messages(settings.demo_kb_dir), limit, bitext)


def train_escalation_calibrate(
    limit: Annotated[int, typer.Option(help="Texts per kind, language and half")] = 800,
    plot: Annotated[Path, typer.Option(help="Reliability plot (PNG)")] = Path(
        "bench-results/escalation-reliability.png"
    ),
    keep_anger: Annotated[
        bool, typer.Option(help="Keep the shipped anger thresholds; choose the dissatisfaction ones only")
    ] = False,
) -> None:
    """Choose the anger head's thresholds per language (≤ 2 % of neutral customers transferred) on validation
    data; report the test half and a reliability plot. The gateway reads the result next to the head."""
    from hotline.training.escalation_calibration import calibrate

    score, out, settings, _, anger_heads = _scorer()
    anger = None
    if keep_anger and out.exists():
        kept = json.loads(out.read_text())
        anger = (kept.get("customer_head_shift", {}), kept["by_language"])
    with progress(console, "calibrating…") as status:
        report = calibrate(score, _sets(settings, limit), out, plot, lambda m: status.update(m), anger, anger_heads)
    console.print(f"wrote {out} and {plot} in {report['seconds']} s")
    console.print(_table(report, "hotline train escalation-calibrate (test half)"))
    console.print(_dissatisfied_table(report))


def bench_escalation(
    limit: Annotated[int, typer.Option(help="Texts per kind and language")] = 800,
    out: Annotated[Path, typer.Option(help="JSON results")] = Path("bench-results/escalation.json"),
) -> None:
    """Neutral customers transferred, anger/abuse caught, complaints' tone flagged — per language, with the one
    global setting and with the calibrated per-language one — and the scoring time per message."""
    import numpy as np

    from hotline.dialogue.escalation import calibrated_heads
    from hotline.training.escalation_calibration import (
        anger_scores,
        measure,
        measure_dissatisfied,
        measure_global,
        score_sets,
    )

    score, calibration, settings, thresholds, anger_heads = _scorer()
    if not calibration.exists():
        console.print(f"[red]error:[/] {calibration} is missing: run `hotline train escalation-calibrate`")
        raise typer.Exit(2)
    calibrated = json.loads(calibration.read_text())
    chosen, shifts = calibrated["by_language"], calibrated.get("customer_head_shift", {})
    if (chosen_over := calibrated_heads(calibration)) is not None and chosen_over != anger_heads:
        console.print(
            f"[yellow]warning:[/] the thresholds were chosen over {', '.join(chosen_over)}, the anger signal is "
            f"{', '.join(anger_heads)}: run `hotline train escalation-calibrate`"
        )
    sets = _sets(settings, limit)["test"]
    with progress(console, "scoring…") as status:
        test = score_sets(score, sets, lambda m: status.update(m))
    test["anger"] = anger_scores(test["anger_heads"], shifts, chosen)
    timings, given = [], []  # with the message's embedding; with it already computed by the turn (cached)
    for text in [t for labelled in sets.values() for t in labelled.texts.get("customer", [])][:200]:
        started = time.perf_counter()
        score([text])
        embedded = time.perf_counter()
        score([text])
        timings.append((embedded - started) * 1000)
        given.append((time.perf_counter() - embedded) * 1000)
    report: dict[str, Any] = {
        "customer_head_shift": shifts,
        "test_global_setting": measure_global(test),
        "test_per_language": measure(test["anger"], chosen, test.get("abuse")),
        "score_ms": _percentiles(timings),
        # The turn embeds the message once (understanding, retrieval and these heads share it): the signals' own cost
        "signals_ms_given_embedding": _percentiles(given),
    }
    if "person" in test:  # messages of every kind the person head would hand over on their own (none asks)
        report["person_flagged"] = {
            lang: {kind: round(float(np.mean(s >= thresholds["person"])), 4) for kind, s in kinds.items()}
            for lang, kinds in test["person"].items()
        }
    if "dissatisfied" in test and "dissatisfied_by_language" in calibrated:
        report["dissatisfied_test"] = measure_dissatisfied(test["dissatisfied"], calibrated["dissatisfied_by_language"])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2))
    signals = report["signals_ms_given_embedding"]
    console.print(
        f"wrote {out}; scoring one message: p50 {report['score_ms']['p50']} ms, p95 {report['score_ms']['p95']} ms "
        f"(the signals given the turn's embedding: p50 {signals['p50']} ms, p95 {signals['p95']} ms)"
    )
    if "person_flagged" in report:
        console.print(f"messages the person head would hand over (none asks for one): {report['person_flagged']}")
    console.print(_table(report, "hotline bench escalation"))
    console.print(_dissatisfied_table(report))


def _percentiles(ms: list[float]) -> dict[str, float]:
    return {"p50": round(statistics.median(ms), 2), "p95": round(statistics.quantiles(ms, n=20)[18], 2)}


def _dissatisfied_table(report: dict[str, Any]) -> Table:
    table = Table(
        title="dissatisfaction head (test half; threshold: ≤ 5 % of neutral messages flagged and, where the "
        "language has real customers' requests (en), ≤ 2 % of those)"
    )
    kinds = ("dissatisfied", "angry", "neutral", "customer", "complaint", "request")
    names = ("dissatisfied", "angry", "neutral", "customers", "complaints (Bitext)", "requests (Bitext)")
    for column in ("lang", *(f"{name} flagged" for name in names)):
        table.add_column(column)
    for lang, row in report.get("dissatisfied_test", {}).items():
        table.add_row(lang, *(f"{row[k]:.1%}" if k in row else "—" for k in (f"{kind}_flagged" for kind in kinds)))
    return table


def _table(report: dict[str, Any], title: str) -> Table:
    table = Table(title=title)
    for column in (
        "setting",
        "lang",
        "neutral transferred (one pairing / all)",
        "customers transferred",
        "angry turns flagged",
        "angry transferred",
        "angry customers flagged (held-out phrasings)",
        "angry customers transferred",
        "calm customers flagged (held-out phrasings)",
        "dissatisfied flagged",
    ):
        table.add_column(column)
    for name, key in (("one global", "test_global_setting"), ("per language", "test_per_language")):
        for lang, row in report[key].items():
            table.add_row(
                name,
                lang,
                f"{row['neutral_transferred']:.1%} / {row['neutral_transferred_all_pairings']:.1%}"
                if "neutral_transferred_all_pairings" in row
                else "—",
                *(
                    f"{row[k]:.1%}" if k in row else "—"
                    for k in (
                        "customer_transferred",
                        "angry_turn_recall",
                        "angry_transferred",
                        "angry_customer_turn_recall",
                        "angry_customer_transferred",
                        "calm_customer_flagged",
                        "dissatisfied_flagged",
                    )
                ),
            )
    return table


def train_escalation_tuned(
    epochs: Annotated[int, typer.Option(help="Passes over the training sample")] = 1,
    rank: Annotated[int, typer.Option(help="LoRA rank")] = 16,
    limit: Annotated[int, typer.Option(help="Texts per kind, language and half measured")] = 800,
    out: Annotated[Path | None, typer.Option(help="Where to write the adapter and head (.npz)")] = None,
    compare: Annotated[bool, typer.Option(help="Also measure the signal without it")] = True,
) -> None:
    """Fine-tune multilingual-e5-small (a LoRA adapter) with a linear anger head on the anger head's training
    sample, and report per language the test half's angry comments and customers flagged at thresholds that flag
    9 % and 2 % of the calibration half's neutral texts, beside the anger signal without it. Slow on CPU (~65 min
    an epoch and its report on 2 cores). The gateway puts it in the comment head's place
    (``escalation.tuned_anger``); run `hotline train escalation-calibrate` after it."""
    from hotline.dialogue.escalation import AngerSignal
    from hotline.dialogue.head_files import head_file
    from hotline.model_loading import load_embedder
    from hotline.training.escalation_data import customer_messages
    from hotline.training.escalation_tuned import TunedTraining, train_tuned_anger

    settings = _settings()
    emotion_dir = emotion_dir_or_exit(settings, "train.tsv")
    target = out or head_file("anger-tuned", "packaged:multilingual-e5-small")
    shipped = None
    if compare:
        embedder = load_embedder(settings)
        shipped = AngerSignal.load(embedder, tuned=False) if embedder.name == "packaged:multilingual-e5-small" else None
    messages = customer_messages(settings.demo_kb_dir, 400, seed=9)  # another draw than the calibration's (seed 5)
    config = TunedTraining(epochs=epochs, rank=rank)
    with progress(console, "fine-tuning…") as status:
        report = train_tuned_anger(
            emotion_dir,
            messages,
            _sets(settings, limit),
            target,
            status.update,
            config,
            (lambda texts, lang: shipped.score_many(texts, lang)) if shipped is not None else None,
        )
    console.print(f"wrote {target}")
    console.print_json(data=report)
