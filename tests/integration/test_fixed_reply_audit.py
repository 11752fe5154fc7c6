"""A reply written by code (a flow's step, an action's result, the help centre's answer said before it) goes
through the output red-line like any model sentence, and what the red-line did is recorded for the audit: the
blocked sentence's rule with the reply stored."""

from __future__ import annotations

import asyncio
from pathlib import Path

from hotline.conversation.session import ConversationSession
from hotline.ports import RedLineEvent, TurnDone
from tests.conftest import scripted_server


def test_a_code_written_reply_is_gated_and_its_red_line_hits_are_recorded(tmp_path: Path) -> None:
    with scripted_server(tmp_path) as (_, services):

        async def turn() -> tuple[str, list[object]]:
            session = await ConversationSession.open(services, "chat")
            assert session is not None
            events = [e async for e in session._say("Order #W1234567 is pending. We will refund you twice.")]
            return session.conversation_id, events

        conversation, events = asyncio.run(turn())
    done = next(e for e in events if isinstance(e, TurnDone))
    assert "refund you twice" not in done.reply and "can't promise refunds" in done.reply
    assert any(isinstance(e, RedLineEvent) for e in events)
    hits = services.conversations.redline_hits(conversation)
    assert [(h.rule_id, h.direction) for h in hits] == [("commitment", "output")]
    stored = [m for m in services.conversations.messages(conversation) if m.role == "bot"]
    assert stored[-1].id == hits[0].message_id and stored[-1].text == done.reply
