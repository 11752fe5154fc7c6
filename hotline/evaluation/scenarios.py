"""``hotline eval scenarios FILE``: scripted customer conversations over /ws/chat, judged like τ-bench.

For each scenario the store is reset, the customer's turns are sent one by one (a confirmation request is
answered with the next confirm reply), and the store's end state is compared with the state the expected
actions produce on a fresh store: equal state + every expected output said = resolved. Writes that are
not among the expected actions are counted apart (the critical number). A keyword bot (canned policy
answers, no actions) runs through the same harness as the baseline.
"""

from __future__ import annotations

import json
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from hotline.chat_client import chat_url
from hotline.storage.database import make_engine, migrate, session_factory
from hotline.store.actions import WRITE_ACTIONS
from hotline.store.service import StoreService


@dataclass
class Scenario:
    id: str
    lang: str
    turns: list[str]
    confirm_replies: list[str]
    actions: list[dict[str, Any]]
    outputs: list[str]


@dataclass
class ScenarioResult:
    id: str
    resolved: bool
    state_matches: bool
    outputs_found: bool
    unexpected_writes: int
    transferred: bool
    turns: int
    latencies_ms: list[float] = field(default_factory=list)
    transcript: list[tuple[str, str]] = field(default_factory=list)


def load_scenarios(path: Path) -> list[Scenario]:
    scenarios = []
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if not line.strip():
            continue
        data = json.loads(line)
        try:
            scenarios.append(
                Scenario(
                    data["id"],
                    data.get("lang", "en"),
                    data["turns"],
                    data.get("confirm_replies", []),
                    data.get("actions", []),
                    data.get("outputs", []),
                )
            )
        except KeyError as error:
            raise ValueError(f"{path}:{number}: missing field {error}") from None
    return scenarios


# A conversation partner: takes the customer's message, returns (reply text, asks_confirmation, transferred).
Bot = Callable[[str], tuple[str, bool, bool]]


class ChatBot:
    """Hotline over a real WebSocket."""

    def __init__(self, ws_url: str) -> None:
        from websockets.sync.client import connect

        self._ws = connect(chat_url(ws_url), max_size=1 << 22)
        self.conversation_id = json.loads(self._ws.recv(timeout=30))["conversation_id"]

    def __call__(self, text: str) -> tuple[str, bool, bool]:
        self._ws.send(json.dumps({"type": "message", "text": text}))
        while True:
            event = json.loads(self._ws.recv(timeout=300))
            if event["type"] == "error" and event.get("code") == "rate_limited":
                time.sleep(2.0)  # a scripted customer types faster than any person: back off and resend
                self._ws.send(json.dumps({"type": "message", "text": text}))
                continue
            if event["type"] == "error":
                raise RuntimeError(f"the gateway refused a scenario message: {event}")
            if event["type"] == "done":
                return event["text"], bool(event.get("pending_action")), False
            if event["type"] == "handoff" and event["status"] == "waiting":
                return event["text"], False, True

    def close(self) -> None:
        self._ws.close()


_KEYWORD_ANSWERS = [
    (r"cancel", "Orders can only be cancelled while they are pending. Please contact us to cancel."),
    (r"return|refund", "Delivered orders can be returned; the refund goes to the original payment method."),
    (r"exchange", "Delivered items can be exchanged for another option of the same product."),
    (r"address", "Pending orders can have their shipping address changed."),
]


def keyword_bot(text: str) -> tuple[str, bool, bool]:
    """The baseline: a canned policy answer per keyword, never an action."""
    for pattern, answer in _KEYWORD_ANSWERS:
        if re.search(pattern, text, re.IGNORECASE):
            return answer, False, False
    return "I'm sorry, I can only answer questions about our policies.", False, False


def _action_key(name: str, kwargs: dict[str, Any]) -> tuple[str, str]:
    """Order of item ids does not matter to the store (it keeps them sorted)."""
    normal = {k: sorted(v) if isinstance(v, list) else v for k, v in kwargs.items()}
    return name, json.dumps(normal, sort_keys=True)


def _comparable(snapshot: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {"users": snapshot["users"], "orders": snapshot["orders"]}


def expected_state(kb_dir: Path, actions: list[dict[str, Any]]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/expected.sqlite3")
        migrate(engine)
        store = StoreService(session_factory(engine))
        store.import_dir(kb_dir)
        store.apply_actions(actions)
        state = _comparable(store.snapshot())
        engine.dispose()
    return state


def run_scenario(
    scenario: Scenario, store: StoreService, kb_dir: Path, bot: Bot, conversation_id: str | None
) -> ScenarioResult:
    store.import_dir(kb_dir)  # reset
    turns, confirms = list(scenario.turns), list(scenario.confirm_replies)
    transcript: list[tuple[str, str]] = []
    latencies: list[float] = []
    transferred = False
    message = turns.pop(0) if turns else None
    while message is not None:
        started = time.perf_counter()
        reply, asks_confirmation, transferred = bot(message)
        latencies.append((time.perf_counter() - started) * 1000)
        transcript += [("customer", message), ("bot", reply)]
        if transferred:
            break
        pending = confirms if asks_confirmation else turns  # a confirmation request takes the next yes/no
        message = pending.pop(0) if pending else None
    state = _comparable(store.snapshot())
    state_matches = state == expected_state(kb_dir, scenario.actions)
    said = " ".join(text for role, text in transcript if role == "bot").lower()
    outputs_found = all(str(output).lower() in said for output in scenario.outputs)
    expected = [_action_key(a["name"], a["kwargs"]) for a in scenario.actions if a["name"] in WRITE_ACTIONS]
    writes = [a for a in store.actions(conversation_id) if a.error is None] if conversation_id else []
    unexpected = [w for w in writes if _action_key(w.name, w.arguments) not in expected]
    return ScenarioResult(
        scenario.id,
        state_matches and outputs_found,
        state_matches,
        outputs_found,
        len(unexpected),
        transferred,
        len(latencies),
        latencies,
        transcript,
    )


def summarise(results: list[ScenarioResult]) -> dict[str, Any]:
    latencies = sorted(ms for r in results for ms in r.latencies_ms)

    def pct(q: float) -> float | None:
        return round(latencies[min(len(latencies) - 1, int(q * len(latencies)))], 1) if latencies else None

    n = len(results) or 1
    return {
        "scenarios": len(results),
        "resolved": sum(r.resolved for r in results),
        "resolution_rate": round(sum(r.resolved for r in results) / n, 3),
        "unexpected_writes": sum(r.unexpected_writes for r in results),
        "unexpected_write_rate": round(sum(r.unexpected_writes > 0 for r in results) / n, 3),
        "transfers": sum(r.transferred for r in results),
        "turns_per_conversation": round(statistics.fmean([r.turns for r in results]), 2) if results else 0,
        "turn_latency_ms": {"p50": pct(0.5), "p95": pct(0.95)},
    }


def run_scenarios(services: Any, path: Path, out: Path, console: Console) -> Table:
    import socket
    import threading

    import uvicorn

    from hotline.gateway.app import create_app

    scenarios = load_scenarios(path)
    kb_dir = services.settings.demo_kb_dir
    store: StoreService = services.store
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(services.settings, services), host="127.0.0.1", port=port, log_config=None)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    hotline_results, baseline_results = [], []
    try:
        for index, scenario in enumerate(scenarios, start=1):
            bot = ChatBot(f"ws://127.0.0.1:{port}")
            try:
                result = run_scenario(scenario, store, kb_dir, bot, bot.conversation_id)
            finally:
                bot.close()
            hotline_results.append(result)
            baseline_results.append(run_scenario(scenario, store, kb_dir, keyword_bot, None))
            console.print(
                f"[{index}/{len(scenarios)}] {scenario.id}: resolved={result.resolved} "
                f"unexpected_writes={result.unexpected_writes}",
                highlight=False,
            )
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        store.import_dir(kb_dir)
    h, b = summarise(hotline_results), summarise(baseline_results)
    report = {
        "hotline": h,
        "keyword_baseline": b,
        "results": [asdict(r) for r in hotline_results],
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    console.print(f"wrote {out}")
    table = Table(title=f"hotline eval scenarios: {path.name}")
    table.add_column("measure")
    table.add_column("Hotline", justify="right")
    table.add_column("keyword baseline", justify="right")
    table.add_row(
        "resolved",
        f"{h['resolved']}/{h['scenarios']} ({h['resolution_rate']:.0%})",
        f"{b['resolved']}/{b['scenarios']} ({b['resolution_rate']:.0%})",
    )
    table.add_row("conversations with unexpected writes", str(h["unexpected_writes"]), str(b["unexpected_writes"]))
    table.add_row("transfers to a human", str(h["transfers"]), "-")
    table.add_row("turns per conversation", str(h["turns_per_conversation"]), str(b["turns_per_conversation"]))
    table.add_row("turn latency p50 / p95", f"{h['turn_latency_ms']['p50']} / {h['turn_latency_ms']['p95']} ms", "-")
    return table
