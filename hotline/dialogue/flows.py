"""Flows for consequential store actions, decided by code (the model only phrases elsewhere).

authenticate (e-mail, or name + zip; always, even when a user id is given) -> gather the order (and, for a
return, the items and the refund method) -> state the exact action and ask for an explicit yes -> execute
-> confirm with the real result. Nothing is written without that yes; a "no" drops the plan. One user per
conversation. Questions asked in the middle are answered by the normal dialogue and the flow resumes with
what was already said.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from typing import Any, Protocol

from hotline.dialogue.addresses import describe_address, parse_address, payment_method_in, relative_address
from hotline.dialogue.catalog_terms import annotate
from hotline.dialogue.dry_run import dry_run
from hotline.dialogue.flow_phrases import listing, phrase, policy_reason, status_word
from hotline.dialogue.flow_state import FlowReply, FlowState, PendingAction, Store, progress_mark
from hotline.dialogue.flow_wording import describe_method, money, result_sentence
from hotline.dialogue.message_reading import (
    ADDRESS_CHANGE,
    ALL_ORDERS,
    CANCEL,
    CHANGE,
    DAMAGED,
    DELIVERED_WORDS,
    ENDS_WITH,
    GIFT_CARD,
    NAME_ZIP,
    NO,
    PAY_WITH,
    PAYMENT_CHANGE,
    PENDING_WORDS,
    REASON_MISTAKE,
    REASON_NOT_NEEDED,
    RETURN,
    SAME_AS,
    USER_ADDRESS,
    YES,
    has_word,
    is_request,
    keyword_flow,
    language_of,
)
from hotline.dialogue.order_items import ambiguous_group, clauses_about, match_items, options_of, resolve_variant
from hotline.dialogue.references import emails, order_ids

log = logging.getLogger(__name__)

__all__ = ["FlowManager", "FlowReply", "FlowState", "PendingAction", "Store", "result_sentence"]


class Understanding(Protocol):
    def predict(self, text: str) -> Any: ...  # .act, .act_p, .action, .action_p (understanding/head.py)


_HEAD_FLOWS = ("cancel", "return", "change", "address", "payment")  # the head's actions that name a flow


class FlowManager:
    def __init__(self, store: Store, understanding: Understanding | None = None) -> None:
        self.store = store
        self.understanding = understanding

    def handle(self, text: str, raw_text: str, state: FlowState) -> FlowReply | None:
        """The flow's reply to this message, or None when the normal dialogue should answer it. Never the same
        words twice in a row; after two turns that moved nothing it says what it understood and offers a human."""
        before = progress_mark(state)
        try:
            reply = self._handle(text, raw_text, state)
        except Exception:  # a bug must not cost the customer the conversation: say so, offer a human, log it
            log.exception("flow step failed", extra={"flow": state.flow, "slots": sorted(state.slots)})
            state.flow, state.slots, state.pending = None, {}, None
            return FlowReply(phrase(state.lang, "flow_error"), offer_human="flow_error")
        if reply is None:
            return None
        said = reply.text
        if reply.pending is not None or reply.execute is not None or progress_mark(state) != before:
            state.stalled = 0
        elif said == state.last_reply:  # about to ask the same thing again, nothing learned since
            state.stalled += 1
            if state.stalled >= 2:
                state.stalled = 0
                reply = FlowReply(
                    phrase(state.lang, "no_progress", understood=self._understood(state)), offer_human="no_progress"
                )
            else:
                reply.text = f"{phrase(state.lang, 'not_caught')} {reply.text}"
        state.last_reply = said
        return reply

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
        text, raw_text = annotate(text), annotate(raw_text)
        if state.pending is not None:
            if YES.search(text):
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
            if NO.search(text):
                state.pending, state.flow, state.slots = None, None, {}
                return FlowReply(phrase(state.lang, "nothing_changed"))
            if not (CANCEL.search(text) or RETURN.search(text) or order_ids(text) or parse_address(raw_text)):
                return None  # a question in the middle: answered normally, the confirmation stays open
            state.pending = None  # a change of mind: plan again below

        if state.flow is None:
            self._identify(raw_text, state)  # remembered for a later request: "one user per conversation"
            damaged = bool(DAMAGED.search(text)) and bool(state.photo_products)  # "this arrived broken" + photo
            read = self.understanding.predict(text) if self.understanding is not None else None
            request = is_request(text, raw_text)
            if read is not None and read.act_p >= 0.8 and not damaged:  # the trained head overrules the keywords
                specific = bool(order_ids(raw_text) or parse_address(raw_text))
                if read.act == "request":
                    request = True
                elif read.act == "question" and not specific:
                    request = False
            if not (request or damaged):
                return None
            confident = read is not None and read.action_p >= 0.6 and read.action in _HEAD_FLOWS
            guessed = read.action if read is not None and confident else None
            if guessed is not None and not keyword_flow(text):
                state.flow = guessed
                if guessed == "address" and USER_ADDRESS.search(text):
                    state.flow = "user_address"
            elif damaged and not (CANCEL.search(text) or CHANGE.search(text)):
                state.flow = "return"  # what the policy lets the bot offer for a damaged delivered item
            elif ADDRESS_CHANGE.search(text) or (parse_address(raw_text) and order_ids(raw_text)):
                state.flow = "user_address" if USER_ADDRESS.search(text) else "address"
            elif PAYMENT_CHANGE.search(text) and not CANCEL.search(text):
                state.flow = "payment"
            elif CANCEL.search(text):
                state.flow = "cancel"
            elif RETURN.search(text):
                state.flow = "return"
            elif CHANGE.search(text) and not re.search(r"\baddress", text, re.I):  # address: not an item change
                state.flow = "change"  # an exchange (delivered) or an item change (pending): decided by status
            else:
                return None
        self._collect(text, raw_text, state)
        if state.user_id is None:
            tried = bool(emails(raw_text) or NAME_ZIP.search(raw_text))  # given, but no account has it
            return FlowReply(phrase(state.lang, "identify_not_found" if tried else "identify"))
        return self._next_step(state)

    def _identify(self, raw_text: str, state: FlowState) -> None:
        if state.user_id is not None:
            return
        for email in emails(raw_text):
            if user_id := self.store.find_user_id_by_email(email):
                state.user_id = user_id
                return
        if match := NAME_ZIP.search(raw_text):
            state.user_id = self.store.find_user_id_by_name_zip(*match.groups())
        if state.user_id is None:
            state.user_id = self._named_at_zip(raw_text)

    def _named_at_zip(self, raw_text: str) -> str | None:
        """A zip code and the name of an account at it, anywhere in the message ("Hi. Yusuf Rossi, 19122",
        "我是Yusuf Rossi，邮编19122"): grounded in the store, so a name the store does not know stays unknown."""
        cleaned = re.sub(r"#?W\d{7}|\b\d{6,}\b", " ", raw_text)  # order and item ids are no zip codes
        lowered = cleaned.lower()
        for zip_code in dict.fromkeys(re.findall(r"(?<!\d)(\d{5})(?!\d)", cleaned)):
            for user_id, first, last in self.store.users_with_zip(zip_code):
                if has_word(lowered, first) and has_word(lowered, last):
                    return user_id
        return None

    def _collect(self, text: str, raw_text: str, state: FlowState) -> None:
        state.slots["last_text"] = text
        state.slots["flow_text"] = f"{state.slots.get('flow_text', '')} {text}"
        self._identify(raw_text, state)
        named = order_ids(raw_text or text)  # raw: also order ids read from a photo
        before = state.slots.get("order_id")
        if named and SAME_AS.search(text):  # "#W1 to the same address as #W2" is about #W1, or the one we had
            state.slots.setdefault("order_id", named[0])
        elif named:  # the last one named: "not #W1, #W2"
            state.slots["order_id"] = named[-1]
        if before is not None and state.slots.get("order_id") != before:  # another order: its own items
            for key in ("item_ids", "items_text", "ambiguous_text"):
                state.slots.pop(key, None)
        if (address := parse_address(raw_text)) is not None:
            state.slots["address"] = address
        if state.flow == "payment":
            state.slots["payment_text"] = f"{state.slots.get('payment_text', '')} {raw_text}"
        if REASON_NOT_NEEDED.search(text):
            state.slots["reason"] = "no longer needed"
        elif REASON_MISTAKE.search(text):
            state.slots["reason"] = "ordered by mistake"
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
        user = self.store.user_details(state.user_id or "") or {}
        if state.flow == "user_address":
            return self._user_address(state)
        order_id = state.slots.get("order_id")
        if order_id is None and (found := self._order_from_description(state, user)):
            order_id = state.slots["order_id"] = found
        if order_id is None and (found := self._order_from_photos(state, user)):
            order_id = state.slots["order_id"] = found
        if order_id is None and state.last_order_id is not None:
            order_id = state.slots["order_id"] = state.last_order_id
        if order_id is None:
            return FlowReply(phrase(state.lang, "which_order", orders=self._order_choices(state, user)))
        order = self.store.order_details(order_id)
        if order is None or order["user_id"] != state.user_id:
            state.slots.pop("order_id", None)
            return FlowReply(phrase(state.lang, "order_not_found", order_id=order_id))
        if state.flow == "cancel":
            return self._cancel(order, state)
        if state.flow == "change":
            return self._change(order, user, state)
        if state.flow in ("address", "payment"):
            return self._modify_pending(order, user, state)
        return self._return(order, user, state)

    def _user_address(self, state: FlowState) -> FlowReply:
        address = state.slots.get("address")
        if address is None:
            return FlowReply(phrase(state.lang, "new_user_address"))
        summary = phrase(state.lang, "user_address_summary", address=describe_address(address))
        return self._ask(state, "modify_user_address", {"user_id": state.user_id, **address}, summary)

    def _modify_pending(self, order: dict[str, Any], user: dict[str, Any], state: FlowState) -> FlowReply:
        """A pending order's shipping address or payment method."""
        if order["status"] != "pending":
            key = "only_pending_address" if state.flow == "address" else "only_pending_payment"
            state.flow, state.slots = None, {}
            return FlowReply(self._about(state, key, order))
        if state.flow == "address":
            said = state.slots.get("flow_text", "")
            address = (
                state.slots.get("address")
                or self._address_of_other_order(said, order, state)
                or relative_address(said, order["address"])
            )
            if address is None:
                return FlowReply(phrase(state.lang, "new_shipping_address", order_id=order["order_id"]))
            summary = phrase(
                state.lang, "address_summary", order_id=order["order_id"], address=describe_address(address)
            )
            kwargs = {"order_id": order["order_id"], **address}
            return self._ask(state, "modify_pending_order_address", kwargs, summary)
        methods = user.get("payment_methods", {})
        method = payment_method_in(state.slots.get("payment_text", ""), methods)
        if method is None:
            described = listing(state.lang, [describe_method(d, state.lang) for d in methods.values()])
            return FlowReply(phrase(state.lang, "which_payment", order_id=order["order_id"], methods=described))
        summary = phrase(
            state.lang,
            "payment_summary",
            order_id=order["order_id"],
            method=describe_method(methods[method], state.lang),
        )
        return self._ask(
            state, "modify_pending_order_payment", {"order_id": order["order_id"], "payment_method_id": method}, summary
        )

    def _change(self, order: dict[str, Any], user: dict[str, Any], state: FlowState) -> FlowReply:
        name = {"pending": "modify_pending_order_items", "delivered": "exchange_delivered_order_items"}.get(
            order["status"]
        )
        if name is None:
            state.flow, state.slots = None, {}
            return FlowReply(self._about(state, "only_pending_or_delivered_change", order))
        text = state.slots.get("change_text", "")
        item_ids = _in_order(state.slots.get("item_ids"), order) or match_items(text, order)
        if not item_ids:  # "change the deck material to bamboo": the one item that has such an option
            fitting = [
                i["item_id"]
                for i in order["items"]
                if resolve_variant(i, self.store.product_details(i["product_id"]) or {"variants": {}}, text)
            ]
            item_ids = fitting if len(fitting) == 1 else []
        if not item_ids:
            return FlowReply(phrase(state.lang, "which_item_change", order_id=order["order_id"]))
        if (which := self._ask_which_item(state, order, item_ids)) is not None:
            return which
        changes: list[tuple[dict[str, Any], dict[str, Any]]] = []
        for item_id in item_ids:
            item = next(i for i in order["items"] if i["item_id"] == item_id)
            product = self.store.product_details(item["product_id"]) or {"variants": {}}
            new = resolve_variant(item, product, clauses_about(item, text, order["items"]))
            if new is None:
                options = sorted(
                    {
                        f"{k} {v}"
                        for variant in product["variants"].values()
                        if variant["available"]
                        for k, v in variant["options"].items()
                        if item["options"].get(k) != v
                    }
                )[:8]
                return FlowReply(
                    phrase(state.lang, "which_option", item=item["name"], options=listing(state.lang, options))
                )
            changes.append((item, new))
        source = state.slots.get("pay_with")
        methods = user.get("payment_methods", {})
        method = (
            state.slots.get("pay_with_id")
            or payment_method_in(text, methods)  # the whole request, read again now that the account is known
            or next((m for m, d in methods.items() if d["source"] == source), None)
        )
        if method is None:  # the policy: the customer names the method that pays or receives the difference
            described = listing(state.lang, [describe_method(d, state.lang) for d in methods.values()])
            return FlowReply(phrase(state.lang, "which_difference_method", methods=described))
        described = "; ".join(
            phrase(
                state.lang,
                "item_for",
                old=f"{item['name']} ({', '.join(map(str, item['options'].values()))})",
                new=f"({', '.join(map(str, new['options'].values()))})",
            )
            for item, new in changes
        )
        what = phrase(
            state.lang, "exchange_in" if name.startswith("exchange") else "change_in", order_id=order["order_id"]
        )

        def summary(result: dict[str, Any]) -> str:
            difference = float(result["price_difference"])  # what the write will charge or refund
            if difference > 0:
                settled = phrase(state.lang, "you_pay", amount=money(difference))
            else:
                settled = phrase(state.lang, "you_get_back", amount=money(-difference))
            return phrase(
                state.lang,
                "items_summary",
                what=what,
                changes=described,
                money=settled,
                method=str(method).replace("_", " "),
            )

        kwargs = {
            "order_id": order["order_id"],
            "item_ids": [i["item_id"] for i, _ in changes],
            "new_item_ids": [n["item_id"] for _, n in changes],
            "payment_method_id": method,
        }
        return self._ask(state, name, kwargs, summary)

    def _order_from_description(self, state: FlowState, user: dict[str, Any]) -> str | None:
        """ "the one ending in 66", "my tea kettle order": the one order of this customer that fits."""
        text = state.slots.get("last_text", "")
        orders = self._orders_of(user)
        if match := ENDS_WITH.search(text):
            fitting = [o["order_id"] for o in orders if o["order_id"].endswith(match.group(1))]
            return fitting[0] if len(fitting) == 1 else None
        statuses = _statuses_acted_on(state)
        candidates = [o for o in orders if o["status"] in statuses]
        if state.flow == "cancel" and ALL_ORDERS.search(state.slots.get("flow_text", "")) and len(candidates) > 1:
            queue = [o["order_id"] for o in candidates]  # "cancel all my pending orders": one plan each, in turn
            state.slots["queue"] = queue[1:]
            return queue[0]
        for said in (text, state.slots.get("flow_text", "")):  # this message first, then the whole request
            fitting = [o["order_id"] for o in candidates if match_items(said, o)]
            if len(fitting) == 1:
                return fitting[0]
            if len(fitting) > 1:
                return None
        if len(candidates) == 1 and not ENDS_WITH.search(state.slots.get("flow_text", "")):
            return str(candidates[0]["order_id"])  # the only order it can be: the plan names it for the yes
        return None

    def _order_from_photos(self, state: FlowState, user: dict[str, Any]) -> str | None:
        """The one order of this customer holding the product their photo shows (and those items)."""
        if not state.photo_products:
            return None
        shown = " ".join(state.photo_products)
        statuses = _statuses_acted_on(state)
        fitting = [
            (o, items) for o in self._orders_of(user) if o["status"] in statuses and (items := match_items(shown, o))
        ]
        if len(fitting) != 1:
            return None
        order, items = fitting[0]
        if state.flow in ("return", "change") and "item_ids" not in state.slots:
            state.slots["item_ids"] = items
            state.slots["items_text"] = shown
        return str(order["order_id"])

    def _address_of_other_order(self, text: str, order: dict[str, Any], state: FlowState) -> dict[str, str] | None:
        """ "the same address as my order #W2166301", "туда же, куда заказ #W…": that order's address (only one of
        the customer's own orders)."""
        others = [o for o in order_ids(text) if o != order["order_id"]]
        if len(others) != 1 or not SAME_AS.search(text):
            return None
        other = self.store.order_details(others[0])
        if other is None or other["user_id"] != state.user_id:
            return None
        return {
            k: str(other["address"].get(k, "")) for k in ("address1", "address2", "city", "state", "country", "zip")
        }

    def _order_choices(self, state: FlowState, user: dict[str, Any]) -> str:
        """The customer's orders this request can be about, with what is in them, so they can tell them apart."""
        statuses = _statuses_acted_on(state)
        orders = [o for o in self._orders_of(user) if o["status"] in statuses] or self._orders_of(user)
        described = [
            f"{o['order_id']} ({status_word(state.lang, o['status'])}: {', '.join(i['name'] for i in o['items'])})"
            for o in orders
        ]
        return listing(state.lang, described) or phrase(state.lang, "no_orders")

    def _orders_of(self, user: dict[str, Any]) -> list[dict[str, Any]]:
        return [o for o in (self.store.order_details(i) for i in user.get("orders", [])) if o is not None]

    def _cancel(self, order: dict[str, Any], state: FlowState) -> FlowReply:
        if order["status"] != "pending":
            state.flow, state.slots = None, {}
            return FlowReply(self._about(state, "only_pending_cancel", order))
        reason = state.slots.get("reason")
        if reason is None:
            return FlowReply(phrase(state.lang, "cancel_reason", order_id=order["order_id"]))
        method = order["payment_history"][0]["payment_method_id"]
        when = phrase(state.lang, "refund_immediately" if "gift_card" in method else "refund_5_7_days")

        def summary(result: dict[str, Any]) -> str:
            return phrase(
                state.lang,
                "cancel_summary",
                order_id=order["order_id"],
                items=listing(state.lang, [item["name"] for item in order["items"]]),
                reason=phrase(state.lang, "reason_" + reason.replace(" ", "_")),
                total=money(float(result["refunded"])),
                when=when,
            )

        return self._ask(state, "cancel_pending_order", {"order_id": order["order_id"], "reason": reason}, summary)

    def _return(self, order: dict[str, Any], user: dict[str, Any], state: FlowState) -> FlowReply:
        if order["status"] != "delivered":
            state.flow, state.slots = None, {}
            return FlowReply(self._about(state, "only_delivered_return", order))
        item_ids = _in_order(state.slots.get("item_ids"), order) or match_items(state.slots.get("last_text", ""), order)
        if item_ids:
            state.slots["item_ids"] = item_ids
        if not item_ids:
            contents = "; ".join(f"{item['name']} {options_of(item)}" for item in order["items"])
            return FlowReply(phrase(state.lang, "which_return_items", order_id=order["order_id"], listing=contents))
        if (which := self._ask_which_item(state, order, item_ids)) is not None:
            return which
        original = order["payment_history"][0]["payment_method_id"]
        method = original
        if state.slots.get("refund_to") == "gift_card":
            method = next((m for m in user.get("payment_methods", {}) if "gift_card" in m), original)
        names = [next(i["name"] for i in order["items"] if i["item_id"] == x) for x in item_ids]

        def summary(result: dict[str, Any]) -> str:
            return phrase(
                state.lang,
                "return_summary",
                items=listing(state.lang, names),
                order_id=order["order_id"],
                refund=money(float(result["refund"])),
                destination=phrase(state.lang, "to_gift_card" if "gift_card" in method else "to_original_method"),
            )

        kwargs = {"order_id": order["order_id"], "item_ids": item_ids, "payment_method_id": method}
        return self._ask(state, "return_delivered_order_items", kwargs, summary)

    def _ask(
        self, state: FlowState, name: str, kwargs: dict[str, Any], summary: str | Callable[[dict[str, Any]], str]
    ) -> FlowReply:
        """The plan and an explicit yes, after a dry run of the policy: its amounts are the write's own, and a
        plan the policy refuses is said now, not after the yes."""
        result, refused = dry_run(self.store, name, kwargs)
        if result is None or refused is not None:
            state.flow, state.slots = None, {}
            why = "" if refused is None else policy_reason(state.lang, refused.code, refused.values, str(refused))
            return FlowReply(phrase(state.lang, "cannot_plan", reason=why))
        said = summary(result) if callable(summary) else summary
        state.pending = PendingAction(uuid.uuid4().hex, name, kwargs, said)
        return FlowReply(f"{said} {phrase(state.lang, 'confirm_question')}", pending=state.pending)

    def _ask_which_item(self, state: FlowState, order: dict[str, Any], item_ids: list[str]) -> FlowReply | None:
        """Two items of the same product with different options, and the customer named neither apart (nor
        said "both"): ask which, instead of guessing. The answer is read together with the request."""
        text = state.slots.get("items_text") or state.slots.get("last_text", "")
        group = ambiguous_group(text, order, item_ids)
        if not group:
            return None
        state.slots.pop("item_ids", None)
        state.slots["ambiguous_text"] = text
        choices = listing(state.lang, [options_of(item) for item in group])
        return FlowReply(
            phrase(state.lang, "ambiguous_item", order_id=order["order_id"], name=group[0]["name"], choices=choices)
        )

    def _about(self, state: FlowState, key: str, order: dict[str, Any]) -> str:
        return phrase(state.lang, key, order_id=order["order_id"], status=status_word(state.lang, order["status"]))


def _in_order(item_ids: list[str] | None, order: dict[str, Any]) -> list[str]:
    """Item ids remembered from earlier that this order really holds (never a plan over another order's items)."""
    held = [i["item_id"] for i in order["items"]]
    return [i for i in item_ids or [] if i in held]


def _statuses_acted_on(state: FlowState) -> set[str]:
    """Which orders a described order is looked for among: cancels and address, payment and item changes act on
    pending orders, returns and exchanges on delivered ones; "change" is either, unless the customer said which."""
    if state.flow in ("cancel", "address", "payment"):
        return {"pending"}
    if state.flow == "return":
        return {"delivered"}
    said = state.slots.get("flow_text", "")
    if PENDING_WORDS.search(said):
        return {"pending"}
    if DELIVERED_WORDS.search(said):
        return {"delivered"}
    return {"pending", "delivered"}
