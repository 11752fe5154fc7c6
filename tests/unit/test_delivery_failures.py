"""A failure on a delivery path is logged with its context and counted, never swallowed silently."""

from __future__ import annotations

import asyncio
import logging

import pytest

from hotline.conversation.failures import logged
from hotline.gateway.metrics import GatewayMetrics


def test_a_failure_is_logged_and_counted(caplog: pytest.LogCaptureFixture) -> None:
    metrics = GatewayMetrics()
    with (
        caplog.at_level(logging.WARNING, logger="hotline.delivery"),
        logged("send to agent", metrics.delivery_failures, agent_id=7),
    ):
        raise ConnectionResetError("socket closed")
    record = next(r for r in caplog.records if r.name == "hotline.delivery")
    assert "send to agent failed" in record.getMessage() and record.exc_info is not None
    assert getattr(record, "agent_id", None) == 7
    assert metrics.registry.get_sample_value("hotline_delivery_failures_total", {"what": "send to agent"}) == 1


def test_cancellation_is_not_swallowed() -> None:
    async def cancelled() -> None:
        with logged("send to customer"):
            raise asyncio.CancelledError

    with pytest.raises(asyncio.CancelledError):
        asyncio.run(cancelled())
