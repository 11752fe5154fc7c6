"""A twenty-first way simulated customers talk (``family`` 20): the held-out from session 35 on, written before any
transcript of it was read (family 19, the held-out before it, was read and tuned on in session 34).

Customers here ask questions as they go: a question about the policy or the delivery before the request ("How long
does a refund take? Anyway, I'd like to return …"), in the middle of it, or after it; the request itself asked as
a question ("Can I return … from order …?", "could you cancel …?"); a yes that comes with a question ("yes, go
ahead — will I get an e-mail?"); an identity with a "why do you need it?". Russian with "сколько идёт возврат?",
"а можно …?", "кстати, …?"; Chinese with "退款要多久？", "能不能…？", "顺便问一下…". The questions vary by seed
(``questions``); which one comes where is the template's. Product words of their own (FAMILY20_PRODUCTS).
The parts a request is built from (order, items, changes) carry no question: the first run put questions inside
them ("ship order it's #W1 — can I track it? to …"), which no customer writes; that run's numbers are in #17's
note of session 35.
"""

from __future__ import annotations

import random

# lang -> topic -> questions a customer asks on the way (lower case; ``questions`` adds a capitalised copy).
_QUESTIONS: dict[str, dict[str, list[str]]] = {
    "en": {
        "refund": [
            "how long does a refund usually take?",
            "when will I see the money?",
            "will I get the full amount back?",
            "do I get an email when the refund goes through?",
            "is there a fee for that?",
        ],
        "ship": [
            "has it shipped yet, by the way?",
            "do you deliver on weekends?",
            "how long is shipping these days?",
            "can I track it somehow?",
        ],
        "general": [
            "are you a real person or a bot?",
            "is this chat saved anywhere?",
            "what are your opening hours?",
            "do I need to print anything?",
            "will I get a confirmation email?",
        ],
        "exchange": [
            "is the new one the same price?",
            "do I have to send the old one back first?",
            "is there a charge for this?",
            "how long until the new one arrives?",
        ],
        "payment": [
            "is it safe to change it here?",
            "you won't charge me twice, right?",
            "when will the new method be charged?",
        ],
        "address": [
            "will it still arrive on time?",
            "does that cost extra?",
            "do you deliver to apartments?",
        ],
        "why": [
            "why do you need that?",
            "is that really necessary?",
            "what do you need it for?",
        ],
    },
    "ru": {
        "refund": [
            "сколько обычно идёт возврат денег?",
            "когда деньги вернутся?",
            "вернут всю сумму?",
            "придёт письмо, когда деньги вернут?",
            "за это есть комиссия?",
        ],
        "ship": [
            "кстати, его уже отправили?",
            "вы доставляете по выходным?",
            "сколько сейчас идёт доставка?",
            "можно как-то отследить посылку?",
        ],
        "general": [
            "вы живой человек или бот?",
            "этот чат где-то сохраняется?",
            "до скольки вы работаете?",
            "мне нужно что-то распечатывать?",
            "придёт подтверждение на почту?",
        ],
        "exchange": [
            "новый будет по той же цене?",
            "сначала нужно отправить старый?",
            "это платно?",
            "через сколько придёт новый?",
        ],
        "payment": [
            "это безопасно менять здесь?",
            "с меня же не спишут дважды?",
            "когда спишут по-новому?",
        ],
        "address": [
            "успеет прийти вовремя?",
            "это стоит дополнительно?",
            "до квартиры доставляете?",
        ],
        "why": [
            "зачем вам это?",
            "это обязательно?",
            "а для чего это нужно?",
        ],
    },
    "zh": {
        "refund": [
            "退款一般要多久？",
            "钱什么时候能到账？",
            "能全额退吗？",
            "退款成功会有邮件通知吗？",
            "要手续费吗？",
        ],
        "ship": [
            "顺便问一下，发货了吗？",
            "周末送货吗？",
            "现在快递要几天？",
            "能查物流吗？",
        ],
        "general": [
            "你是真人还是机器人？",
            "这个聊天会保存吗？",
            "你们几点下班？",
            "需要打印什么吗？",
            "会有确认邮件吗？",
        ],
        "exchange": [
            "新的价格一样吗？",
            "要先把旧的寄回去吗？",
            "这个收费吗？",
            "新的多久能到？",
        ],
        "payment": [
            "在这里改安全吗？",
            "不会扣两次钱吧？",
            "新的方式什么时候扣款？",
        ],
        "address": [
            "还能按时到吗？",
            "要加钱吗？",
            "能送到楼上吗？",
        ],
        "why": [
            "为什么要这个？",
            "这个必须给吗？",
            "要这个干什么？",
        ],
    },
}


def questions(lang: str, rng: random.Random) -> dict[str, str]:
    """The questions one message of this family may ask on the way: ``q_<topic>`` and a capitalised ``Q_<topic>``."""
    fields: dict[str, str] = {}
    for topic, pool in _QUESTIONS[lang].items():
        question = rng.choice(pool)
        fields[f"q_{topic}"] = question
        fields[f"Q_{topic}"] = question[:1].upper() + question[1:]
    return fields


# lang -> key -> templates. Same keys and fields as phrasebook.T, plus the question fields of ``questions``.
FAMILY20: dict[str, dict[str, list[str]]] = {
    "en": {
        "name_zip": [
            "{first} {last}, zip {zip}. {Q_why}",
            "it's {first} {last}, {zip} — {q_why}",
            "{first} {last} and my zip is {zip}",
        ],
        "email": [
            "{email} — {q_why}",
            "sure, it's {email}. {Q_general}",
            "{email}",
        ],
        "cancel": [
            "{Q_refund} I'd like to cancel order {order}. {reason}",
            "Can you cancel order {order} for me? {reason} — {q_refund}",
            "Quick question first: {q_ship} Either way, please cancel order {order}. {reason}",
            "Hi, could order {order} be cancelled? {reason}",
        ],
        "cancel_gist": [
            "Hi, can I still cancel an order? {Q_refund}",
            "{Q_ship} If not, I'd like to cancel my order",
        ],
        "cancel_all": [
            "Can you cancel all my orders that haven't shipped? {reason} — {q_refund}",
            "{Q_refund} Please cancel every pending order I have. {reason}",
        ],
        "return": [
            "{Q_refund} I want to return {items} from order {order}, refund to {payment}",
            "Can I return {items} from order {order}? The refund should go to {payment}. {Q_general}",
            "Hi, could I send back {items} from order {order}? Money back to {payment}, please — {q_refund}",
        ],
        "return_gist": [
            "Hi, can I return something I received? {Q_refund}",
            "{Q_refund} I'd like to return an item",
        ],
        "exchange": [
            "{Q_exchange} I'd like to exchange {changes} in order {order}; any difference to {payment}",
            "Can I exchange {changes} from order {order}? Use {payment} for the difference. {Q_exchange}",
        ],
        "exchange_gist": [
            "Hi, can I exchange something I got? {Q_exchange}",
            "{Q_exchange} I need to exchange an item",
        ],
        "modify_items": [
            "{Q_ship} If not, please change {changes} in order {order}; difference to {payment}",
            "Could you change {changes} in order {order} before it ships? Pay the difference with {payment}. "
            "{Q_exchange}",
        ],
        "modify_items_gist": [
            "Can I still change an item in my order? {Q_ship}",
            "{Q_exchange} I want to change an item in an order that hasn't shipped",
        ],
        "address": [
            "{Q_address} Please ship order {order} to {address} instead",
            "Can you send order {order} to {address}? {Q_address}",
            "Could order {order} go to {address} instead? {Q_ship}",
        ],
        "address_gist": [
            "Can I change the delivery address on an order? {Q_address}",
            "{Q_ship} I need to change where my order goes",
        ],
        "payment": [
            "{Q_payment} I'd like order {order} paid with {payment} instead",
            "Can I switch the payment on order {order} to {payment}? {Q_payment}",
        ],
        "payment_gist": [
            "Can I change how I paid for an order? {Q_payment}",
            "{Q_payment} I want to change the payment method on an order",
        ],
        "yes": ["yes, go ahead. {Q_general}", "yes, that's right — {q_general}", "yes please"],
        "no": ["no, that's not it", "no — why would I want that?", "no, that's wrong. did you read my message?"],
        "also": ["also, {request}", "and another thing: {request}"],
        "done": ["that's all. {Q_general}", "nothing else, thanks"],
        "already": ["didn't I already give you that?", "isn't that in my first message?"],
        "order_ref": ["{id}", "it's {id}", "order {id}"],
        "order_desc": ["the one with the {item}, remember?", "the order with the {item} in it"],
        "everything": ["all of it", "everything"],
        "except": ["everything except the {item}", "all of it but the {item}"],
        "change_one": ["the {item} for {new}", "the {item} swapped for {new}"],
        "reason_no_longer_needed": ["I don't need it anymore", "I don't need it now, is that a valid reason?"],
        "reason_ordered_by_mistake": ["I ordered it by mistake", "I ordered it by mistake, does that matter?"],
        "paypal": ["PayPal", "my PayPal"],
        "credit_card": ["my {brand} ending in {last_four}", "the {brand} card ending {last_four}"],
        "gift_card": ["my gift card", "the gift card"],
        "original": ["the original payment method", "the way I paid"],
        "option_no": ["one without {key}", "the one with no {key}"],
        "option_yes": ["one with {key}", "the {key} one"],
        "same_street": ["same street, just {unit}", "the same address but {unit}"],
        "same_as_order": ["the address from order {order}", "same address as order {order}"],
        "hedge": [", but not the {item} — I'm keeping that", " (I'll keep the {item}, is that fine?)"],
        "same": ["the same one", "same again"],
        "correction": ["no, I meant {what}", "no — {what}, didn't I say?"],
        "if_unavailable_cancel": [", and if you can't, cancel the order", " — if that's not possible, cancel it"],
        "if_unavailable_return": [", and if you can't, just refund me", " — otherwise a return is fine"],
    },
    "ru": {
        "name_zip": [
            "{first} {last}, индекс {zip}. {Q_why}",
            "{first} {last}, {zip} — {q_why}",
            "{first} {last}, индекс {zip}",
        ],
        "email": [
            "{email} — {q_why}",
            "да, {email}. {Q_general}",
            "{email}",
        ],
        "cancel": [
            "{Q_refund} Хочу отменить заказ {order}. {reason}",
            "Можете отменить заказ {order}? {reason} — {q_refund}",
            "Сначала вопрос: {q_ship} В любом случае отмените заказ {order}. {reason}",
            "Здравствуйте, а можно отменить заказ {order}? {reason}",
        ],
        "cancel_gist": [
            "Здравствуйте, заказ ещё можно отменить? {Q_refund}",
            "{Q_ship} Если нет, хочу отменить заказ",
        ],
        "cancel_all": [
            "Можете отменить все мои неотправленные заказы? {reason} — {q_refund}",
            "{Q_refund} Отмените все мои заказы, которые ещё не отправлены. {reason}",
        ],
        "return": [
            "{Q_refund} Хочу вернуть {items} из заказа {order}, деньги на {payment}",
            "Можно вернуть {items} из заказа {order}? Деньги на {payment}. {Q_general}",
            "Здравствуйте, а можно сдать {items} из заказа {order}? Деньги на {payment} — {q_refund}",
        ],
        "return_gist": [
            "Здравствуйте, можно вернуть полученный товар? {Q_refund}",
            "{Q_refund} Хочу вернуть товар",
        ],
        "exchange": [
            "{Q_exchange} Хочу обменять {changes} в заказе {order}, разницу — с {payment}",
            "Можно обменять {changes} из заказа {order}? Разницу — с {payment}. {Q_exchange}",
        ],
        "exchange_gist": [
            "Здравствуйте, можно обменять полученный товар? {Q_exchange}",
            "{Q_exchange} Мне нужно обменять товар",
        ],
        "modify_items": [
            "{Q_ship} Если нет, поменяйте {changes} в заказе {order}, разницу — с {payment}",
            "Можете поменять {changes} в заказе {order}, пока не отправили? Разницу — с {payment}. {Q_exchange}",
        ],
        "modify_items_gist": [
            "А товар в заказе ещё можно поменять? {Q_ship}",
            "{Q_exchange} Хочу поменять товар в неотправленном заказе",
        ],
        "address": [
            "{Q_address} Отправьте заказ {order} на {address}",
            "Можете отправить заказ {order} на {address}? {Q_address}",
            "А можно заказ {order} доставить на {address}? {Q_ship}",
        ],
        "address_gist": [
            "Можно поменять адрес доставки заказа? {Q_address}",
            "{Q_ship} Мне нужно поменять, куда доставят заказ",
        ],
        "payment": [
            "{Q_payment} Хочу оплатить заказ {order} через {payment}",
            "Можно поменять оплату заказа {order} на {payment}? {Q_payment}",
        ],
        "payment_gist": [
            "Можно поменять способ оплаты заказа? {Q_payment}",
            "{Q_payment} Хочу поменять способ оплаты заказа",
        ],
        "yes": ["да, делайте. {Q_general}", "да, всё так — {q_general}", "да, пожалуйста"],
        "no": ["нет, не то", "нет — зачем мне это?", "нет, неверно. вы моё сообщение читали?"],
        "also": ["и ещё: {request}", "и ещё одно: {request}"],
        "done": ["это всё. {Q_general}", "больше ничего, спасибо"],
        "already": ["я же это уже писала?", "это же есть в первом сообщении?"],
        "order_ref": ["{id}", "это {id}", "заказ {id}"],
        "order_desc": ["тот, где {item}, помните?", "заказ, в котором {item}"],
        "everything": ["всё", "всё целиком"],
        "except": ["всё, кроме {item}", "всё, а {item} оставлю"],
        "change_one": ["{item} на {new}", "{item} — на {new}"],
        "reason_no_longer_needed": ["мне он больше не нужен", "больше не нужен, это подходит как причина?"],
        "reason_ordered_by_mistake": ["заказала по ошибке", "заказала по ошибке, это важно?"],
        "paypal": ["PayPal", "на PayPal"],
        "credit_card": ["карта {brand} на {last_four}", "на карту {brand}, последние цифры {last_four}"],
        "gift_card": ["подарочная карта", "на подарочную карту"],
        "original": ["туда же, откуда платила", "исходный способ оплаты"],
        "option_no": ["без {key}", "модель без {key}"],
        "option_yes": ["с {key}", "модель с {key}"],
        "same_street": ["улица та же, только {unit}", "тот же адрес, но {unit}"],
        "same_as_order": ["адрес из заказа {order}", "тот же адрес, что в заказе {order}"],
        "hedge": [", но не {item} — его оставлю", " ({item} оставлю, так можно?)"],
        "same": ["такой же", "то же самое"],
        "correction": ["нет, я имела в виду {what}", "нет — {what}, я же писала?"],
        "if_unavailable_cancel": [", а если нельзя — отмените заказ", " — если не получится, отмените"],
        "if_unavailable_return": [", а если нельзя — верните деньги", " — иначе возврат"],
    },
    "zh": {
        "name_zip": [
            "{first} {last}，邮编{zip}。{q_why}",
            "{first} {last}，{zip}——{q_why}",
            "{first} {last}，邮编{zip}",
        ],
        "email": [
            "{email}——{q_why}",
            "好的，{email}。{q_general}",
            "{email}",
        ],
        "cancel": [
            "{q_refund}我想取消订单{order}。{reason}",
            "能帮我取消订单{order}吗？{reason} {q_refund}",
            "先问一下：{q_ship}不管怎样，请取消订单{order}。{reason}",
            "你好，订单{order}能取消吗？{reason}",
        ],
        "cancel_gist": [
            "你好，订单还能取消吗？{q_refund}",
            "{q_ship}没发的话我想取消订单",
        ],
        "cancel_all": [
            "能把我没发货的订单都取消吗？{reason} {q_refund}",
            "{q_refund}请把我所有没发货的订单都取消。{reason}",
        ],
        "return": [
            "{q_refund}我想退订单{order}里的{items}，退款到{payment}",
            "订单{order}里的{items}能退吗？钱退到{payment}。{q_general}",
            "你好，订单{order}的{items}可以退吗？退到{payment}——{q_refund}",
        ],
        "return_gist": [
            "你好，收到的东西能退吗？{q_refund}",
            "{q_refund}我想退个东西",
        ],
        "exchange": [
            "{q_exchange}我想换订单{order}里的{changes}，差价用{payment}",
            "订单{order}的{changes}能换吗？差价用{payment}。{q_exchange}",
        ],
        "exchange_gist": [
            "你好，收到的东西能换吗？{q_exchange}",
            "{q_exchange}我需要换个商品",
        ],
        "modify_items": [
            "{q_ship}没发的话，请把订单{order}{changes}，差价用{payment}",
            "订单{order}发货前能{changes}吗？差价用{payment}付。{q_exchange}",
        ],
        "modify_items_gist": [
            "订单里的商品还能改吗？{q_ship}",
            "{q_exchange}我想改一下没发货订单里的商品",
        ],
        "address": [
            "{q_address}请把订单{order}改寄到{address}",
            "订单{order}能寄到{address}吗？{q_address}",
            "订单{order}可以改送到{address}吗？{q_ship}",
        ],
        "address_gist": [
            "订单的收货地址能改吗？{q_address}",
            "{q_ship}我要改订单的收货地址",
        ],
        "payment": [
            "{q_payment}订单{order}想改用{payment}付",
            "订单{order}的付款方式能改成{payment}吗？{q_payment}",
        ],
        "payment_gist": [
            "订单的付款方式能改吗？{q_payment}",
            "{q_payment}我想改订单的付款方式",
        ],
        "yes": ["对，办吧。{q_general}", "对，没错——{q_general}", "好的，请办理"],
        "no": ["不对，不是这个", "不对——我要这个干嘛？", "不对。你看我消息了吗？"],
        "also": ["另外，{request}", "还有一件事：{request}"],
        "done": ["就这些。{q_general}", "没别的了，谢谢"],
        "already": ["我不是已经给过了吗？", "第一条消息里不是有吗？"],
        "order_ref": ["{id}", "是{id}", "订单{id}"],
        "order_desc": ["有{item}的那单，记得吗？", "买了{item}的那个订单"],
        "everything": ["全部", "整单"],
        "except": ["除了{item}都要", "除了{item}全部"],
        "change_one": ["{item}换成{new}", "把{item}换成{new}"],
        "reason_no_longer_needed": ["不需要了", "用不上了，这个理由可以吗？"],
        "reason_ordered_by_mistake": ["下错单了", "下错单了，有影响吗？"],
        "paypal": ["PayPal", "退到PayPal"],
        "credit_card": ["尾号{last_four}的{brand}", "{brand}卡，尾号{last_four}"],
        "gift_card": ["礼品卡", "退到礼品卡"],
        "original": ["原路退回", "原来的付款方式"],
        "option_no": ["不带{key}的", "没有{key}的款"],
        "option_yes": ["带{key}的", "有{key}的款"],
        "same_street": ["街道不变，就是{unit}", "地址一样，只是{unit}"],
        "same_as_order": ["订单{order}的地址", "跟订单{order}一样的地址"],
        "hedge": ["（{item}不要退）", "（{item}留着，可以吧？）"],
        "same": ["一样的", "同款"],
        "correction": ["不对，我是说{what}", "不是——{what}，我不是说了吗？"],
        "if_unavailable_cancel": ["，不行的话就取消订单", "，做不到就取消"],
        "if_unavailable_return": ["，换不了就退款", "，不然就退货"],
    },
}

FAMILY20_PRODUCTS: dict[str, tuple[list[str], list[str]]] = {
    "Electric Toothbrush": (["электрощётку"], ["电动牙刷子"]),
    "Gaming Mouse": (["мышку для игр"], ["电竞鼠标"]),
    "Fleece Jacket": (["флисовую кофту"], ["摇粒绒外套"]),
    "Cycling Helmet": (["шлем для велосипеда"], ["自行车头盔"]),
    "Garden Hose": (["поливочный шланг"], ["浇水管"]),
    "Espresso Machine": (["эспрессо-кофеварку"], ["浓缩咖啡机"]),
    "Digital Camera": (["фотик"], ["数码照相机"]),
    "Luggage Set": (["комплект чемоданов"], ["拉杆箱套装"]),
    "E-Reader": (["букридер"], ["阅读器"]),
    "Action Camera": (["камеру для экстрима"], ["运动摄像机"]),
}
