"""Prometheus metrics, one registry per app (no process-global state shared between apps or tests)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from hotline.ports import TurnMetrics

_LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0)


class GatewayMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.retrieval = Histogram(
            "hotline_retrieval_seconds",
            "KB retrieval and store lookup time per turn",
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.first_token = Histogram(
            "hotline_first_token_seconds",
            "Time from customer message to first model token",
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.turn = Histogram(
            "hotline_turn_seconds",
            "Time from customer message to the end of the reply",
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.tokens_per_second = Histogram(
            "hotline_tokens_per_second",
            "Model decode speed per turn",
            buckets=(1, 2, 5, 10, 15, 20, 30, 50, 100),
            registry=self.registry,
        )
        self.turns = Counter("hotline_turns", "Bot turns by outcome", ["outcome"], registry=self.registry)
        self.delivery_failures = Counter(
            "hotline_delivery_failures",
            "Failures on a delivery path that the conversation survived (logged), by what failed",
            ["what"],
            registry=self.registry,
        )
        self.protocol_errors = Counter(
            "hotline_protocol_errors", "Rejected client events by code", ["code"], registry=self.registry
        )
        self.calls_refused = Counter(
            "hotline_calls_refused", "Calls told that all lines are busy (admission control)", registry=self.registry
        )
        self.call_limit = Gauge("hotline_call_limit", "Live calls this gateway admits at once", registry=self.registry)
        self.active_sessions = Gauge(
            "hotline_active_sessions", "Open conversations by channel", ["channel"], registry=self.registry
        )
        self.voice_stage = Histogram(
            "hotline_voice_stage_seconds",
            "Voice turn latency from the caller's end of speech, by stage (transcript, first_token, first_audio)",
            ["stage"],
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.voice_events = Counter(
            "hotline_voice_events",
            "Voice events (barge_in, backchannel, dropped_transcript...)",
            ["kind"],
            registry=self.registry,
        )
        self.feedback = Counter("hotline_feedback", "Feedback on bot replies", ["rating"], registry=self.registry)

    def observe_turn(self, metrics: TurnMetrics, failed: bool) -> None:
        self.retrieval.observe(metrics.retrieval_ms / 1000)
        if metrics.first_token_ms is not None:
            self.first_token.observe(metrics.first_token_ms / 1000)
        self.turn.observe(metrics.total_ms / 1000)
        if metrics.tokens:
            self.tokens_per_second.observe(metrics.tokens_per_s)
        self.turns.labels(outcome="failed" if failed else "ok").inc()

    def count_feedback(self, helpful: bool) -> None:
        self.feedback.labels(rating="up" if helpful else "down").inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)
