"""One conversation, whatever the transport: check and store what the customer says, decide whether a human
should take over, answer, and store the answer. Transports (web chat, the phone bridges, WebRTC) call ``receive``
for each customer message and render the events ``answer`` yields; events that arrive on their own (an agent's
message, a handoff notice) reach the transport through the ``send`` it registered with the hub.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import asdict
from typing import Any

from hotline.conversation.events import customer_message
from hotline.conversation.needs import ConversationNeeds
from hotline.conversation.outbox import CustomerSend
from hotline.conversation.photo_reply import PhotosSeen
from hotline.conversation.received import Received
from hotline.dialogue.agent_view import evidence
from hotline.dialogue.bot_question import asks_if_bot, only_asks_if_bot
from hotline.dialogue.escalation import Escalate, EscalationState, TurnSignal, decide, said_not_helpful
from hotline.dialogue.flow_phrases import phrase, policy_reason
from hotline.dialogue.flows import FlowManager, FlowReply, FlowState, result_sentence
from hotline.dialogue.handoff import conversation_state, detect_intent
from hotline.dialogue.message_reading import language_of
from hotline.dialogue.references import customer_text
from hotline.dialogue.repetition import Repetition
from hotline.dialogue.sentences import join_sentences
from hotline.ports import DialogueEvent, RedLineEvent, ReplyStyle, SourcesEvent, TurnDone

log = logging.getLogger(__name__)


class ConversationSession:
    def __init__(
        self, services: ConversationNeeds, conversation_id: str, channel: str, tenant: str | None = None
    ) -> None:
        self.services = services
        self.conversation_id = conversation_id
        self.channel = channel
        self.tenant = tenant or services.settings.auth.tenant
        self.escalation = EscalationState()
        self._acknowledged = False  # the calm acknowledgement is said once per conversation
        self.repetition = Repetition()  # the customer or the bot saying the same thing again
        self.flow = FlowState()
        self.photos = PhotosSeen()  # what the customer's photos showed, and which offered product they picked
        self.model_detail: Callable[[], bool] = lambda: True  # may the language model add to answers (call load)

    @classmethod
    async def open(
        cls, services: ConversationNeeds, channel: str, conversation_id: str | None = None, tenant: str | None = None
    ) -> ConversationSession | None:
        """Start a new conversation (in ``tenant``, default the gateway's) or resume one by id (None: unknown id)."""
        store = services.conversations
        if conversation_id is None:
            tenant = tenant or services.settings.auth.tenant
            conversation_id = await asyncio.to_thread(store.start, channel, None, tenant)
            await asyncio.to_thread(store.add_event, conversation_id, "started", {"channel": channel, "tenant": tenant})
        else:  # resumed: the conversation's own tenant (None: no such conversation)
            tenant = await asyncio.to_thread(store.tenant_of, conversation_id)
            if tenant is None:
                return None
        return cls(services, conversation_id, channel, tenant)

    async def attach(self, send: CustomerSend) -> None:
        await self.services.hub.register_customer(self.conversation_id, send)
        self._send = send

    def _offering_human(self, key: str) -> str:
        """A fixed reply that offers the human in this channel's words ("type" or "say"): the first angry turn's
        (``calm_acknowledge``: acknowledge, apologise once, never argue), the answer to "are you a real person?"
        (``bot_identity``: an AI, a human one word away)."""
        hint = phrase(self.flow.lang, "human_hint_chat" if self.channel == "chat" else "human_hint_voice")
        return phrase(self.flow.lang, key, hint=hint)

    async def _say(
        self, text: str, extra: dict[str, Any] | None = None, more: bool = False
    ) -> AsyncIterator[DialogueEvent]:
        """A reply written by code: red-lined sentence by sentence, stored with its hits, spoken like any reply.
        ``more``: another reply to the same customer message follows (its ``done`` says so)."""
        hits: list[dict[str, Any]] = []
        async for event in self.services.dialogue.respond_fixed(text, extra or {}, lang=self.flow.lang):
            if isinstance(event, RedLineEvent):
                hits.extend(event.hits)
            elif isinstance(event, TurnDone):
                event.extra["message_id"] = await self._store_reply(event, None, hits)
                event.extra["more"] = more
            yield event

    def disclosure(self) -> str:
        """That this is an AI and how to reach a human, in the conversation's language."""
        settings = self.services.settings
        company = settings.company_name(self.tenant)  # a widget's customer talks to *that* shop
        return self.services.redline.disclosure(self.flow.lang, company, "chat", settings.chat.human_hint)

    async def _hand_over(self, escalate: Escalate) -> None:
        """To a person, with the packet: what the flows know (off the loop), the language's anger thresholds, the
        photo picks, the rule that transferred the conversation (its reason in each agent's language)."""
        state = await asyncio.to_thread(conversation_state, self.services.store, self.conversation_id, self.flow)
        policy = self.services.escalation_policy_for(self.tenant).for_language(self.flow.lang)
        await self.services.hub.escalate(
            self.conversation_id,
            escalate.reason,
            {
                **state,
                "anger_threshold": policy.anger_threshold,
                "anger_calm_below": policy.anger_reset_below,
                "photo_picks": {str(k): v for k, v in self.photos.picks.items()},
                "reason_kind": escalate.kind,
                "reason_values": escalate.values,
            },
        )

    async def receive(self, text: str) -> Received:
        """Input red-line, then persist (masked) before any other work; relay to a human if one has it. Read as
        ``customer_text`` reads it first: traditional Chinese in simplified, numbers said digit by digit as numbers
        (a zip, a card's last four — and a card number said in words is masked like a typed one)."""
        services = self.services
        text = customer_text(text)
        check = services.redline.check_input(text)
        if services.intents is not None:
            intent, _confidence = await asyncio.to_thread(services.intents.predict, check.masked_text)
        else:
            intent = detect_intent(check.masked_text)
        stored = await asyncio.to_thread(
            services.conversations.add_message, self.conversation_id, "customer", check.masked_text, intent=intent
        )
        if check.hits:
            await asyncio.to_thread(
                services.conversations.add_redline_hits,
                self.conversation_id,
                stored.id,
                [h.as_dict() for h in check.hits],
                check.rules_version,
            )
        self.flow.lang = language_of(check.masked_text, self.flow.lang)
        await services.hub.set_language(self.conversation_id, self.flow.lang)
        human = await services.hub.held_by_human(self.conversation_id)
        if human:
            said = customer_message(self.conversation_id, check.masked_text, message_id=stored.id)
            await services.hub.customer_said(self.conversation_id, said)
        photo_text = await self.photos.read_new(services, self.conversation_id, self.flow)
        pick, photo_id = self.photos.picked(text)  # "It's the Granny Smith." after the bot offered choices
        if pick:
            self.flow.photo_products.append(pick)
            if photo_id is not None:  # the agent's packet shows it with the photo
                event = {"photo_id": photo_id, "product": pick}
                await asyncio.to_thread(services.conversations.add_event, self.conversation_id, "photo_chosen", event)
        raw = f"{text} {photo_text}" if photo_text else text  # "this one arrived broken" + a label's order id
        person = 0.0
        if services.person is not None and not check.wants_human:
            person = await asyncio.to_thread(services.person.score, check.masked_text)
        wants = person >= services.escalation_policy_for(self.tenant).person_threshold
        return Received(stored, check.masked_text, raw, check, human, pick, person, wants, intent)

    async def _record_decision(self, message_id: int | None, signal: TurnSignal) -> Escalate | None:
        policy = self.services.escalation_policy_for(self.tenant)
        self.escalation, decision = decide(self.escalation, signal, policy)
        kind = "escalate" if isinstance(decision, Escalate) else "continue"
        await asyncio.to_thread(
            self.services.conversations.add_decision,
            self.conversation_id,
            message_id,
            kind,
            decision.reason or "no trigger",
            signal.anger,
        )
        return decision if isinstance(decision, Escalate) else None

    async def answer(self, received: Received) -> AsyncIterator[DialogueEvent]:
        """One bot turn: the escalation decision first, then the reply, then the post-reply decision."""
        services = self.services
        if await services.hub.held_by_human(self.conversation_id):
            return
        anger = unhappy = 0.0
        if services.anger is not None:
            anger = await asyncio.to_thread(services.anger.score, received.masked_text, self.flow.lang)
            await asyncio.to_thread(services.conversations.set_message_fields, received.stored.id, anger=anger)
        if services.dissatisfied is not None:
            unhappy = await asyncio.to_thread(services.dissatisfied.score, received.masked_text)
        triggers = [h for h in received.check.hits if h.action != "flag"]
        top = max(triggers, key=lambda h: h.severity_rank, default=None)
        signal = TurnSignal(
            anger=anger,
            wants_human=received.check.wants_human,
            redline_severity=received.check.max_severity,
            redline_rule=top.rule_id if top else "",
            said_not_helpful=said_not_helpful(received.masked_text),
            lang=self.flow.lang,
            abuse=received.check.abuse,
            attack=received.check.attack,
            evidence=evidence(received.masked_text),
            dissatisfied=unhappy,
            asks_person=received.asks_person,
            repeated="customer" if self.repetition.customer_said(received.masked_text) is not None else "",
        )
        angry_before = self.escalation.angry_turns
        escalate = await self._record_decision(received.stored.id, signal)
        if escalate is not None:
            await self._hand_over(escalate)
            return
        if self.escalation.angry_turns > angry_before and not self._acknowledged:  # de-escalate first, once
            self._acknowledged = True
            async for event in self._say(self._offering_human("calm_acknowledge"), more=True):
                yield event

        known = self.flow.user_id
        done_flow: TurnDone | None = None
        flows = FlowManager(services.store, services.understanding)
        flow_reply = await asyncio.to_thread(flows.handle, received.masked_text, received.raw_text, self.flow)
        if self.flow.user_id is not None and self.flow.user_id != known:  # for erasure on request, and agents
            await asyncio.to_thread(
                services.conversations.add_event, self.conversation_id, "identified", {"user_id": self.flow.user_id}
            )
        fixed: AsyncIterator[DialogueEvent] | None = None  # a reply written by code, not retrieved
        asked_if_bot = asks_if_bot(received.masked_text)  # "are you a real person?": answered, whatever else is
        identity = self._offering_human("bot_identity") if asked_if_bot else ""
        if flow_reply is not None:
            ran = flow_reply.execute is not None  # the help centre's words before the step, or after its result
            asked = flows.asked_on_the_way  # "How long does a refund take? Cancel #W1": answered with the step
            lead, after = await services.dialogue.around_flow(received.masked_text, self.flow.lang, ran, asked)
            if identity and ran:  # answered after the action's result, else before the flow's next question
                after = join_sentences([after, identity], self.flow.lang)
            elif identity:
                lead = join_sentences([identity, lead], self.flow.lang)
            fixed = self._flow_turn(flow_reply, lead, after)
        elif received.photo_pick:  # the customer named the product in their photo: about it, never a text search
            fixed = self._say(phrase(self.flow.lang, "photo_chosen", what=received.photo_pick))
        elif identity and only_asks_if_bot(received.masked_text):
            fixed = self._say(identity)
        elif identity:  # asked with something else: said first, then the answer to the rest
            async for event in self._say(identity, more=True):
                yield event
        if fixed is not None:
            async for event in fixed:
                if isinstance(event, TurnDone):
                    done_flow = event
                yield event
            if done_flow is not None:
                await self._after_reply(done_flow)
            return

        store = services.conversations
        history = await asyncio.to_thread(store.history, self.conversation_id, 40)
        if history and history[-1].role == "customer" and history[-1].text == received.masked_text:
            history = history[:-1]  # the newest stored turn is this very message
        sources: SourcesEvent | None = None
        hits: list[dict[str, Any]] = []
        done: TurnDone | None = None
        async for event in services.dialogue.respond(
            self.conversation_id,
            received.masked_text,
            history,
            lookup_text=received.raw_text,
            verified_user=self.flow.user_id,
            lang=self.flow.lang,
            style=ReplyStyle(spoken=self.channel != "chat", model_detail=self.model_detail),
            intent=received.intent,
        ):
            if isinstance(event, SourcesEvent):
                sources = event
            elif isinstance(event, RedLineEvent):
                hits.extend(event.hits)
            elif isinstance(event, TurnDone):
                done = event
                event.extra["message_id"] = await self._store_reply(event, sources, hits)
            yield event
        if done is not None:
            await self._after_reply(done, retrieval_miss=bool(done.extra.get("no_answer")))

    async def _after_reply(self, done: TurnDone, retrieval_miss: bool = False) -> None:
        """After the reply went out: did it help? A retrieval miss, a failed model, or the same reply as the last
        one (the bot is stuck) is a turn without a useful answer; a fixed reply to thanks or hello is neither."""
        again = "bot" if self.repetition.bot_said(done.reply) else ""
        if done.extra.get("smalltalk"):
            return
        post = TurnSignal(retrieval_miss=retrieval_miss, model_failed=done.failed, repeated=again, after_reply=True)
        if post.retrieval_miss or post.model_failed or post.repeated:
            escalate = await self._record_decision(done.extra.get("message_id"), post)
            if escalate is not None:
                await self._hand_over(escalate)
        else:  # a useful reply ends a run of turns without one: nothing to record, nothing escalates on it
            self.escalation, _ = decide(self.escalation, post, self.services.escalation_policy_for(self.tenant))

    async def _flow_turn(self, reply: FlowReply, lead: str = "", after: str = "") -> AsyncIterator[DialogueEvent]:
        """A flow step: ask, or run the action the customer just confirmed and report its real result; ``lead``
        (the policy's answer to the customer's question) is said first, ``after`` (the answer to a question asked
        with the yes) after the result."""
        text, extra = join_sentences([lead, reply.text], self.flow.lang), dict[str, Any]()
        if reply.execute is not None:
            action = reply.execute
            outcome = await asyncio.to_thread(
                self.services.store.execute,
                action.name,
                action.kwargs,
                self.conversation_id,
                f"{self.conversation_id}:{action.id}",  # action ids are UUIDs: unique across restarts,
            )
            lang = self.flow.lang
            reason = policy_reason(lang, outcome.reason_code, outcome.reason_values, outcome.reason)
            text = result_sentence(action.name, outcome.ok, outcome.result, reason, lang)
            text = join_sentences([text, after], lang)
            if reply.text:  # the next plan of a queued request ("cancel all my pending orders")
                text = f"{text} {reply.text}"
            extra["action_result"] = {
                "id": action.id,
                "name": action.name,
                "ok": outcome.ok,
                "result": outcome.result,
                "reason": outcome.reason,
            }
        if reply.pending is not None:
            extra["pending_action"] = reply.pending.as_event()
        if reply.offer_human:  # stuck: a signal for the escalation record and the handoff packet
            extra["offer_human"] = reply.offer_human
            await asyncio.to_thread(
                self.services.conversations.add_event,
                self.conversation_id,
                "no_progress",
                {"reason": reply.offer_human},
            )
        async for event in self._say(text, extra):
            yield event

    async def _store_reply(self, event: TurnDone, sources: SourcesEvent | None, hits: list[dict[str, Any]]) -> int:
        store = self.services.conversations
        cited: list[dict[str, Any]] = []
        if sources is not None:
            cited = [
                {"source_id": p.source_id, "heading": p.heading, "score": round(p.score, 5)} for p in sources.passages
            ]
            cited += [{"order_id": o.order_id, "status": o.status} for o in sources.orders]
        stored = await asyncio.to_thread(
            store.add_message,
            self.conversation_id,
            "bot",
            event.reply,
            status="failed" if event.failed else "ok",
            error=event.error,
            model=event.model or None,
            adapter=event.adapter,
            retrieval_ms=event.metrics.retrieval_ms,
            first_token_ms=event.metrics.first_token_ms,
            total_ms=event.metrics.total_ms,
            tokens=event.metrics.tokens,
            tokens_per_s=event.metrics.tokens_per_s,
            sources=cited,
        )
        if hits:
            await asyncio.to_thread(
                store.add_redline_hits, self.conversation_id, stored.id, hits, self.services.redline.version
            )
        self.services.metrics.observe_turn(event.metrics, event.failed)
        if event.failed:
            await asyncio.to_thread(store.add_event, self.conversation_id, "generation_failed", {"error": event.error})
        log.info(
            "turn done",
            extra={
                "conversation_id": self.conversation_id,
                "message_id": stored.id,
                "failed": event.failed,
                **asdict(event.metrics),
            },
        )
        return stored.id

    async def feedback(self, message_id: int, rating: int, comment: str | None) -> int:
        feedback_id = await asyncio.to_thread(
            self.services.conversations.add_feedback, self.conversation_id, message_id, rating, comment
        )
        self.services.metrics.count_feedback(rating > 0)
        return feedback_id

    async def close(self) -> None:
        send = getattr(self, "_send", None)
        if send is not None:
            await self.services.hub.unregister_customer(self.conversation_id, send)
        await asyncio.to_thread(self.services.conversations.add_event, self.conversation_id, "disconnected", None)
