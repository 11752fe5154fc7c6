"""Flows for consequential store actions, decided by code (the model only phrases elsewhere).

authenticate (e-mail, or name + zip; always, even when a user id is given) -> gather the order (and, for a
return, the items and the refund method) -> state the exact action and ask for an explicit yes -> execute
-> confirm with the real result. Nothing is written without that yes; a "no" drops the plan. One user per
conversation. Questions asked in the middle are answered by the normal dialogue and the flow resumes with
what was already said. Which store action answers a request is data (``hotline.store.actions``); each kind of
request has its plan builder in ``hotline.dialogue.plans``; this module reads the message, keeps the state and
routes.
"""

from __future__ import annotations

import copy
import logging
import re
from dataclasses import replace
from typing import Any, Protocol

from hotline.dialogue.addresses import parse_address, payment_method_in
from hotline.dialogue.answer_words import NO, confirmation_answer, without_repairs
from hotline.dialogue.asides import without_asides
from hotline.dialogue.catalog_terms import annotate
from hotline.dialogue.conditions import split_condition
from hotline.dialogue.flow_corrections import correction_names, forget_corrected
from hotline.dialogue.flow_identity import identify
from hotline.dialogue.flow_phrases import listing, phrase
from hotline.dialogue.flow_state import FlowReply, FlowState, PendingAction, Store, progress_mark
from hotline.dialogue.flow_wording import result_sentence
from hotline.dialogue.hedges import without_hedges
from hotline.dialogue.message_reading import (
    ADDRESS_SOURCE,
    CANCEL,
    CHANGE,
    DAMAGED,
    GIFT_CARD,
    NAME_ZIP,
    PAY_WITH,
    PENDING_WORDS,
    REASON_MISTAKE,
    REASON_NOT_NEEDED,
    REQUEST,
    RETURN,
    SAME_AS,
    asks_for_information,
    is_request,
    keyword_flow,
    language_of,
    referenced_orders,
    says_user_address,
)
from hotline.dialogue.order_finding import (
    items_from_photos,
    order_choices,
    order_from_description,
    order_from_photos,
)
from hotline.dialogue.order_items import match_items
from hotline.dialogue.plans import PLANNERS
from hotline.dialogue.plans.common import about
from hotline.dialogue.references import emails, order_ids, plain_order_labels
from hotline.dialogue.request_kinds import keyword_kind, names_another_order, switched_request
from hotline.dialogue.several_requests import split_requests
from hotline.dialogue.side_questions import without_side_questions
from hotline.dialogue.spelling import speller_for
from hotline.store.actions import ACTIONS, REQUEST_KINDS, action_for, same_request, statuses_for

log = logging.getLogger(__name__)

__all__ = ["FlowManager", "FlowReply", "FlowState", "PendingAction", "Store", "result_sentence"]


class Understanding(Protocol):
    def predict(self, text: str) -> Any: ...  # .act, .act_p, .action, .action_p (understanding/head.py)


_HEAD_FLOWS = frozenset(REQUEST_KINDS.values())  # the head's actions that name a flow
# An order reference and nothing else: "Order number #W1.", "In order #W1.", "Re: the order number #W1", "по заказу
# #W1", "关于订单#W1"
_ORDER_WORDS = re.compile(
    r"#?W\d{7}|\b(?:my|the|order|number|no|it'?s|is|in|from|for|of|about|regarding|re|ref|hi|hello|hey)\b|"
    r"\b(?:в|по|из|для|у|про)\b|номер|заказ\w*|это|订单号?|单号|是|关于|有关",
    re.I,
)


class FlowManager:
    def __init__(self, store: Store, understanding: Understanding | None = None) -> None:
        self.store = store
        self.understanding = understanding
        self.asked_on_the_way: list[str] = []  # the last message's questions beside its request (side_questions.py)

    def handle(self, text: str, raw_text: str, state: FlowState) -> FlowReply | None:
        """The flow's reply to this message, or None when the normal dialogue should answer it. Never the same
        words twice in a row; after two turns that moved nothing it says what it understood and offers a human."""
        before = progress_mark(state)
        self.asked_on_the_way = []
        text = speller_for(self.store).correct(text)  # "canel", "retrun", "вернуь": read as meant (names: raw_text)
        try:
            reply = self._handle(text, raw_text, state)
        except Exception:  # a bug must not cost the customer the conversation: say so, offer a human, log it
            log.exception("flow step failed", extra={"flow": state.flow, "slots": sorted(state.slots)})
            state.flow, state.slots, state.pending = None, {}, None
            return FlowReply(phrase(state.lang, "flow_error"), offer_human="flow_error")
        if reply is None:
            return None
        if state.later is not None and state.flow is None and state.pending is None:
            reply = self._then_later(reply, state)
        said = reply.text
        if reply.pending is not None or reply.execute is not None:
            state.stalled = 0
        elif said == state.last_reply:  # about to ask the same thing again: the answer did not answer it
            state.stalled += 1
            if state.stalled >= 2:
                state.stalled = 0
                reply = FlowReply(
                    phrase(state.lang, "no_progress", understood=self._understood(state)), offer_human="no_progress"
                )
            else:
                reply.text = f"{phrase(state.lang, 'not_caught')} {reply.text}"
        elif progress_mark(state) != before:
            state.stalled = 0
        state.last_reply = said
        return reply

    def _then_later(self, reply: FlowReply, state: FlowState) -> FlowReply:
        """This request is done, dropped or refused: the next one the customer said in the same message, now."""
        assert state.later is not None
        (text, raw_text), state.later = state.later, None
        try:
            following = self._handle(text, raw_text, state)
        except Exception:  # the first request's reply stands; the rest is asked for again
            log.exception("flow step failed on a later request", extra={"flow": state.flow})
            state.flow, state.slots, state.pending = None, {}, None
            return reply
        if following is None:
            return reply
        done, again = reply.execute, following.pending
        if done is not None and again is not None and (again.name, again.kwargs) == (done.name, done.kwargs):
            # the rest of the message was the same request again (a part read as one of its own): not asked twice
            state.flow, state.slots, state.pending = None, {}, None
            return reply
        joined = f"{reply.text} {following.text}".strip()
        return replace(reply, text=joined, pending=following.pending, offer_human=following.offer_human)

    def _understood(self, state: FlowState) -> str:
        parts = []
        if state.user_id is not None:
            parts.append(phrase(state.lang, "understood_identified"))
        if state.flow is not None:
            parts.append(phrase(state.lang, "understood_flow", what=phrase(state.lang, f"flow_{state.flow}")))
        if "order_id" in state.slots:
            parts.append(phrase(state.lang, "understood_order", order_id=state.slots["order_id"]))
        return listing(state.lang, parts) or phrase(state.lang, "understood_nothing")

    def _handle(self, text: str, raw_text: str, state: FlowState) -> FlowReply | None:
        state.lang = language_of(text, state.lang)
        text, raw_text = without_repairs(text), without_repairs(raw_text)  # "exchange — sorry no, return …"
        text, raw_text = without_hedges(text), without_hedges(raw_text)  # "could #W1 be paid with I think my visa"
        text, raw_text = without_asides(text), without_asides(raw_text)  # "ordered 9 days ago … the same boots"
        text, raw_text = plain_order_labels(text), plain_order_labels(raw_text)  # "order no. Order ID: #W1"
        whole = raw_text  # "… if you can't, cancel it. you can look me up as Olivia Ito, 80218": who they are too
        if state.pending is None:  # "Is it safe to change it here? I'd like #W1 paid with …": read without the question
            text, raw_text, asked = without_side_questions(text, raw_text, self._reads_as_question, is_request)
            self.asked_on_the_way += asked
        message = text  # as the customer said it: what the head was trained on (and its embedding is cached)
        text, fallback = split_condition(text)  # "if that isn't available, cancel": no request of its own
        raw_text = split_condition(raw_text)[0]
        if fallback is not None:  # the head reads the request, not the "if not, return it" after it
            message = text
        if state.flow is None and state.pending is None:  # "cancel #W1 … Also, return the lamp": one at a time
            identify(self.store, whole, state)  # who they are, wherever in the message they said it
            text, raw_text, rest, raw_rest = split_requests(text, raw_text, self._kind_of_part, keyword_kind)
            if rest:  # the head reads the request at hand, not the next one too
                state.later, message = (rest, raw_rest), text
        text, raw_text = annotate(text), annotate(raw_text)
        if state.pending is not None:
            answer = confirmation_answer(text)
            if answer is None and self.understanding is not None and len(message) <= 80:
                read = self.understanding.predict(message)  # "Perfect, confirm it", "没错，办吧"
                answer = read.act if read.act in ("yes", "no") and read.act_p >= 0.7 else None
            planned = state.pending.kwargs.get("order_id")
            if answer == "yes" and planned and names_another_order(text, raw_text, planned):
                answer = "no"  # "correct is #W2" to a plan for #W1: a correction, never a go-ahead
            if answer == "yes":
                action, state.pending = state.pending, None
                queued = state.slots.get("queue", [])
                state.flow, state.slots = (
                    (state.flow, {"queue": queued[1:], "reason": state.slots.get("reason")}) if (queued) else (None, {})
                )
                state.last_order_id = action.kwargs.get("order_id", state.last_order_id)
                if queued:  # "cancel all my pending orders": the next one is planned now, said after the result
                    state.slots["order_id"] = queued[0]
                    following = self._next_step(state)
                    return FlowReply(following.text, execute=action, pending=following.pending)
                return FlowReply("", execute=action)
            if answer == "no":
                refused, state.pending = state.pending, None
                if (corrected := self._corrected(text, raw_text, state, refused)) is not None:
                    return corrected
                state.flow, state.slots = None, {}
                return FlowReply(phrase(state.lang, "nothing_changed"))
            if not (CANCEL.search(text) or RETURN.search(text) or order_ids(text) or parse_address(raw_text)):
                return None  # a question in the middle: answered normally, the confirmation stays open
            state.pending = None  # a change of mind: plan again below

        if state.flow is not None and state.pending is None and (switched := switched_request(text, raw_text, state)):
            # "Would it be possible to cancel it?" while the bot asked about an item change it had read: the
            # customer's own words name another request, which replaces the one read before (same order)
            order_id = state.slots.get("order_id")
            state.flow, state.slots = switched, ({"order_id": order_id} if order_id else {})
        if state.flow is None:
            identify(self.store, raw_text, state)  # remembered for a later request: "one user per conversation"
            damaged = bool(DAMAGED.search(text)) and bool(state.photo_products)  # "this arrived broken" + photo
            read = self.understanding.predict(message) if self.understanding is not None else None
            request = is_request(text, raw_text)
            if read is not None and read.act_p >= 0.8 and not damaged:  # the trained head overrules the keywords
                specific = bool(order_ids(raw_text) or parse_address(raw_text))
                # "whats the usual wait" asks, whatever the head reads; "Хочу отменить заказ, где …" asks for an act
                if read.act == "request" and not (asks_for_information(text, raw_text) and not REQUEST.search(text)):
                    request = True
                elif read.act == "question" and not specific:
                    request = False
            if not (request or damaged):
                return None
            confident = read is not None and read.action_p >= 0.6 and read.action in _HEAD_FLOWS
            guessed = read.action if read is not None and confident else None
            if guessed is not None and not keyword_flow(text):
                state.flow = guessed
                if guessed == "address" and says_user_address(text):
                    state.flow = "user_address"
            elif damaged and not (CANCEL.search(text) or CHANGE.search(text)):
                state.flow = "return"  # what the policy lets the bot offer for a damaged delivered item
            elif (kind := keyword_kind(text, raw_text)) is not None:
                state.flow = kind
            elif read is not None and read.action in _HEAD_FLOWS and read.action_p >= 0.4 and order_ids(raw_text):
                state.flow = (
                    read.action
                )  # a request about a named order in words no keyword knows: the plan is confirmed
            else:
                return None
        if fallback is not None:
            state.slots["fallback"] = fallback
        self._collect(text, raw_text, state)
        if state.user_id is None:
            tried = bool(emails(raw_text) or NAME_ZIP.search(raw_text))  # given, but no account has it
            return FlowReply(phrase(state.lang, "identify_not_found" if tried else "identify"))
        return self._next_step(state)

    def _reads_as_question(self, sentence: str) -> bool:
        """The trained head reads the sentence as a question about no request ("Is it safe to change it here?"), not
        as one asked as a question ("Can I return it?" is a question of a return)."""
        read = self.understanding.predict(sentence) if self.understanding is not None else None
        return (
            read is not None
            and read.act == "question"
            and read.act_p >= 0.5
            and read.action_p >= 0.9
            and read.action == "none"
        )

    def _kind_of_part(self, text: str, raw_text: str) -> str | None:
        """The request one part of a message asks for: by its words, else — for a part about an order of its
        own ("Oh, and I'd want #W2 called off") — by the trained head."""
        if (kind := keyword_kind(text, raw_text)) is not None or self.understanding is None:
            return kind
        if not order_ids(raw_text) or not _ORDER_WORDS.sub("", raw_text).strip(" .,:;!?。，：；！？-—"):
            return None  # no order, or nothing but one ("Order number #W1."): no request of its own
        if PENDING_WORDS.search(text) and re.search(r"[?？]\W*$", text):
            return None  # "#W1 hasn't shipped yet, right?", "还没ship吧？": what the request after it is about
        read = self.understanding.predict(text)
        return read.action if read.act == "request" and read.action_p >= 0.6 and read.action in _HEAD_FLOWS else None

    def _collect(self, text: str, raw_text: str, state: FlowState) -> None:
        state.slots["last_text"] = text
        state.slots["flow_text"] = f"{state.slots.get('flow_text', '')} {text}"
        identify(self.store, raw_text, state)
        named = order_ids(raw_text or text)  # raw: also order ids read from a photo
        before = state.slots.get("order_id")
        references = referenced_orders(raw_text or text)  # "as #W2": #W2 is where to ship, not the subject
        if state.slots.get("asked") == "address" and "order_id" in state.slots and ADDRESS_SOURCE.search(text):
            # asked for the new address: "the address on order #W2" names where to, not another order to change
            references |= {o for o in named if o != state.slots["order_id"]}
            if (sources := [o for o in named if o in references]) and parse_address(raw_text) is None:
                state.slots["address_from"] = sources[0]
        subjects = [o for o in named if o not in references]
        if state.flow == "address" and len(subjects) == 2 and parse_address(raw_text) is None:
            # "#W1的地址：#W2的地址": only a pending order's address changes — the other one is where to ship
            pending = [o for o in subjects if (self.store.order_details(o) or {}).get("status") == "pending"]
            if len(pending) == 1:
                state.slots["address_from"] = next(o for o in subjects if o != pending[0])
                references, subjects = references | {state.slots["address_from"]}, pending
        if subjects and len(subjects) < len(named):  # "#W1 to the address of #W2": #W1
            state.slots["order_id"] = subjects[-1]
        elif subjects and SAME_AS.search(text):  # "#W1 to the same address as #W2" is about #W1, or the one we had
            state.slots.setdefault("order_id", subjects[0])
        elif subjects:  # the last one named: "not #W1, #W2"
            state.slots["order_id"] = subjects[-1]
        if before is not None and state.slots.get("order_id") != before:  # another order: its own items
            for key in ("item_ids", "items_text", "ambiguous_text"):
                state.slots.pop(key, None)
        if (address := parse_address(raw_text)) is not None:
            state.slots["address"] = address
        if state.flow == "payment":
            state.slots["payment_text"] = f"{state.slots.get('payment_text', '')} {raw_text}"
        if REASON_MISTAKE.search(text):  # the specific reason wins: "不要了，下错单了" was a mistake
            state.slots["reason"] = "ordered by mistake"
        elif REASON_NOT_NEEDED.search(text):
            state.slots["reason"] = "no longer needed"
        if state.flow == "change":
            state.slots["change_text"] = f"{state.slots.get('change_text', '')} {text}"
            for source, pattern in PAY_WITH.items():  # the first kind named ("подарочную карту" is a gift card)
                if pattern.search(text):
                    state.slots["pay_with"] = source
                    break
            user = self.store.user_details(state.user_id or "") or {}
            if (method := payment_method_in(text, user.get("payment_methods", {}))) is not None:
                state.slots["pay_with_id"] = method  # a card named by its digits
        if state.flow in ("return", "change"):
            order = self.store.order_details(state.slots["order_id"]) if "order_id" in state.slots else None
            if order is not None:
                asked = state.slots.pop("ambiguous_text", None)  # "the black one": read with what was asked about
                matched_text = f"{asked} {text}" if asked else text
                items = match_items(matched_text, order)
                if items:
                    state.slots["item_ids"] = items
                    state.slots["items_text"] = matched_text
            if GIFT_CARD.search(text):
                state.slots["refund_to"] = "gift_card"

    def _next_step(self, state: FlowState) -> FlowReply:
        """The order the request is about (said, described, shown, or the last one acted on), then the plan
        builder of the action the registry names for this kind of request and the order's status."""
        user = self.store.user_details(state.user_id or "") or {}
        kind = state.flow or ""
        if not statuses_for(kind):  # an action on the account, not on an order
            action = action_for(kind, None)
            assert action is not None
            return PLANNERS[kind](self.store, action, None, user, state)
        order_id = state.slots.get("order_id")
        if order_id is None and (found := order_from_description(self.store, state, user)):
            order_id = state.slots["order_id"] = found
        if order_id is None and (found := order_from_photos(self.store, state, user)):
            order_id = state.slots["order_id"] = found
        if order_id is None and state.last_order_id is not None:
            order_id = state.slots["order_id"] = state.last_order_id
        if order_id is None:
            return FlowReply(phrase(state.lang, "which_order", orders=order_choices(self.store, state, user)))
        order = self.store.order_details(order_id)
        if order is None or order["user_id"] != state.user_id:
            state.slots.pop("order_id", None)
            return FlowReply(phrase(state.lang, "order_not_found", order_id=order_id))
        items_from_photos(state, order)
        action = action_for(kind, order["status"])
        if action is None:  # "only a pending order can be cancelled": said, and the request dropped
            refusal = next(a.wrong_status_phrase for a in ACTIONS.values() if a.kind == kind)
            if order["status"] == "pending (item modified)":  # not "it is pending: only a pending order …"
                refusal = "modified_once"
            state.flow, state.slots = None, {}
            return FlowReply(about(state, refusal, order))
        reply = PLANNERS[kind](self.store, action, order, user, state)
        if (missing := state.slots.pop("unavailable", None)) is not None:  # the customer's "if not, then …"
            state.flow = state.slots.pop("fallback")
            for key in ("change_text", "pay_with", "pay_with_id"):
                state.slots.pop(key, None)
            following = self._next_step(state)
            taken = phrase(state.lang, "fallback_taken", item=missing[0], wanted=missing[1])
            return replace(following, text=f"{taken} {following.text}")
        return reply

    def _corrected(self, text: str, raw_text: str, state: FlowState, refused: PendingAction) -> FlowReply | None:
        """ "No, I meant the black one", "нет, на подарочную карту", "不对，我是说#W…": the plan again with the part
        the customer corrected in place of what was read before, the rest as it was. None when the "no" names
        nothing new, or the plan would be the refused one again (the plan is then dropped)."""
        said = NO.match(text)  # the correction without its "no" ("错了" is no reason "by mistake")
        text = text[said.end() :] if said else text
        raw_said = NO.match(raw_text)
        raw_text = raw_text[raw_said.end() :] if raw_said else raw_text
        named = correction_names(self.store, text, raw_text, state, refused)
        if not named:
            return None
        for replacing in (True, False):  # the corrected part in place of the old one, else added to it
            trial = copy.deepcopy(state)
            if replacing:
                forget_corrected(trial, refused, named)
            self._collect(text, raw_text, trial)
            reply = self._next_step(trial)
            planned = reply.pending
            if planned is None or not same_request(planned.name, planned.kwargs, refused.name, refused.kwargs):
                for name in vars(state):
                    setattr(state, name, getattr(trial, name))
                return reply
        return None
