"""A simulated customer driven by its goals, not by a script.

It opens in its own words (everything up front, the request without identity, or only the gist: chosen by
the seed), answers what the bot asks (identity, order, items, reason, payment, option, address), and answers
a confirmation by comparing the structured action with what it wants. The patient customer re-states its
request when the bot seems stuck; the impatient one gives each fact once and leaves after two turns that got
it nowhere.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any

from hotline.evaluation.simulate.goals import Goal, ItemRef, Profile
from hotline.evaluation.simulate.phrasebook import Voice
from hotline.store.actions import REQUEST_KINDS, same_request
from hotline.store.policy import ADDRESS_FIELDS

# What the bot asks about, as the customer reads it (any of the three languages).
_ASKS = [
    ("address", r"new (shipping )?address|which address|новый адрес|адрес доставки|新地址|收货地址"),
    ("identity", r"e-?mail|zip|who you are|identif|почт|индекс|фамили|邮箱|邮编|邮政编码|身份"),
    (
        "option",
        r"which option|which one do you mean|options include|"
        r"какой вариант|какой именно|варианты|选项|哪一个|哪一款",
    ),
    ("items", r"which items?|what items?|какие товары|какой товар|哪些商品|哪件|哪个商品"),
    (
        "order",
        r"which order|order number|order id|orders on your account|"
        r"каком заказе|какой заказ|номер заказа|哪个订单|订单号",
    ),
    ("reason", r"\bwhy\b|reason|причин|почему|原因|为什么"),
    ("payment", r"payment method|pay or receive|which card|способ оплаты|каким способом|付款方式|支付方式|差价"),
]


# The bot says a request cannot be done (policy, status): the customer moves on.
_REFUSED = re.compile(
    r"can'?t|cannot|unable|only (a )?(pending|delivered)|не получится|не могу|можно только|нельзя|无法|不能|只有", re.I
)


def asked_about(bot_text: str) -> str | None:
    lowered = bot_text.lower()
    for slot, pattern in _ASKS:
        if re.search(pattern, lowered):
            return slot
    return None


@dataclass
class Customer:
    profile: Profile
    voice: Voice
    patient: bool = True
    opening_style: str = "upfront"  # upfront | request | gist
    use_description: bool = False  # name the order by what is in it instead of its id
    remaining: list[Goal] = field(default_factory=list)
    given: set[str] = field(default_factory=set)
    stuck_turns: int = 0
    finished: bool = False
    gave_up: bool = False
    wrong_plans: int = 0
    confirmations: int = 0
    label: tuple[str, str] | None = None  # (act, action) of the last message: scores the understanding head
    plan_fields: list[tuple[str, bool]] = field(default_factory=list)  # each offered plan, field by field

    @classmethod
    def create(cls, profile: Profile, lang: str, family: int, seed: int, patient: bool) -> Customer:
        rng = random.Random(seed)
        style = rng.choice(["upfront", "upfront", "request", "gist"])
        customer = cls(profile, Voice(lang, family, rng), patient, style, rng.random() < 0.35)
        customer.remaining = list(profile.goals)
        return customer

    # ---- facts in words ----

    def identity(self) -> str:
        who = self.profile.identity
        use_email = who.email is not None and (who.zip is None or self.voice.rng.random() < 0.5)
        if use_email:
            email = who.email or ""
            if self.voice.lang == "en" and self.voice.rng.random() < 0.2:  # as said on the phone
                email = email.replace("@", " at ").replace(".", " dot ")
            return self.voice.say("email", email=email)
        return self.voice.say("name_zip", first=who.first, last=who.last, zip=who.zip)

    def order_ref(self, goal: Goal) -> str:
        if self.use_description and len(goal.order_items) >= 1 and "order" not in self.given:
            return self.voice.say("order_desc", item=self._item(goal.order_items[0], False))
        return self.voice.say("order_ref", id=goal.order_id)

    def _item(self, ref: ItemRef, with_options: bool) -> str:
        name = self.voice.product(ref.name)
        if not (with_options or ref.ambiguous):
            return name
        values = [self.voice.value(str(v)) for v in ref.options.values()]
        shown = values if ref.ambiguous else values[:1]
        if self.voice.lang == "en":
            return f"{' '.join(shown)} {name}"
        if self.voice.lang == "zh":
            return f"{'、'.join(shown)}的{name}"
        return f"{name} ({', '.join(shown)})"

    def items(self, goal: Goal) -> str:
        every = len(goal.items) == len(goal.order_items)
        if every and len(goal.items) >= 2 and self.voice.rng.random() < 0.6:
            return self.voice.say("everything")
        left = list(goal.order_items)  # the order's items less those acted on (two equal items count twice)
        for ref in goal.items:
            if ref in left:  # an item an earlier goal already changed is no longer among them
                left.remove(ref)
        if len(goal.order_items) >= 3 and len(left) == 1 and not left[0].ambiguous and self.voice.rng.random() < 0.6:
            return self.voice.say("except", item=self._item(left[0], False))
        named = self.voice.join([self._item(r, self.voice.rng.random() < 0.3) for r in goal.items])
        other = left[0] if left and not left[0].ambiguous else None
        if other is not None and other.name not in {r.name for r in goal.items} and self.voice.rng.random() < 0.3:
            return named + self.voice.say("hedge", item=self._item(other, False))  # must not be in the plan
        return named

    def _new_options(self, options: dict[str, str]) -> str:
        words = []
        for key, value in options.items():
            if value in ("yes", "no"):  # "without water resistance", not "no"
                words.append(self.voice.say(f"option_{value}", key=key))
            else:
                words.append(self.voice.value(str(value)))
        return " ".join(words)

    def changes(self, goal: Goal) -> str:
        parts = []
        for ref in goal.items:
            new = self._new_options(ref.new_options) or self.voice.say("same")
            parts.append(self.voice.say("change_one", item=self._item(ref, self.voice.rng.random() < 0.4), new=new))
        return self.voice.join(parts)

    def payment(self, goal: Goal) -> str:
        method = goal.payment or {}
        if goal.name == "return_delivered_order_items" and goal.payment_is_original and self.voice.rng.random() < 0.5:
            return self.voice.say("original")
        source = method.get("source", "paypal")
        return self.voice.say(source, last_four=method.get("last_four", ""), brand=method.get("brand", "card"))

    def address(self, goal: Goal) -> str:
        a, old = goal.address or {}, goal.old_address or {}
        if goal.same_as and self.voice.rng.random() < 0.5:
            return self.voice.say("same_as_order", order=goal.same_as)
        same_street = all(a.get(k) == old.get(k) for k in ("address1", "city", "state", "zip"))
        if same_street and a.get("address2") and self.voice.rng.random() < 0.6:
            return self.voice.say("same_street", unit=a["address2"])
        suite = f", {a['address2']}" if a.get("address2") else ""
        return f"{a['address1']}{suite}, {a['city']}, {a['state']} {a['zip']}"

    def reason(self, goal: Goal) -> str:
        return self.voice.say("reason_" + (goal.reason or "no longer needed").replace(" ", "_"))

    def request(self, goal: Goal, gist: bool = False) -> str:
        kind = goal.name
        self.label = ("request", REQUEST_KINDS[kind])
        key = {
            "cancel_pending_order": "cancel",
            "return_delivered_order_items": "return",
            "exchange_delivered_order_items": "exchange",
            "modify_pending_order_items": "modify_items",
            "modify_pending_order_address": "address",
            "modify_pending_order_payment": "payment",
        }[kind]
        if gist:
            return self.voice.say(key + "_gist")
        cancels = [g for g in self.remaining if g.name == "cancel_pending_order"]
        if (
            kind == "cancel_pending_order"
            and len(cancels) >= 2
            and sorted(g.order_id for g in cancels) == sorted(self.profile.pending_orders)
            and len({g.reason for g in cancels}) == 1
            and self.voice.rng.random() < 0.6
        ):
            self.given.update({"order", "reason"})
            return self.voice.say("cancel_all", reason=self.reason(goal))
        self.given.update({"order", "items", "reason", "payment", "address", "option"})
        values: dict[str, Any] = {"order": self.order_ref(goal)}
        if kind == "cancel_pending_order":
            values["reason"] = self.reason(goal)
        if kind == "return_delivered_order_items":
            values |= {"items": self.items(goal), "payment": self.payment(goal)}
        if kind in ("exchange_delivered_order_items", "modify_pending_order_items"):
            values |= {"changes": self.changes(goal), "payment": self.payment(goal)}
            if self.voice.rng.random() < 0.25:  # a fallback that must not be taken for the request itself
                fallback = "cancel" if kind == "modify_pending_order_items" else "return"
                return self.voice.say(key, **values) + self.voice.say(f"if_unavailable_{fallback}")
        if kind == "modify_pending_order_address":
            values["address"] = self.address(goal)
        if kind == "modify_pending_order_payment":
            values["payment"] = self.payment(goal)
        return self.voice.say(key, **values)

    # ---- the conversation ----

    def opening(self) -> str:
        goal = self.remaining[0]
        if self.opening_style == "gist":
            return self.request(goal, gist=True)
        text = self.request(goal)
        after = self.remaining[1] if len(self.remaining) > 1 else None
        two = self.opening_style == "upfront" and after is not None and after.name != goal.name
        if two and after is not None and self.voice.rng.random() < 0.3:  # two requests in one message
            label = self.label  # the message is labelled by its first request
            text = f"{text} {self.voice.say('also', request=self.request(after))}"
            self.label = label
        if self.opening_style == "upfront":
            self.given.add("identity")
            return f"{self.identity()} {text}" if self.voice.rng.random() < 0.5 else f"{text} {self.identity()}"
        return text

    def on_confirm(self, action: dict[str, Any]) -> str:
        self.confirmations += 1
        self.plan_fields += self.judge_fields(action)
        self.label = ("yes", "none")
        if any(same_request(g.name, g.kwargs, action["name"], action["kwargs"]) for g in self.remaining):
            self.stuck_turns = 0
            return self.voice.say("yes")
        self.label = ("no", "none")
        self.wrong_plans += 1
        self.stuck_turns += 1
        if not self.patient and self.stuck_turns >= 2:
            self.gave_up = True
        what = self.correction(action) if self.voice.rng.random() < 0.6 else None
        return self.voice.say("correction", what=what) if what else self.voice.say("no")

    def judge_fields(self, action: dict[str, Any]) -> list[tuple[str, bool]]:
        """The plan read field by field against what the customer wants: the action itself, then each argument
        of the goal it was meant for (the wanted goal of that action whose order matches, else the first one)."""
        same_kind = [g for g in self.remaining if g.name == action["name"]]
        if not same_kind:
            return [("action", False)]
        planned = action["kwargs"]
        goal = next((g for g in same_kind if g.kwargs.get("order_id") == planned.get("order_id")), same_kind[0])
        checks = [("action", True)]
        for key, wanted in goal.kwargs.items():
            name = "address" if key in ADDRESS_FIELDS else key
            checks.append((name, key in planned and _normal(planned[key]) == _normal(wanted)))
        merged: dict[str, bool] = {}
        for name, ok in checks:  # the address's six parts are one field
            merged[name] = merged.get(name, True) and ok
        return list(merged.items())

    def correction(self, action: dict[str, Any]) -> str | None:
        """ "No, I meant <the part the plan got wrong>": the goal this plan was meant for (same action, else the
        next goal) re-said in the one field that differs; None when the plan is another action altogether."""
        goal = next((g for g in self.remaining if g.name == action["name"]), None)
        if goal is None:
            return None
        wanted, planned = goal.kwargs, action["kwargs"]
        differs = [k for k in wanted if k in planned and _normal(wanted[k]) != _normal(planned[k])]
        if not differs:
            return None
        field = differs[0]
        if field == "order_id":
            return self.voice.say("order_ref", id=goal.order_id)
        if field == "item_ids" and goal.name == "return_delivered_order_items":
            return self.items(goal)
        if field in ("item_ids", "new_item_ids"):
            return self.changes(goal)
        if field == "payment_method_id":
            return self.payment(goal)
        if field == "reason":
            return self.reason(goal)
        return self.address(goal) if goal.address else None

    def on_executed(self, name: str, kwargs: dict[str, Any], ok: bool) -> str | None:
        """After an action ran: the next goal, or goodbye. None when the conversation is over."""
        done = next((g for g in self.remaining if same_request(g.name, g.kwargs, name, kwargs)), None)
        if done is not None:  # done, or refused by the store's policy: either way the customer moves on
            self.remaining.remove(done)
            self.stuck_turns = 0
            self.given -= {"order", "items", "reason", "payment", "address", "option"}
        if not self.remaining:
            self.finished = True
            return None
        return self.voice.say("also", request=self.request(self.remaining[0]))

    def on_reply(self, bot_text: str) -> str | None:
        """The answer to a bot message that neither confirmed nor acted. None: the customer leaves."""
        if not self.remaining:
            self.finished = True
            return None
        goal = self.remaining[0]
        slot = asked_about(bot_text)
        self.label = None
        if slot is None and _REFUSED.search(bot_text):  # the store can't do it: on to the next thing, like a person
            return self.on_executed(goal.name, goal.kwargs, False)
        if slot is None or (slot in self.given and not self.patient):
            self.stuck_turns += 1
            if not self.patient:
                if self.stuck_turns >= 2:
                    self.gave_up = True
                    return None
                return self.voice.say("already") if slot else self.request(goal)
            return self.request(goal)  # patient: say the whole request again
        if slot in self.given:
            self.stuck_turns += 1
        self.given.add(slot)
        return self._fact(slot, goal)

    def _fact(self, slot: str, goal: Goal) -> str:
        self.label = ("inform", "none")  # a request said again below relabels itself
        if slot == "identity":
            return self.identity()
        if slot == "order":
            return self.voice.say("order_ref", id=goal.order_id)
        if slot == "items":
            return self.items(goal) if goal.items else self.request(goal)
        if slot == "reason":
            return self.reason(goal) if goal.reason else self.request(goal)
        if slot == "address":
            return self.address(goal) if goal.address else self.request(goal)
        if slot == "payment":
            return self.payment(goal) if goal.payment else self.request(goal)
        if slot == "option":
            return self.changes(goal) if goal.items else self.request(goal)
        return self.request(goal)


def _normal(value: Any) -> Any:
    return sorted(value) if isinstance(value, list) else value
