"""The keyword baseline of ``hotline eval simulate``: the regular-expression flows as they were before the
store-grounded understanding (frozen copy; not used by the gateway). Flows for consequential store actions.

authenticate (e-mail, or name + zip; always, even when a user id is given) -> gather the order (and, for a
return, the items and the refund method) -> state the exact action and ask for an explicit yes -> execute
-> confirm with the real result. Nothing is written without that yes; a "no" drops the plan. One user per
conversation. Questions asked in the middle are answered by the normal dialogue and the flow resumes with
what was already said.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from hotline.dialogue.flow_phrases import listing, phrase, status_word
from hotline.evaluation.keyword_baseline.addresses import (
    PAYMENT_SOURCES,
    describe_address,
    parse_address,
    payment_method_in,
)
from hotline.evaluation.keyword_baseline.order_items import (
    ambiguous_group,
    clauses_about,
    match_items,
    options_of,
    resolve_variant,
)
from hotline.evaluation.keyword_baseline.references import emails, order_ids

_YES = re.compile(
    r"^\W*(yes|yeah|yep|sure|ok|okay|confirm|confirmed|go ahead|please do|correct|да|подтверждаю|конечно)\b"
    r"|^\W*(是|好|确认|可以|对)",
    re.I,
)
_NO = re.compile(r"^\W*(no|nope|don'?t|do not|cancel that|stop|wait|нет|не надо)\b|^\W*(不|别)", re.I)
_NAME_ZIP = re.compile(
    r"(?:my name is|i am|i'm|this is|name:?|меня зовут|я|我叫|我的名字是|我是)\s*([A-Z][a-z'-]+)\s+([A-Z][a-z'-]+)\b.*?"
    r"(?<!\d)(\d{5})(?!\d)",
    re.I | re.S,
)
_CANCEL = re.compile(r"\bcancel|\bотмен|取消", re.I)
_RETURN = re.compile(r"\b(return|send (it|them) back|refund for|вернуть|возврат)|退货|退回", re.I)
_CHANGE = re.compile(r"\b(exchang\w*|swap\w*|switch\w*|chang\w* (it|the|my)|replac\w*|обмен\w*|замен\w*)|换", re.I)
_PAY_WITH = PAYMENT_SOURCES
_ADDRESS_CHANGE = re.compile(r"\baddress\b", re.I)
_USER_ADDRESS = re.compile(r"\b(default|account|profile|on file|home)\b", re.I)
# "change the payment to paypal": the payment method itself; "swap it, paying with paypal" is an item change.
_PAYMENT_CHANGE = re.compile(r"\b(chang\w*|switch\w*|updat\w*|modif\w*)\b[^.]*\bpayment\b", re.I)
_REASON_NOT_NEEDED = re.compile(
    r"no longer need|don'?t need|do not need|not needed|changed my mind|won'?t need|"
    r"больше не нуж|не нужен|不再需要|不需要",
    re.I,
)
_REASON_MISTAKE = re.compile(
    r"mistake|by accident|accidentally|wrong order|ordered (it )?twice|по ошибке|买错|下错", re.I
)
# "Can I return...?" asks about the policy (the dialogue answers it); "I want to return..." asks us to act.
_REQUEST = re.compile(
    r"^\W*(also|and also)\b|^\W*(hi|hello|hey)?\W*(cancel|return)\b|"
    r"\b(i want|i'd like|i would like|i need|i wish|please|help me|can you|could you|would you|let me|"
    r"go ahead and|need to|want to|have to|хочу|нужно|надо|пожалуйста|прошу|помогите)\b|想|我要|请|帮我|需要",
    re.I,
)
_DAMAGED = re.compile(
    r"\b(broken|damaged|defective|cracked|smashed|crushed|leaking|spoiled|rotten|mouldy|moldy|wrong item)\b|"
    r"сломан|поврежд|испорч|разбит|гнил|坏了|破损|损坏|烂了",
    re.I,
)
_GIFT_CARD = re.compile(r"gift ?card|store credit|website credit", re.I)
_ENDS_WITH = re.compile(r"(?:\bends? (?:in|with)|заканчивается на|尾号是?|结尾是)\s*(\d{1,6})(?!\d)", re.I)
_LATIN_WORD = re.compile(r"\b[a-z]{2,}\b", re.I)
_action_ids = itertools.count(1)


class Store(Protocol):
    def find_user_id_by_email(self, email: str) -> str | None: ...
    def find_user_id_by_name_zip(self, first_name: str, last_name: str, zip_code: str) -> str | None: ...
    def user_details(self, user_id: str) -> dict[str, Any] | None: ...
    def order_details(self, order_id: str) -> dict[str, Any] | None: ...
    def product_details(self, product_id: str) -> dict[str, Any] | None: ...


@dataclass
class PendingAction:
    id: str
    name: str
    kwargs: dict[str, Any]
    summary: str

    def as_event(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kwargs": self.kwargs, "summary": self.summary}


@dataclass
class FlowState:
    user_id: str | None = None
    flow: str | None = None  # cancel | return
    slots: dict[str, Any] = field(default_factory=dict)
    pending: PendingAction | None = None
    last_order_id: str | None = None  # the order the last action was about: "also change..." means that one
    lang: str = "en"  # the customer's language: what the flow's replies are worded in
    photo_products: list[str] = field(default_factory=list)  # what the customer's photos show ("Granny Smith Apple")


@dataclass
class FlowReply:
    text: str
    pending: PendingAction | None = None  # set when the reply asks for an explicit yes
    execute: PendingAction | None = None  # set when the customer said yes: the session runs it


def _money(value: float) -> str:
    return f"${value:,.2f}"


class FlowManager:
    def __init__(self, store: Store) -> None:
        self.store = store

    def handle(self, text: str, raw_text: str, state: FlowState) -> FlowReply | None:
        """The flow's reply to this message, or None when the normal dialogue should answer it."""
        state.lang = _language_of(text, state.lang)
        if state.pending is not None:
            if _YES.search(text):
                action, state.pending = state.pending, None
                state.flow, state.slots = None, {}
                state.last_order_id = action.kwargs.get("order_id", state.last_order_id)
                return FlowReply("", execute=action)
            if _NO.search(text):
                state.pending, state.flow, state.slots = None, None, {}
                return FlowReply(phrase(state.lang, "nothing_changed"))
            if not (_CANCEL.search(text) or _RETURN.search(text) or order_ids(text) or parse_address(raw_text)):
                return None  # a question in the middle: answered normally, the confirmation stays open
            state.pending = None  # a change of mind: plan again below

        if state.flow is None:
            self._identify(raw_text, state)  # remembered for a later request: "one user per conversation"
            damaged = bool(_DAMAGED.search(text)) and bool(state.photo_products)  # "this arrived broken" + photo
            if not (_REQUEST.search(text) or damaged):
                return None
            if damaged and not (_CANCEL.search(text) or _CHANGE.search(text)):
                state.flow = "return"  # what the policy lets the bot offer for a damaged delivered item
            elif _ADDRESS_CHANGE.search(text):
                state.flow = "user_address" if _USER_ADDRESS.search(text) else "address"
            elif _PAYMENT_CHANGE.search(text) and not _CANCEL.search(text):
                state.flow = "payment"
            elif _CANCEL.search(text):
                state.flow = "cancel"
            elif _RETURN.search(text):
                state.flow = "return"
            elif _CHANGE.search(text) and not re.search(r"\baddress", text, re.I):  # address: not an item change
                state.flow = "change"  # an exchange (delivered) or an item change (pending): decided by status
            else:
                return None
        self._collect(text, raw_text, state)
        if state.user_id is None:
            tried = bool(emails(raw_text) or _NAME_ZIP.search(raw_text))  # given, but no account has it
            return FlowReply(phrase(state.lang, "identify_not_found" if tried else "identify"))
        return self._next_step(state)

    def _identify(self, raw_text: str, state: FlowState) -> None:
        if state.user_id is not None:
            return
        for email in emails(raw_text):
            if user_id := self.store.find_user_id_by_email(email):
                state.user_id = user_id
                return
        if match := _NAME_ZIP.search(raw_text):
            state.user_id = self.store.find_user_id_by_name_zip(*match.groups())

    def _collect(self, text: str, raw_text: str, state: FlowState) -> None:
        state.slots["last_text"] = text
        self._identify(raw_text, state)
        for order_id in order_ids(raw_text or text):  # raw: also order ids read from a photo
            state.slots["order_id"] = order_id
        if (address := parse_address(raw_text)) is not None:
            state.slots["address"] = address
        if state.flow == "payment":
            state.slots["payment_text"] = f"{state.slots.get('payment_text', '')} {raw_text}"
        if _REASON_NOT_NEEDED.search(text):
            state.slots["reason"] = "no longer needed"
        elif _REASON_MISTAKE.search(text):
            state.slots["reason"] = "ordered by mistake"
        if state.flow == "change":
            state.slots["change_text"] = f"{state.slots.get('change_text', '')} {text}"
            for source, pattern in _PAY_WITH.items():
                if pattern.search(text):
                    state.slots["pay_with"] = source
        if state.flow in ("return", "change"):
            order = self.store.order_details(state.slots["order_id"]) if "order_id" in state.slots else None
            if order is not None:
                asked = state.slots.pop("ambiguous_text", None)  # "the black one": read with what was asked about
                matched_text = f"{asked} {text}" if asked else text
                items = match_items(matched_text, order)
                if items:
                    state.slots["item_ids"] = items
                    state.slots["items_text"] = matched_text
            if _GIFT_CARD.search(text):
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
            orders = listing(state.lang, user.get("orders", [])) or phrase(state.lang, "no_orders")
            return FlowReply(phrase(state.lang, "which_order", orders=orders))
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
            address = state.slots.get("address")
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
            described = listing(state.lang, [_describe_method(d, state.lang) for d in methods.values()])
            return FlowReply(phrase(state.lang, "which_payment", order_id=order["order_id"], methods=described))
        summary = phrase(
            state.lang,
            "payment_summary",
            order_id=order["order_id"],
            method=_describe_method(methods[method], state.lang),
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
        item_ids = state.slots.get("item_ids") or match_items(text, order)
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
        method = next((m for m, d in methods.items() if d["source"] == source), None)
        if method is None:  # the policy: the customer names the method that pays or receives the difference
            described = listing(state.lang, [_describe_method(d, state.lang) for d in methods.values()])
            return FlowReply(phrase(state.lang, "which_difference_method", methods=described))
        difference = round(sum(new["price"] - item["price"] for item, new in changes), 2)
        described = "; ".join(
            phrase(
                state.lang,
                "item_for",
                old=f"{item['name']} ({', '.join(map(str, item['options'].values()))})",
                new=f"({', '.join(map(str, new['options'].values()))})",
            )
            for item, new in changes
        )
        if difference > 0:
            money = phrase(state.lang, "you_pay", amount=_money(difference))
        else:
            money = phrase(state.lang, "you_get_back", amount=_money(-difference))
        what = phrase(
            state.lang, "exchange_in" if name.startswith("exchange") else "change_in", order_id=order["order_id"]
        )
        summary = phrase(
            state.lang,
            "items_summary",
            what=what,
            changes=described,
            money=money,
            method=method.replace("_", " "),
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
        if match := _ENDS_WITH.search(text):
            fitting = [o["order_id"] for o in orders if o["order_id"].endswith(match.group(1))]
        else:
            status = _status_acted_on(state)
            fitting = [o["order_id"] for o in orders if o["status"] == status and match_items(text, o)]
        return fitting[0] if len(fitting) == 1 else None

    def _order_from_photos(self, state: FlowState, user: dict[str, Any]) -> str | None:
        """The one order of this customer holding the product their photo shows (and those items)."""
        if not state.photo_products:
            return None
        shown = " ".join(state.photo_products)
        status = _status_acted_on(state)
        fitting = [
            (o, items) for o in self._orders_of(user) if o["status"] == status and (items := match_items(shown, o))
        ]
        if len(fitting) != 1:
            return None
        order, items = fitting[0]
        if state.flow in ("return", "change") and "item_ids" not in state.slots:
            state.slots["item_ids"] = items
            state.slots["items_text"] = shown
        return str(order["order_id"])

    def _orders_of(self, user: dict[str, Any]) -> list[dict[str, Any]]:
        return [o for o in (self.store.order_details(i) for i in user.get("orders", [])) if o is not None]

    def _cancel(self, order: dict[str, Any], state: FlowState) -> FlowReply:
        if order["status"] != "pending":
            state.flow, state.slots = None, {}
            return FlowReply(self._about(state, "only_pending_cancel", order))
        reason = state.slots.get("reason")
        if reason is None:
            return FlowReply(phrase(state.lang, "cancel_reason", order_id=order["order_id"]))
        total = sum(p["amount"] for p in order["payment_history"] if p["transaction_type"] == "payment")
        method = order["payment_history"][0]["payment_method_id"]
        when = phrase(state.lang, "refund_immediately" if "gift_card" in method else "refund_5_7_days")
        summary = phrase(
            state.lang,
            "cancel_summary",
            order_id=order["order_id"],
            items=listing(state.lang, [item["name"] for item in order["items"]]),
            reason=phrase(state.lang, "reason_" + reason.replace(" ", "_")),
            total=_money(total),
            when=when,
        )
        return self._ask(state, "cancel_pending_order", {"order_id": order["order_id"], "reason": reason}, summary)

    def _return(self, order: dict[str, Any], user: dict[str, Any], state: FlowState) -> FlowReply:
        if order["status"] != "delivered":
            state.flow, state.slots = None, {}
            return FlowReply(self._about(state, "only_delivered_return", order))
        item_ids = state.slots.get("item_ids") or match_items(state.slots.get("last_text", ""), order)
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
        refund = sum(next(i["price"] for i in order["items"] if i["item_id"] == x) for x in item_ids)
        summary = phrase(
            state.lang,
            "return_summary",
            items=listing(state.lang, names),
            order_id=order["order_id"],
            refund=_money(refund),
            destination=phrase(state.lang, "to_gift_card" if "gift_card" in method else "to_original_method"),
        )
        kwargs = {"order_id": order["order_id"], "item_ids": item_ids, "payment_method_id": method}
        return self._ask(state, "return_delivered_order_items", kwargs, summary)

    def _ask(self, state: FlowState, name: str, kwargs: dict[str, Any], summary: str) -> FlowReply:
        state.pending = PendingAction(f"a{next(_action_ids)}", name, kwargs, summary)
        return FlowReply(f"{summary} {phrase(state.lang, 'confirm_question')}", pending=state.pending)

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


def _status_acted_on(state: FlowState) -> str:
    """Which orders a described order is looked for among: a cancel acts on pending ones, the rest on delivered."""
    return "pending" if state.flow == "cancel" else "delivered"


def _language_of(text: str, current: str) -> str:
    """The customer's language: a message in Cyrillic or Chinese script says so; going back to English takes a
    message of a few English words (not a bare "ok" or an e-mail address in an otherwise Russian chat)."""
    # The script rule as it was at 45c0a1f (hotline.dialogue.language has moved on; a baseline must not).
    if re.search(r"[\u4e00-\u9fff]", text):
        return "zh"
    if re.search(r"[\u0400-\u04ff]", text):
        return "ru"
    words = _LATIN_WORD.findall(re.sub(r"\S+@\S+|#\w+", " ", text))
    return "en" if len(words) >= 3 else current


def _describe_method(method: dict[str, Any], lang: str = "en") -> str:
    if method["source"] == "credit_card":
        return phrase(lang, "card_ending", last_four=method.get("last_four", "")).strip()
    if method["source"] == "gift_card":
        return phrase(lang, "gift_card_balance", balance=_money(method.get("balance", 0.0)))
    return str(method["source"])


_DONE = {
    "cancel_pending_order": "done_cancel",
    "exchange_delivered_order_items": "done_exchange",
    "modify_pending_order_items": "done_modify_items",
    "modify_pending_order_address": "done_address",
    "modify_pending_order_payment": "done_payment",
    "modify_user_address": "done_user_address",
    "return_delivered_order_items": "done_return",
}


def result_sentence(name: str, outcome_ok: bool, result: dict[str, Any], reason: str, lang: str = "en") -> str:
    if not outcome_ok:
        return phrase(lang, "failed", reason=reason)
    refund = _money(result.get("refunded", result.get("refund", 0.0)))
    return phrase(lang, _DONE.get(name, "done"), refund=refund)
