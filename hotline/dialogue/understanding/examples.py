"""Training examples built from the company's material: τ-bench train tasks (who wants what, on which order,
with which items), the catalogue's names in en/ru/zh, and the policy's questions.

Each example is (text, act, action). act: request | question | yes | no | inform. action: cancel | return |
change | address | payment | none. The templates here are the training side's own (the simulated customers'
phrasebook is separate), and each is written with its label, so the head learns what a request to act looks
like apart from a question about the policy, in three languages.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

from hotline.dialogue.understanding.examples_composed import Core, composed, held_out_cores
from hotline.store.actions import REQUEST_KINDS
from hotline.store.catalog_names import PRODUCT_NAMES

REQUESTS: dict[str, dict[str, list[str]]] = {
    "cancel": {
        "en": [
            "cancel {order}",
            "I need {order} cancelled",
            "please stop {order}, {reason}",
            "kill the order {order}",
            "I don't want {order} anymore, cancel it",
            "can you cancel my {item} order",
            "cancel all my pending orders",
            "would it be possible to cancel {order}? {reason}",
            "{reason}, so please call off {order}",
            "I'd rather not go ahead with {order}",
            "I changed my mind about {order}, please cancel it",
        ],
        "ru": [
            "отмените {order}",
            "нужно отменить заказ {order}",
            "отмена заказа {order}, {reason}",
            "хочу отказаться от заказа {order}",
            "заказ с {item} отмените пожалуйста",
            "не могли бы вы отменить заказ {order}? {reason}",
            "{reason}, так что заказ {order} мне больше не нужен",
            "я передумал, отмените {order}",
            "заказ {order} больше не актуален",
        ],
        "zh": [
            "取消{order}",
            "帮我把{order}取消掉",
            "订单{order}不要了",
            "{item}那个订单我不想要了，取消吧",
            "撤销订单{order}",
            "请问能否取消订单{order}？{reason}",
            "{reason}，所以{order}就不要了",
            "我改主意了，{order}帮我撤掉",
        ],
    },
    "return": {
        "en": [
            "return the {item} from {order}",
            "I want my money back for the {item}",
            "send back the {item}",
            "I'd like a refund for the {item} I received",
            "take back the {item} please",
            "return everything in {order}",
            "could I send the {item} back and get a refund to {payment}?",
            "the {item} didn't work out, I'd like to return it",
            "I'm hoping to send back the {item} from {order}, the money can go to {payment}",
        ],
        "ru": [
            "верните деньги за {item}",
            "хочу сдать {item}",
            "оформите возврат {item}",
            "возврат по заказу {order}",
            "можно вернуть {item} и получить деньги на {payment}?",
            "{item} мне не подошёл, хочу отправить обратно",
        ],
        "zh": [
            "{item}我要退货",
            "把{item}退了",
            "申请退货，订单{order}",
            "{item}想退掉，退款",
            "收到的{item}要退回去",
            "{item}不太合适，请问能退吗？钱退到{payment}",
        ],
    },
    "change": {
        "en": [
            "swap the {item} for a {value} one",
            "exchange the {item} in {order}",
            "I'd like the {item} in {value} instead",
            "change the {item} to the {value} version",
            "replace my {item} with the {value} model",
            "could you switch the {item} to {value} before it ships? any difference on {payment}",
            "is there any way to swap the {item} in {order} for the {value} one?",
        ],
        "ru": [
            "поменяйте {item} на {value}",
            "хочу обменять {item}",
            "замените {item} в заказе {order}",
            "можно {item} в другом цвете, {value}",
            "измените {item} на вариант {value}",
            "не могли бы вы заменить {item} на {value}? разницу через {payment}",
        ],
        "zh": [
            "{item}换成{value}的",
            "我想换货，{item}",
            "把订单{order}里的{item}改成{value}",
            "{item}能换个{value}的吗，订单{order}",
            "麻烦把{item}换成{value}的，差价用{payment}",
        ],
    },
    "address": {
        "en": [
            "ship {order} to {address}",
            "update the delivery address on {order}",
            "my new address for {order} is {address}",
            "wrong address on {order}, it should be {address}",
        ],
        "ru": [
            "доставьте {order} на {address}",
            "поменяйте адрес доставки {order}",
            "новый адрес для заказа {order}: {address}",
        ],
        "zh": ["{order}寄到{address}", "收货地址改一下，{order}", "订单{order}的地址应该是{address}"],
    },
    "payment": {
        "en": [
            "pay {order} with {payment} instead",
            "use {payment} for {order}",
            "switch {order} over to {payment}",
            "charge {payment} for {order} instead of my card",
        ],
        "ru": [
            "оплатите {order} через {payment}",
            "смените оплату на {payment}",
            "пусть {order} будет оплачен {payment}",
        ],
        "zh": ["{order}改用{payment}付", "支付方式换成{payment}", "{order}用{payment}支付吧"],
    },
}
QUESTIONS: dict[str, list[str]] = {
    "en": [
        "can I return an item after 30 days?",
        "how long does a refund take?",
        "what is your exchange policy?",
        "is it possible to cancel a processed order?",
        "do you ship to Canada?",
        "how do I change my address?",
        "what payment methods do you take?",
        "can items be exchanged more than once?",
        "when will my refund arrive?",
        "can I cancel an order that already shipped?",
        "what happens to my gift card balance after a return?",
        "how does an exchange work?",
        "why was my order cancelled?",
        "can I pay with paypal?",
    ],
    "ru": [
        "можно ли вернуть товар через месяц?",
        "сколько идёт возврат денег?",
        "как работает обмен?",
        "можно ли отменить уже отправленный заказ?",
        "какие способы оплаты вы принимаете?",
        "как поменять адрес?",
        "когда придут деньги за возврат?",
        "можно ли обменять товар дважды?",
    ],
    "zh": [
        "退货需要多久？",
        "已经发货的订单能取消吗？",
        "换货的规则是什么？",
        "你们支持哪些付款方式？",
        "退款什么时候到账？",
        "可以换两次货吗？",
        "怎么修改收货地址？",
        "礼品卡退款多久到？",
    ],
}
SHORT: dict[str, dict[str, list[str]]] = {
    "yes": {
        "en": ["yes", "yeah go ahead", "sure", "correct", "ok do it", "that's right", "yep"],
        "ru": ["да", "да, верно", "конечно", "подтверждаю", "ага, делайте"],
        "zh": ["是的", "好的", "确认", "对", "可以，办吧"],
    },
    "no": {
        "en": ["no", "nope", "that's wrong", "not that", "no, don't", "wait, no"],
        "ru": ["нет", "нет, не так", "не надо", "неправильно"],
        "zh": ["不是", "不对", "不要这样", "别"],
    },
    "inform": {
        "en": [
            "my email is {email}",
            "{first} {last}, {zip}",
            "it's {order}",
            "the {item}",
            "{reason}",
            "{payment}",
            "{address}",
            "the one ending in 66",
        ],
        "ru": ["почта {email}", "{first} {last}, индекс {zip}", "заказ {order}", "{item}", "{payment}"],
        "zh": ["邮箱{email}", "{first} {last}，邮编{zip}", "订单{order}", "{item}", "{payment}"],
    },
}
_REASONS = {  # as customers give them, including words that belong to other requests ("my plans changed")
    "en": ["I don't need it", "ordered by mistake", "my plans changed", "I changed my mind", "it's no longer needed"],
    "ru": ["не нужен", "по ошибке", "планы изменились", "я передумала", "он больше не нужен"],
    "zh": ["不需要了", "买错了", "计划有变", "改主意了", "用不上了"],
}
_PAYMENTS = {
    "en": ["paypal", "my gift card", "the card ending 4242", "my visa card ending in 4012", "the mastercard"],
    "ru": ["PayPal", "подарочную карту", "карту на 9182", "визу, последние цифры 4171"],
    "zh": ["PayPal", "礼品卡", "信用卡", "尾号9182的卡", "visa卡"],
}
_VALUES = {
    "en": ["black", "large", "wireless", "glass", "blue"],
    "ru": ["чёрный", "большой", "синий"],
    "zh": ["黑色", "大号", "蓝色"],
}


def _item(rng: random.Random, lang: str, names: list[str]) -> str:
    name = rng.choice(names)
    if lang == "en":
        return name.lower()
    aliases = PRODUCT_NAMES.get(name, {}).get(lang) or [name]
    return rng.choice(aliases)


def generate(
    tasks: list[dict[str, Any]], users: dict[str, Any], orders: dict[str, Any], seed: int
) -> Iterator[tuple[str, str, str, int, Core | None]]:
    """(text, act, action, task index, core) for every task, three languages, several phrasings each: the whole
    templates above (core None) and messages put together from parts (examples_composed.py)."""
    rng = random.Random(seed)
    held = held_out_cores(seed)
    for index, task in enumerate(tasks):
        user = users[task["user_id"]]
        names = [i["name"] for o in user["orders"] if o in orders for i in orders[o]["items"]] or ["Tablet"]
        order = rng.choice(user["orders"])
        a = user["address"]
        for lang in ("en", "ru", "zh"):
            values = {
                "order": order,
                "item": _item(rng, lang, names),
                "reason": rng.choice(_REASONS[lang]),
                "payment": rng.choice(_PAYMENTS[lang]),
                "value": rng.choice(_VALUES[lang]),
                "address": f"{a['address1']}, {a['city']}, {a['state']} {a['zip']}",
                "email": user["email"],
                "first": user["name"]["first_name"],
                "last": user["name"]["last_name"],
                "zip": a["zip"],
            }
            kinds = sorted({REQUEST_KINDS[x["name"]] for x in task["actions"] if x["name"] in REQUEST_KINDS})
            for kind in kinds:  # sorted: the same data whatever the hash seed
                for template in rng.sample(REQUESTS[kind][lang], k=min(2, len(REQUESTS[kind][lang]))):
                    text = template.format(**values)
                    if rng.random() < 0.3:
                        text = f"{values['first']} {values['last']}, {values['zip']}. {text}"
                    yield text, "request", kind, index, None
            yield rng.choice(QUESTIONS[lang]), "question", "none", index, None
            for act, table in SHORT.items():
                yield rng.choice(table[lang]).format(**values), act, "none", index, None
            for text, act, kind, core in composed(rng, lang, values, kinds, held=held):
                yield text, act, kind, index, core
