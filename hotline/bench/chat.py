"""``hotline bench chat``: scripted customer questions against a running gateway over /ws/chat.

Questions are drawn at run time from the shared material (never copied into the repo): Bitext support
utterances for the intents our demo store's policy covers, each paired with the policy fact that answers
it, τ-bench retail tasks' orders asked about by id, and the policy questions of ``hotline eval policy`` in each
language (its held-out ones first). Reports first-token and total latency percentiles, overall and per language, and
the hit rate: does a cited passage (or store record) contain the answer fact, and does a policy answer state its fact
in the customer's language?
"""

from __future__ import annotations

import csv
import json
import re
import statistics
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from hotline.chat_client import chat_url
from hotline.dialogue.language import message_language
from hotline.evaluation.policy import load_questions
from hotline.languages import pack
from hotline.settings import Settings

# Bitext intent -> what the customer must read in the reply: the help centre's wording of the policy fact (the
# agent policy, retail_wiki.md, is internal: never quoted to customers, so never what a reply is judged on).
INTENT_FACTS = {
    "cancel_order": r"only while it is pending",
    "change_order": r"shipping address|payment method|options",
    "change_shipping_address": r"shipping address",
    "check_refund_policy": r"\d+ to \d+ business days|original payment method",
    "get_refund": r"original payment method|payment method you used|gift card",
    "track_refund": r"\d+ to \d+ business days",
    "check_payment_methods": r"credit card[^.]*paypal[^.]*gift card|paypal[^.]*credit card",
}
PER_INTENT = 3
PRODUCTS = ("T-Shirt", "Mechanical Keyboard", "Office Chair")
TAU_ORDERS = 10
POLICY_PER_LANGUAGE = 12
LANGUAGES = ("en", "ru", "zh")
_PLACEHOLDER = re.compile(r"\{\{[^}]*\}\}")
_ORDER = re.compile(r"#W\d{7}")


@dataclass
class Question:
    id: str
    text: str
    source: str
    fact: str | None = None  # a Bitext question: a pattern of the reply; a product: in a cited passage
    order_id: str | None = None
    order_status: str | None = None  # the store's status, must be cited and said
    lang: str = "en"
    pattern: str | None = None  # a policy question's fact, as ``hotline eval policy`` finds it in the reply


@dataclass
class Result:
    id: str
    source: str
    lang: str
    first_token_ms: float | None
    first_sentence_ms: float | None
    total_ms: float
    server_first_token_ms: float | None
    tokens_per_s: float
    hit: bool | None
    reply: str
    failed: bool
    cited: list[str] = field(default_factory=list)


def build_questions(shared_data: Path, limit: int | None = None) -> list[Question]:
    questions: list[Question] = []
    orders = json.loads((shared_data / "kb" / "retail_data_orders.json").read_text())
    users = json.loads((shared_data / "kb" / "retail_data_users.json").read_text())
    sample_order = next(iter(orders))
    with (shared_data / "dialogue" / "bitext_cs_llm_v2023-08-18.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    for intent, fact in INTENT_FACTS.items():
        picked = [r for r in rows if r["intent"] == intent][:PER_INTENT]
        for index, row in enumerate(picked):
            text = _PLACEHOLDER.sub(sample_order, row["instruction"]).strip()
            questions.append(Question(f"bitext-{intent}-{index}", text, f"bitext:{intent}", fact=fact))
    tasks = json.loads((shared_data / "kb" / "tau_retail_tasks_dev.json").read_text())
    seen: set[str] = set()
    for index, task in enumerate(tasks):
        for order_id in _ORDER.findall(task["instruction"]):
            if order_id in seen or order_id not in orders or len(seen) >= TAU_ORDERS:
                continue
            seen.add(order_id)
            questions.append(
                Question(
                    f"tau-dev-{index}-{order_id}",
                    # an order's status is told once the customer is known: the e-mail comes with the question
                    f"Hi, it's {users[orders[order_id]['user_id']]['email']} - "
                    f"what's the status of my order {order_id}?",
                    f"tau:dev:{index}",
                    order_id=order_id,
                    order_status=orders[order_id]["status"],
                )
            )
    for name in PRODUCTS:
        questions.append(
            Question(f"product-{name}", f"What options does the {name.lower()} come in?", "catalog", fact=name)
        )
    questions += policy_questions(POLICY_PER_LANGUAGE)
    return questions[:limit] if limit else questions


def policy_questions(per_language: int) -> list[Question]:
    """Answerable policy questions of ``hotline eval policy``, ``per_language`` in each language, held-out first."""
    asked, facts = load_questions()
    chosen: list[Question] = []
    for lang in LANGUAGES:
        mine = [q for q in asked if q.lang == lang and q.fact not in ("none", "human")]  # a handoff is no answer
        mine.sort(key=lambda q: not q.held_out)  # stable: the held-out ones, then the rest, each in file order
        chosen += [
            Question(f"policy-{lang}-{index}", q.question, f"policy:{lang}", lang=lang, pattern=facts[q.fact][lang])
            for index, q in enumerate(mine[:per_language])
        ]
    return chosen


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def ask(ws_url: str, question: Question) -> Result:
    from websockets.sync.client import connect

    with connect(chat_url(ws_url), max_size=1 << 22) as ws:
        json.loads(ws.recv(timeout=30))  # disclosure
        started = time.perf_counter()
        ws.send(json.dumps({"type": "message", "text": question.text}))
        first_token = first_sentence = None
        sources: dict[str, Any] = {"passages": [], "orders": []}
        while True:
            event = json.loads(ws.recv(timeout=300))
            elapsed = (time.perf_counter() - started) * 1000
            if event["type"] == "token" and first_token is None:
                first_token = elapsed
            elif event["type"] == "sentence" and first_sentence is None:
                first_sentence = elapsed
            elif event["type"] == "sources":
                sources = event
            elif event["type"] == "done":
                break
    hit: bool | None = None
    if question.pattern is not None:  # stated, in the customer's language (whatever was cited)
        found = re.search(question.pattern, event["text"], re.IGNORECASE) is not None
        hit = found and message_language(event["text"])[0] == question.lang
    elif question.fact is not None and event["text"].startswith(pack("en").phrases["no_answer"][:40]):
        hit = False  # "I don't have reliable information…": a miss, whatever was (not) cited
    elif question.fact is not None and not sources["passages"] and not sources["orders"]:
        hit = None  # taken by a store-action flow (it asks who the customer is): no retrieval to judge
    elif question.fact is not None and question.source.startswith("bitext"):  # said to the customer
        hit = re.search(question.fact, event["text"], re.IGNORECASE) is not None
    elif question.fact is not None:  # a product named: its catalogue entry cited
        fact = question.fact.lower()
        hit = any(fact in (p["heading"] + " " + p["text"]).lower() for p in sources["passages"])
    elif question.order_id is not None:
        hit = (
            any(o["order_id"] == question.order_id and o["status"] == question.order_status for o in sources["orders"])
            and f"is {question.order_status}" in event["text"]
        )
    return Result(
        question.id,
        question.source,
        question.lang,
        first_token,
        first_sentence,
        elapsed,
        event["metrics"]["first_token_ms"],
        event["metrics"]["tokens_per_s"],
        hit,
        event["text"],
        event["failed"],
        [p["title"] for p in sources["passages"]] + [o["order_id"] for o in sources["orders"]],  # as customers see them
    )


def _latencies(results: list[Result]) -> dict[str, Any]:
    first = [r.first_token_ms for r in results if r.first_token_ms is not None]
    policy = [r for r in results if r.source.startswith("policy")]
    return {
        "questions": len(results),
        "first_token_ms": {"p50": _percentile(first, 0.5), "p95": _percentile(first, 0.95)},
        "total_ms": {"p50": _percentile([r.total_ms for r in results], 0.5)},
        "policy_questions": len(policy),
        "policy_fact_rate": sum(bool(r.hit) for r in policy) / len(policy) if policy else None,
    }


def summarise(results: list[Result]) -> dict[str, Any]:
    first = [r.first_token_ms for r in results if r.first_token_ms is not None]
    sentence = [r.first_sentence_ms for r in results if r.first_sentence_ms is not None]
    server_first = [r.server_first_token_ms for r in results if r.server_first_token_ms is not None]
    total = [r.total_ms for r in results]
    judged = [r for r in results if r.hit is not None]
    flows = [r for r in results if r.hit is None and r.source.startswith("bitext")]
    kb = [r for r in judged if not r.source.startswith(("tau", "policy"))]
    orders = [r for r in judged if r.source.startswith("tau")]
    return {
        "questions": len(results),
        "failed": sum(r.failed for r in results),
        "first_token_ms": {"p50": _percentile(first, 0.5), "p95": _percentile(first, 0.95)},
        "first_sentence_ms": {"p50": _percentile(sentence, 0.5), "p95": _percentile(sentence, 0.95)},
        "server_first_token_ms": {
            "p50": _percentile(server_first, 0.5),
            "p95": _percentile(server_first, 0.95),
        },
        "total_ms": {"p50": _percentile(total, 0.5), "p95": _percentile(total, 0.95)},
        "tokens_per_s_mean": statistics.fmean([r.tokens_per_s for r in results if r.tokens_per_s])
        if any(r.tokens_per_s for r in results)
        else None,
        "kb_hit_rate": sum(bool(r.hit) for r in kb) / len(kb) if kb else None,
        "kb_questions": len(kb),
        "taken_by_action_flows": len(flows),
        "order_fact_rate": sum(bool(r.hit) for r in orders) / len(orders) if orders else None,
        "order_questions": len(orders),
        "by_language": {lang: _latencies([r for r in results if r.lang == lang]) for lang in LANGUAGES},
    }


def table(summary: dict[str, Any]) -> Table:
    def ms(value: float | None) -> str:
        return "-" if value is None else f"{value:,.0f} ms"

    out = Table(title=f"hotline bench chat: {summary['questions']} questions, {summary['failed']} failed")
    out.add_column("measure")
    out.add_column("p50", justify="right")
    out.add_column("p95", justify="right")
    for key, label in (
        ("first_token_ms", "first token (client)"),
        ("first_sentence_ms", "first checked sentence"),
        ("server_first_token_ms", "first model token (server)"),
        ("total_ms", "total reply"),
    ):
        out.add_row(label, ms(summary[key]["p50"]), ms(summary[key]["p95"]))
    if summary["kb_hit_rate"] is not None:
        out.add_row(
            f"fact stated or cited ({summary['kb_questions']} KB questions)",
            f"{summary['kb_hit_rate']:.0%}",
            "",
        )
    if summary.get("taken_by_action_flows"):
        out.add_row("action requests taken by a store flow (not judged)", str(summary["taken_by_action_flows"]), "")
    if summary["order_fact_rate"] is not None:
        out.add_row(
            f"order status cited and stated ({summary['order_questions']})",
            f"{summary['order_fact_rate']:.0%}",
            "",
        )
    for lang, entry in summary.get("by_language", {}).items():
        if not entry["questions"]:
            continue
        out.add_row(
            f"{lang}: first token ({entry['questions']} questions)",
            ms(entry["first_token_ms"]["p50"]),
            ms(entry["first_token_ms"]["p95"]),
        )
        if entry["policy_fact_rate"] is not None:
            out.add_row(
                f"{lang}: policy fact stated in {lang} ({entry['policy_questions']})",
                f"{entry['policy_fact_rate']:.0%}",
                "",
            )
    return out


def run_chat_bench(settings: Settings, url: str | None, limit: int | None, out: Path, console: Console) -> Table:
    questions = build_questions(settings.shared_data_dir, limit)
    results: list[Result] = []

    def run_all(ws_url: str) -> None:
        for index, question in enumerate(questions, start=1):
            result = ask(ws_url, question)
            results.append(result)
            console.print(
                f"[{index}/{len(questions)}] {question.id}: {result.total_ms:,.0f} ms hit={result.hit}",
                highlight=False,
            )

    if url:
        run_all(url.rstrip("/"))
    else:
        import socket
        import threading

        import uvicorn

        from hotline.gateway.app import create_app

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        # one session per question from one address: the bench's own gateway lets it open them faster than the
        # per-address limit a real client gets (a gateway given by --url keeps its own limits)
        security = settings.security.model_copy(update={"sessions_per_minute": 6000.0, "session_burst": 1000.0})
        app = create_app(settings.model_copy(update={"security": security}))
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None))
        thread = threading.Thread(target=server.run, daemon=True)
        console.print("starting a gateway for the bench (loading models)…")
        thread.start()
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("the gateway failed to start")
            time.sleep(0.1)
        try:
            run_all(f"ws://127.0.0.1:{port}")
        finally:
            server.should_exit = True
            thread.join(timeout=30)

    summary = summarise(results)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"summary": summary, "results": [asdict(r) for r in results]}, indent=2))
    console.print(f"wrote {out}")
    return table(summary)
