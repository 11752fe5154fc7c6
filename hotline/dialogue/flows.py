"""Flows for consequential store actions, decided by code (the model only phrases elsewhere).

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

from hotline.dialogue.addresses import PAYMENT_SOURCES, describe_address, parse_address, payment_method_in
from hotline.dialogue.references import emails, order_ids

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
_ALL_ITEMS = re.compile(
    r"\b(all|everything|the whole order|entire order|all (the )?items|все|всё|весь заказ)\b|所有|全部", re.I
)
_GIFT_CARD = re.compile(r"gift ?card|store credit|website credit", re.I)
_ENDS_WITH = re.compile(r"(?:\bends? (?:in|with)|заканчивается на|尾号是?|结尾是)\s*(\d{1,6})(?!\d)", re.I)
_action_ids = itertools.count(1)
_REASON_WORDS = {"no longer needed": "it is no longer needed", "ordered by mistake": "it was ordered by mistake"}


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
        if state.pending is not None:
            if _YES.search(text):
                action, state.pending = state.pending, None
                state.flow, state.slots = None, {}
                state.last_order_id = action.kwargs.get("order_id", state.last_order_id)
                return FlowReply("", execute=action)
            if _NO.search(text):
                state.pending, state.flow, state.slots = None, None, {}
                return FlowReply("Understood: I haven't changed anything. What would you like to do instead?")
            if not (_CANCEL.search(text) or _RETURN.search(text) or order_ids(text) or parse_address(raw_text)):
                return None  # a question in the middle: answered normally, the confirmation stays open
            state.pending = None  # a change of mind: plan again below

        if state.flow is None:
            self._identify(raw_text, state)  # remembered for a later request: "one user per conversation"
            if not _REQUEST.search(text):
                return None
            if _ADDRESS_CHANGE.search(text):
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
            return FlowReply(
                "Before I can change an order I need to confirm who you are: please give me the e-mail address on "
                "your account, or your first and last name and zip code."
            )
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
                items = _match_items(text, order)
                if items:
                    state.slots["item_ids"] = items
            if _GIFT_CARD.search(text):
                state.slots["refund_to"] = "gift_card"

    def _next_step(self, state: FlowState) -> FlowReply:
        user = self.store.user_details(state.user_id or "") or {}
        if state.flow == "user_address":
            return self._user_address(state)
        order_id = state.slots.get("order_id")
        if order_id is None and (found := self._order_from_description(state, user)):
            order_id = state.slots["order_id"] = found
        if order_id is None and state.last_order_id is not None:
            order_id = state.slots["order_id"] = state.last_order_id
        if order_id is None:
            orders = ", ".join(user.get("orders", [])) or "none"
            return FlowReply(f"Which order is it about? The orders on your account are: {orders}.")
        order = self.store.order_details(order_id)
        if order is None or order["user_id"] != state.user_id:
            state.slots.pop("order_id", None)
            return FlowReply(f"I can't find order {order_id} on your account. Which order is it about?")
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
            return FlowReply(
                "What is the new address? Please give the street, any suite or apartment, city, state and zip code."
            )
        summary = f"Change the default address on your account to {describe_address(address)}."
        return self._ask(state, "modify_user_address", {"user_id": state.user_id, **address}, summary)

    def _modify_pending(self, order: dict[str, Any], user: dict[str, Any], state: FlowState) -> FlowReply:
        """A pending order's shipping address or payment method."""
        if order["status"] != "pending":
            state.flow, state.slots = None, {}
            return FlowReply(
                f"Order {order['order_id']} is {order['status']}: only a pending order's "
                f"{'address' if state.flow == 'address' else 'payment method'} can be changed."
            )
        if state.flow == "address":
            address = state.slots.get("address")
            if address is None:
                return FlowReply(
                    f"What is the new shipping address for order {order['order_id']}? Please give "
                    "the street, any suite or apartment, city, state and zip code."
                )
            summary = f"Change the shipping address of order {order['order_id']} to {describe_address(address)}."
            kwargs = {"order_id": order["order_id"], **address}
            return self._ask(state, "modify_pending_order_address", kwargs, summary)
        methods = user.get("payment_methods", {})
        method = payment_method_in(state.slots.get("payment_text", ""), methods)
        if method is None:
            listing = ", ".join(_describe_method(d) for d in methods.values())
            return FlowReply(f"Which payment method should order {order['order_id']} use: {listing}?")
        summary = f"Pay for order {order['order_id']} with {_describe_method(methods[method])} instead."
        return self._ask(
            state, "modify_pending_order_payment", {"order_id": order["order_id"], "payment_method_id": method}, summary
        )

    def _change(self, order: dict[str, Any], user: dict[str, Any], state: FlowState) -> FlowReply:
        name = {"pending": "modify_pending_order_items", "delivered": "exchange_delivered_order_items"}.get(
            order["status"]
        )
        if name is None:
            state.flow, state.slots = None, {}
            return FlowReply(
                f"Order {order['order_id']} is {order['status']}: items can only be changed in a "
                "pending order or exchanged in a delivered one."
            )
        text = state.slots.get("change_text", "")
        item_ids = state.slots.get("item_ids") or _match_items(text, order)
        if not item_ids:  # "change the deck material to bamboo": the one item that has such an option
            fitting = [
                i["item_id"]
                for i in order["items"]
                if _resolve_variant(i, self.store.product_details(i["product_id"]) or {"variants": {}}, text)
            ]
            item_ids = fitting if len(fitting) == 1 else []
        if not item_ids:
            return FlowReply(f"Which item of order {order['order_id']} would you like to change, and to which option?")
        changes: list[tuple[dict[str, Any], dict[str, Any]]] = []
        for item_id in item_ids:
            item = next(i for i in order["items"] if i["item_id"] == item_id)
            product = self.store.product_details(item["product_id"]) or {"variants": {}}
            new = _resolve_variant(item, product, _clauses_about(item, text, order["items"]))
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
                    f"Which option would you like for the {item['name']} instead? Available options "
                    f"include: {', '.join(options)}."
                )
            changes.append((item, new))
        source = state.slots.get("pay_with")
        methods = user.get("payment_methods", {})
        method = next((m for m, d in methods.items() if d["source"] == source), None)
        if method is None:  # the policy: the customer names the method that pays or receives the difference
            listing = ", ".join(_describe_method(d) for d in methods.values())
            return FlowReply(f"Which payment method should pay or receive the price difference: {listing}?")
        difference = round(sum(new["price"] - item["price"] for item, new in changes), 2)
        described = "; ".join(
            f"{item['name']} ({', '.join(map(str, item['options'].values()))}) for "
            f"({', '.join(map(str, new['options'].values()))})"
            for item, new in changes
        )
        money = f"you pay {_money(difference)}" if difference > 0 else f"you get {_money(-difference)} back"
        verb = "Exchange" if name.startswith("exchange") else "Change"
        summary = (
            f"{verb} in order {order['order_id']}: {described}. The price difference: {money} via "
            f"{method.replace('_', ' ')}. This can only be done once for an order, so please make sure "
            "you have named every item you want to change."
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
        wanted_status = "pending" if state.flow == "cancel" else "delivered"
        orders = [o for o in (self.store.order_details(i) for i in user.get("orders", [])) if o is not None]
        if match := _ENDS_WITH.search(text):
            fitting = [o["order_id"] for o in orders if o["order_id"].endswith(match.group(1))]
            return fitting[0] if len(fitting) == 1 else None
        fitting = [o["order_id"] for o in orders if o["status"] == wanted_status and _match_items(text, o)]
        return fitting[0] if len(fitting) == 1 else None

    def _cancel(self, order: dict[str, Any], state: FlowState) -> FlowReply:
        if order["status"] != "pending":
            state.flow, state.slots = None, {}
            return FlowReply(
                f"Order {order['order_id']} is {order['status']}, and only pending orders can be cancelled."
            )
        reason = state.slots.get("reason")
        if reason is None:
            return FlowReply(
                f"Why would you like to cancel order {order['order_id']}: is it no longer needed, or was it "
                "ordered by mistake?"
            )
        total = sum(p["amount"] for p in order["payment_history"] if p["transaction_type"] == "payment")
        method = order["payment_history"][0]["payment_method_id"]
        when = "immediately" if "gift_card" in method else "within 5 to 7 business days"
        items = ", ".join(item["name"] for item in order["items"])
        summary = (
            f"Cancel order {order['order_id']} ({items}) because {_REASON_WORDS[reason]}. The total of {_money(total)} "
            f"goes back to the original payment method {when}."
        )
        return self._ask(state, "cancel_pending_order", {"order_id": order["order_id"], "reason": reason}, summary)

    def _return(self, order: dict[str, Any], user: dict[str, Any], state: FlowState) -> FlowReply:
        if order["status"] != "delivered":
            state.flow, state.slots = None, {}
            return FlowReply(
                f"Order {order['order_id']} is {order['status']}, and only delivered orders can be returned."
            )
        item_ids = state.slots.get("item_ids") or _match_items(state.slots.get("last_text", ""), order)
        if item_ids:
            state.slots["item_ids"] = item_ids
        if not item_ids:
            listing = "; ".join(
                f"{item['name']} ({', '.join(str(v) for v in item['options'].values())})" for item in order["items"]
            )
            return FlowReply(
                f"Which items of order {order['order_id']} would you like to return? It contains: {listing}. "
                "Please name all the items you want to return."
            )
        original = order["payment_history"][0]["payment_method_id"]
        method = original
        if state.slots.get("refund_to") == "gift_card":
            method = next((m for m in user.get("payment_methods", {}) if "gift_card" in m), original)
        names = [next(i["name"] for i in order["items"] if i["item_id"] == x) for x in item_ids]
        refund = sum(next(i["price"] for i in order["items"] if i["item_id"] == x) for x in item_ids)
        summary = (
            f"Return {', '.join(names)} from order {order['order_id']}; the refund of {_money(refund)} goes to "
            f"{'your gift card' if 'gift_card' in method else 'the original payment method'}. You will get an "
            "e-mail explaining how to send the items back."
        )
        kwargs = {"order_id": order["order_id"], "item_ids": item_ids, "payment_method_id": method}
        return self._ask(state, "return_delivered_order_items", kwargs, summary)

    def _ask(self, state: FlowState, name: str, kwargs: dict[str, Any], summary: str) -> FlowReply:
        state.pending = PendingAction(f"a{next(_action_ids)}", name, kwargs, summary)
        return FlowReply(f"{summary} Shall I go ahead? Please answer yes or no.", pending=state.pending)


def _match_items(text: str, order: dict[str, Any]) -> list[str]:
    """Item descriptions ("the keyboard", "the blue water bottle") to item ids; all items on "everything"."""
    items = order["items"]
    if _ALL_ITEMS.search(text):
        return sorted(item["item_id"] for item in items)
    lowered = text.lower()
    chosen = []
    for item in items:
        words = [w for w in re.findall(r"[a-z]+", item["name"].lower()) if len(w) > 2]
        options = [str(v).lower() for v in item["options"].values()]
        if item["item_id"] in text or (words and all(w in lowered or w.rstrip("s") in lowered for w in words)):
            chosen.append((item, sum(1 for o in options if o in lowered)))
    if not chosen:
        return []
    # Several items of the same product: keep those whose options the customer named best.
    best: dict[str, int] = {}
    for item, score in chosen:
        best[item["name"]] = max(best.get(item["name"], 0), score)
    return sorted(item["item_id"] for item, score in chosen if score == best[item["name"]])


def _clauses_about(item: dict[str, Any], text: str, items: list[dict[str, Any]] | None = None) -> str:
    """The parts of the message about this item ("the mouse in white, and the bookshelf taller"), so one
    item's wishes are not applied to another. A part that names no item belongs to the item named before it
    ("the watch with the silicone strap and the blue dial"). The whole text when no part names this item."""

    def words_of(thing: dict[str, Any]) -> list[str]:
        return [w for w in re.findall(r"[a-z]+", thing["name"].lower()) if len(w) > 2]

    own = words_of(item)
    others = [words_of(i) for i in (items or []) if i["item_id"] != item["item_id"] and i["name"] != item["name"]]
    clauses = re.split(r"[,;]|\.(?!\d)|\band\b|\balso\b", text.lower())  # "1.5L" is not a clause end
    about, current = [], False
    for clause in clauses:
        if own and any(w in clause for w in own):
            current = True
        elif any(o and any(w in clause for w in o) for o in others):
            current = False
        if current:
            about.append(clause)
    return " ".join(about) if about else text


def _describe_method(method: dict[str, Any]) -> str:
    if method["source"] == "credit_card":
        return f"credit card ending {method.get('last_four', '')}".strip()
    if method["source"] == "gift_card":
        return f"gift card (balance {_money(method.get('balance', 0.0))})"
    return method["source"]


def _resolve_variant(item: dict[str, Any], product: dict[str, Any], text: str) -> dict[str, Any] | None:
    """The available variant the customer described: the option values they named that differ from the item's,
    the other options kept where possible, the cheaper on a tie. None when nothing new was named."""
    lowered = text.lower()
    wanted: dict[str, str] = {}
    for variant in product["variants"].values():
        for key, value in variant["options"].items():
            value_text = str(value).lower()
            if item["options"].get(key) == value:
                continue
            if re.search(rf"(?<![\w.]){re.escape(value_text)}(?!\w)", lowered) and len(value_text) > len(
                wanted.get(key, "")
            ):
                wanted[key] = value
    if not wanted:
        return None
    candidates = [
        v
        for v in product["variants"].values()
        if v["available"]
        and v["item_id"] != item["item_id"]
        and all(v["options"].get(k) == val for k, val in wanted.items())
    ]
    if not candidates:
        return None

    def closeness(variant: dict[str, Any]) -> tuple[int, float]:
        same = sum(1 for k, v in item["options"].items() if k not in wanted and variant["options"].get(k) == v)
        return same, -variant["price"]

    return max(candidates, key=closeness)


def result_sentence(name: str, outcome_ok: bool, result: dict[str, Any], reason: str) -> str:
    if not outcome_ok:
        return f"I couldn't do that: {reason}."
    if name == "cancel_pending_order":
        return f"Done: the order is now cancelled, and {_money(result.get('refunded', 0.0))} will be refunded."
    if name == "exchange_delivered_order_items":
        return "Done: the exchange is requested. You'll receive an e-mail with instructions for sending the item back."
    if name == "modify_pending_order_items":
        return "Done: the items in your order are changed."
    if name == "modify_pending_order_address":
        return "Done: the order will ship to the new address."
    if name == "modify_pending_order_payment":
        return "Done: the order's payment method is changed."
    if name == "modify_user_address":
        return "Done: your account's default address is updated."
    if name == "return_delivered_order_items":
        return (
            f"Done: the return is requested (refund {_money(result.get('refund', 0.0))}). You'll receive an "
            "e-mail with the return instructions."
        )
    return "Done."
