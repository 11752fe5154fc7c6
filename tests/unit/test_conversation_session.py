"""The conversation core on its own ports (``conversation/needs.py``): a session with real SQLite stores, the real hub
and red-line, and fakes for the dialogue engine, the store and the meter — no gateway, no models. What a customer
sees from the bot, what an agent sees, and what is stored."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from hotline.conversation.hub import AgentConnection, Hub
from hotline.conversation.session import ConversationSession
from hotline.dialogue.escalation import EscalationPolicy
from hotline.ports import DialogueEvent, SentenceEvent, TurnDone, TurnMetrics
from hotline.redline.rules import RedLine
from hotline.settings import Brand, Settings
from hotline.storage.conversations import ConversationStore
from hotline.storage.database import make_engine, migrate, session_factory
from hotline.storage.handoffs import HandoffStore


class ScriptedEngine:
    """The dialogue engine's surface a session uses: every question gets the same grounded sentence."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    async def respond(self, conversation_id: str, text: str, history: Any, **_: Any) -> AsyncIterator[DialogueEvent]:
        self.asked.append(text)
        yield SentenceEvent("We are open from 9 to 5.")
        yield TurnDone("We are open from 9 to 5.", TurnMetrics())

    async def respond_fixed(self, text: str, extra: dict[str, Any], lang: str = "en") -> AsyncIterator[DialogueEvent]:
        yield SentenceEvent(text)
        yield TurnDone(text, TurnMetrics(), extra=extra)

    async def around_flow(self, text: str, lang: str, ran: bool, questions: Any = ()) -> tuple[str, str]:
        return "", ""


class EmptyStore:
    """A store that knows no one: the flows find nothing to act on."""

    def find_user_id_by_email(self, email: str) -> str | None:
        return None

    def find_user_id_by_name_zip(self, first_name: str, last_name: str, zip_code: str) -> str | None:
        return None

    def user_details(self, user_id: str) -> dict[str, Any] | None:
        return None

    def order_details(self, order_id: str) -> dict[str, Any] | None:
        return None

    def product_details(self, product_id: str) -> dict[str, Any] | None:
        return None

    def users_with_zip(self, zip_code: str) -> list[tuple[str, str, str]]:
        return []

    def actions(self, conversation_id: str) -> list[Any]:
        return []


@dataclass
class Meter:
    turns: int = 0
    thumbs: list[bool] = field(default_factory=list)

    def observe_turn(self, metrics: TurnMetrics, failed: bool) -> None:
        self.turns += 1

    def count_feedback(self, helpful: bool) -> None:
        self.thumbs.append(helpful)


@dataclass
class Needs:
    """What the core needs, as a test provides it (the gateway's ``Services`` provides the same names)."""

    settings: Settings
    conversations: ConversationStore
    hub: Hub
    dialogue: ScriptedEngine
    redline: RedLine
    store: Any
    metrics: Meter
    photos: Any = None
    catalog: Any = None
    intents: Any = None
    anger: Any = None
    dissatisfied: Any = None
    person: Any = None
    understanding: Any = None

    def escalation_policy_for(self, tenant: str) -> EscalationPolicy:
        return EscalationPolicy()


@pytest.fixture
def needs(tmp_path: Path) -> Needs:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    migrate(engine)
    conversations, handoffs = ConversationStore(session_factory(engine)), HandoffStore(session_factory(engine))
    settings = Settings(brands={"bloom": Brand(name="Bloom Flowers")})
    return Needs(
        settings,
        conversations,
        Hub(conversations, handoffs, timeout_s=600),
        ScriptedEngine(),
        RedLine(),
        EmptyStore(),
        Meter(),
    )


async def opened(needs: Needs, tenant: str | None = None) -> tuple[ConversationSession, list[dict[str, Any]]]:
    session = await ConversationSession.open(needs, "chat", tenant=tenant)  # type: ignore[arg-type]
    assert session is not None
    seen: list[dict[str, Any]] = []

    async def send(event: dict[str, Any]) -> None:
        seen.append(event)

    await session.attach(send)
    return session, seen


async def turn(session: ConversationSession, text: str) -> list[DialogueEvent]:
    return [event async for event in session.answer(await session.receive(text))]


async def test_a_question_is_answered_stored_and_counted(needs: Needs) -> None:
    session, _ = await opened(needs)
    events = await turn(session, "When are you open?")
    assert [e.text for e in events if isinstance(e, SentenceEvent)] == ["We are open from 9 to 5."]
    done = next(e for e in events if isinstance(e, TurnDone))
    stored = needs.conversations.messages(session.conversation_id)
    assert [(m.role, m.text) for m in stored] == [
        ("customer", "When are you open?"),
        ("bot", "We are open from 9 to 5."),
    ]
    assert done.extra["message_id"] == stored[-1].id and needs.metrics.turns == 1
    await session.feedback(stored[-1].id, 1, None)
    assert needs.metrics.thumbs == [True]
    await needs.hub.shutdown()


async def test_the_customer_is_masked_before_anything_is_stored(needs: Needs) -> None:
    session, _ = await opened(needs)
    await turn(session, "my card is 4111 1111 1111 1111, when are you open?")
    customer = needs.conversations.messages(session.conversation_id)[0]
    assert "4111" not in customer.text and needs.dialogue.asked and "4111" not in needs.dialogue.asked[0]
    await needs.hub.shutdown()


async def test_a_request_for_a_human_hands_over_and_the_bot_says_nothing(needs: Needs) -> None:
    session, seen = await opened(needs)
    events = await turn(session, "I want to talk to a human, please")
    assert not [e for e in events if isinstance(e, SentenceEvent)] and needs.dialogue.asked == []
    await asyncio.wait_for(needs.hub.delivered(session.conversation_id), 5)
    assert ("handoff", "waiting") in [(e["type"], e.get("status")) for e in seen]
    assert needs.conversations.status(session.conversation_id) == "queued"
    await needs.hub.shutdown()


class WordPerson:
    """A person-head double: asks for a person when the message says "take over" (the real head:
    tests/integration/test_person_head.py)."""

    threshold = 0.7

    def score(self, text: str) -> float:
        return 0.9 if "take over" in text else 0.1


async def test_a_request_for_a_person_in_other_words_outranks_the_reply_and_hands_over(needs: Needs) -> None:
    needs.person = WordPerson()
    needs.escalation_policy_for = lambda tenant: EscalationPolicy(person_threshold=0.7)  # type: ignore[method-assign]
    session, seen = await opened(needs)
    calm = await session.receive("When are you open?")
    assert not calm.outranks_reply and calm.asks_person == 0.1
    received = await session.receive("Could someone from your team take over?")
    assert received.outranks_reply and received.wants_person  # a reply in progress stops for it, as for "human"
    events = [event async for event in session.answer(received)]
    assert not [e for e in events if isinstance(e, SentenceEvent)] and needs.dialogue.asked == []
    await asyncio.wait_for(needs.hub.delivered(session.conversation_id), 5)
    assert ("handoff", "waiting") in [(e["type"], e.get("status")) for e in seen]
    await needs.hub.shutdown()


async def test_while_an_agent_owns_the_conversation_the_bot_is_silent_and_the_agent_hears_the_customer(
    needs: Needs,
) -> None:
    session, seen = await opened(needs)
    handoffs = needs.hub._handoffs
    console: list[dict[str, Any]] = []

    async def agent_send(event: dict[str, Any]) -> None:
        console.append(event)

    agent_id = handoffs.add_agent("ann", "Ann", "x", "demo")
    await needs.hub.register_agent(AgentConnection(agent_id, "ann", "Ann", agent_send))
    handoff_id = await needs.hub.escalate(session.conversation_id, "customer_request")
    await needs.hub.accept(agent_id, handoff_id)

    events = await turn(session, "When are you open?")
    assert events == [] and needs.dialogue.asked == []  # the agent answers, not the bot
    for _ in range(50):  # the agent's outbox delivers in its own task
        if any(e["type"] == "customer_message" for e in console):
            break
        await asyncio.sleep(0.01)
    said = [e for e in console if e["type"] == "customer_message"]
    assert said and said[0]["text"] == "When are you open?"
    assert not [e for e in seen if e["type"] in ("token", "sentence")]
    await needs.hub.unregister_agent(agent_id)
    await needs.hub.shutdown()


async def test_the_disclosure_names_the_tenants_company(needs: Needs) -> None:
    own, _ = await opened(needs, tenant="bloom")
    default, _ = await opened(needs)
    assert "Bloom Flowers" in own.disclosure()
    assert needs.settings.chat.company_name in default.disclosure() and "AI" in default.disclosure()
    await needs.hub.shutdown()


async def test_are_you_a_real_person_is_answered_not_handed_over(needs: Needs) -> None:
    session, _ = await opened(needs)
    events = await turn(session, "Are you a real person or a bot?")
    said = " ".join(e.text for e in events if isinstance(e, SentenceEvent))
    assert "AI assistant" in said and 'type "human"' in said and needs.dialogue.asked == []  # nothing retrieved
    assert needs.conversations.status(session.conversation_id) != "queued"
    events = await turn(session, "Вы живой человек? И когда вы открыты?")  # asked with more: then the rest answered
    said = " ".join(e.text for e in events if isinstance(e, SentenceEvent))
    assert "ИИ-ассистент" in said and "We are open from 9 to 5." in said
    dones = [e for e in events if isinstance(e, TurnDone)]  # two replies to one message: the first says more follows
    assert [bool(d.extra.get("more")) for d in dones] == [True, False]
    await needs.hub.shutdown()


@dataclass
class Read:
    act: str
    act_p: float
    action: str
    action_p: float


class ReadsQuestions:
    """The trained head as a rule: a sentence with a question mark asks about nothing to do, the rest cancels."""

    def predict(self, text: str) -> Read:
        return Read("question", 0.9, "none", 0.99) if "?" in text else Read("request", 0.99, "cancel", 0.95)


async def test_a_question_on_the_way_reaches_the_help_centre(needs: Needs) -> None:
    asked: list[Any] = []

    async def around_flow(text: str, lang: str, ran: bool, questions: Any = ()) -> tuple[str, str]:
        asked.append(list(questions))
        return "", ""

    needs.dialogue.around_flow = around_flow  # type: ignore[method-assign]
    needs.understanding = ReadsQuestions()
    session, _ = await opened(needs)
    await turn(session, "How long does a refund usually take? I want to cancel order #W1234567.")
    assert asked == [["How long does a refund usually take?"]]  # the store knows no one: asked who they are
    await needs.hub.shutdown()
