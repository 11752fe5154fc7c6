"""A ninth way simulated customers talk (``family`` 8): the held-out from session 18 on, written before any
transcript of it was read (family 7, the held-out before it, was read and tuned on in session 16).

Callers on the phone, as the transcriber writes them down: mostly lower case, little punctuation, fillers ("um",
"uh", "like", "you know"), a false start repaired mid-sentence ("I wanna cancel — I mean return"), the ask said
first and the details after, short answers ("yeah go for it", "nope"). Numbers and e-mails are, part of the time,
written as they were said: an order number digit by digit ("w five four four …", "W 5 4 4 …"), a zip code digit by
digit, an address with "dot" and "at" (``spoken``). Russian is colloquial, ты-less but casual ("ну", "короче",
"слушайте", "это самое"); Chinese is spoken Mandarin ("喂", "那个", "就是说", "对对对"), with its own product words
(FAMILY8_PRODUCTS).
"""

from __future__ import annotations

import random

# lang -> key -> templates. Same keys and fields as phrasebook.T.
FAMILY8: dict[str, dict[str, list[str]]] = {
    "en": {
        "name_zip": [
            "yeah it's {first} {last} uh zip code {zip}",
            "{first} {last} and the zip is {zip}",
            "okay so name's {first} {last}, zip {zip}",
        ],
        "email": [
            "um it's {email}",
            "my email's {email}",
            "yeah the email is {email} i think",
        ],
        "cancel": [
            "yeah hi um i need to cancel an order, it's {order}, {reason}",
            "hi so uh i wanna cancel order {order} because {reason}",
            "hey yeah can you cancel {order} for me, {reason}",
        ],
        "cancel_gist": [
            "hi yeah i need to cancel something i ordered",
            "um hi i wanna cancel an order please",
        ],
        "cancel_all": [
            "hi um can you just cancel all my orders that haven't shipped, {reason}",
            "yeah so basically {reason}, cancel everything that's still pending please",
        ],
        "return": [
            "hi yeah i wanna return some stuff from order {order}, the {items}, and uh put the money on {payment}",
            "so um i got order {order} and i need to send back {items}, refund to {payment} please",
            "hey i wanna exchange — sorry no, return {items} from {order}, money back to {payment}",
        ],
        "return_gist": [
            "hi um i need to send something back",
            "yeah hi i wanna return a couple things i got",
        ],
        "exchange": [
            "hi so i got order {order} and uh i wanna swap {changes}, put the difference on {payment}",
            "yeah um exchange {changes} from order {order}, you can use {payment} for whatever it costs",
        ],
        "exchange_gist": [
            "hi i got the wrong kind of something and i wanna swap it",
            "um yeah i need to exchange an item i received",
        ],
        "modify_items": [
            "hi um order {order} hasn't shipped yet right, can you change {changes}, use {payment} for the difference",
            "yeah so before {order} goes out i wanna switch {changes}, charge {payment} if it's more",
        ],
        "modify_items_gist": [
            "hi i picked the wrong option on an order that hasn't shipped, can i fix that",
            "um i need to change something in my order before it ships",
        ],
        "address": [
            "hi yeah i moved so order {order} needs to go to {address}",
            "um can you change the address on {order} to {address} please",
            "so like the shipping address for order {order} is wrong, it should be {address}",
        ],
        "address_gist": [
            "hi i moved and my order's gonna go to the old place",
            "yeah um i need to fix the delivery address on an order",
        ],
        "payment": [
            "hi um can i pay for order {order} with {payment} instead",
            "yeah so for {order} i wanna switch the payment to {payment}",
        ],
        "payment_gist": [
            "hi i wanna change how i'm paying for an order",
            "um can i use a different card or whatever on my order",
        ],
        "yes": ["yeah go for it", "yep that's right", "mhm yes do it", "yeah yeah that's it"],
        "no": ["no no that's not it", "nope that's wrong", "uh no, that's not what i said"],
        "also": ["oh and also {request}", "oh wait one more thing, {request}"],
        "done": ["nope that's it thanks", "no that's all, bye"],
        "already": ["i just told you that", "uh i said that already"],
        "order_ref": ["it's {id}", "order number {id}", "uh {id}"],
        "order_desc": ["the one with the {item}", "it's the order where i got the {item}"],
        "everything": ["all of it", "everything in it"],
        "except": ["everything but the {item}", "all of it except the {item}"],
        "change_one": ["the {item} to {new}", "the {item}, i want {new} instead"],
        "reason_no_longer_needed": ["i don't need it anymore", "turns out i don't need it"],
        "reason_ordered_by_mistake": ["i ordered it by accident", "i hit the button by mistake"],
        "paypal": ["paypal", "my paypal"],
        "credit_card": ["my {brand} ending in {last_four}", "the card that ends in {last_four}"],
        "gift_card": ["my gift card", "the gift card"],
        "original": ["same way i paid", "whatever i paid with"],
        "option_no": ["no {key}", "without {key}"],
        "option_yes": ["with {key}", "the {key} one"],
        "same_street": ["same street, it's just {unit} now", "same place but the unit's {unit}"],
        "same_as_order": ["same address as order {order}", "where order {order} went"],
        "hedge": [" but not the {item}, keep that", ", leave the {item} alone though"],
        "same": ["same as before", "the same one"],
        "correction": ["no sorry i meant {what}", "wait no, {what}"],
        "if_unavailable_cancel": [
            ", and if you can't then just cancel the whole order",
            " — if it's not in stock just cancel it",
        ],
        "if_unavailable_return": [
            ", and if that doesn't work i'll just return it",
            " — if you don't have it then i'll do a return",
        ],
    },
    "ru": {
        "name_zip": [
            "ну {first} {last}, индекс {zip}",
            "да, это {first} {last}, индекс у меня {zip}",
            "{first} {last}, это самое, индекс {zip}",
        ],
        "email": ["почта {email}", "ну это {email}", "моя почта — {email}, вроде"],
        "cancel": [
            "алло, да, мне надо отменить заказ {order}, {reason}",
            "слушайте, короче, {reason}, отмените заказ {order}",
            "здрасьте, хочу отменить — заказ {order}, {reason}",
        ],
        "cancel_gist": ["алло, мне надо отменить заказ", "здрасьте, хочу заказ отменить"],
        "cancel_all": [
            "короче, {reason}, отмените все заказы, которые ещё не ушли",
            "алло, можно отменить все мои неотправленные заказы? {reason}",
        ],
        "return": [
            "алло, хочу вернуть из заказа {order} {items}, деньги на {payment}",
            "ну, короче, заказ {order}, надо сдать обратно {items}, деньги верните на {payment}",
            "здрасьте, я хочу обменять — ой, нет, вернуть {items} из {order}, деньги на {payment}",
        ],
        "return_gist": ["алло, мне надо кое-что вернуть", "здрасьте, хочу сдать пару вещей обратно"],
        "exchange": [
            "алло, в заказе {order} хочу поменять {changes}, разницу с {payment}",
            "короче, обменяйте {changes} из заказа {order}, доплачу через {payment}",
        ],
        "exchange_gist": ["алло, мне прислали не тот вариант, хочу поменять", "здрасьте, надо обменять одну вещь"],
        "modify_items": [
            "алло, заказ {order} ещё не ушёл, да? поменяйте {changes}, разницу с {payment}",
            "слушайте, пока {order} не отправили, замените {changes}, доплата через {payment}",
        ],
        "modify_items_gist": [
            "алло, я в заказе не тот вариант выбрала, он ещё не ушёл, можно поменять?",
            "здрасьте, надо в заказе кое-что поменять до отправки",
        ],
        "address": [
            "алло, я переехала, заказ {order} надо отправить на {address}",
            "слушайте, поменяйте адрес в заказе {order} на {address}",
            "здрасьте, заказ {order} не туда едет, адрес теперь {address}",
        ],
        "address_gist": ["алло, я переехала, а заказ уедет на старый адрес", "здрасьте, надо адрес доставки поправить"],
        "payment": [
            "алло, можно заказ {order} оплатить через {payment}?",
            "короче, в заказе {order} хочу поменять оплату на {payment}",
        ],
        "payment_gist": ["алло, хочу поменять оплату в заказе", "здрасьте, можно заплатить за заказ по-другому?"],
        "yes": ["ага, давайте", "да-да, всё так", "угу, да, делайте"],
        "no": ["не-не, не то", "нет, это не то, что я говорила", "ну нет, неправильно"],
        "also": ["а, и ещё: {request}", "ой, и ещё одно, {request}"],
        "done": ["не, всё, спасибо", "нет, это всё, пока"],
        "already": ["я же уже сказала", "ну я это говорила"],
        "order_ref": ["{id}", "заказ {id}", "номер {id}"],
        "order_desc": ["ну тот, где {item}", "заказ, где я брала {item}"],
        "everything": ["всё", "да всё из него"],
        "except": ["всё, кроме {item}", "всё, только {item} не надо"],
        "change_one": ["{item} на {new}", "{item} — хочу {new}"],
        "reason_no_longer_needed": ["мне уже не надо", "оно мне больше не нужно"],
        "reason_ordered_by_mistake": ["я случайно заказала", "я не туда нажала"],
        "paypal": ["пейпал", "PayPal"],
        "credit_card": ["карту {brand} на {last_four}", "карту, которая на {last_four}"],
        "gift_card": ["подарочную карту", "подарочную"],
        "original": ["туда же, откуда платила", "как платила"],
        "option_no": ["без {key}", "чтобы без {key}"],
        "option_yes": ["с {key}", "чтобы с {key}"],
        "same_street": ["улица та же, только теперь {unit}", "дом тот же, просто {unit}"],
        "same_as_order": ["туда же, куда заказ {order}", "адрес как в заказе {order}"],
        "hedge": [", а {item} не трогайте", ", только {item} оставьте"],
        "same": ["такой же, как был", "тот же самый"],
        "correction": ["не, я имела в виду {what}", "ой, нет, {what}"],
        "if_unavailable_cancel": [", а если нельзя — отмените весь заказ", ", если нет в наличии, то просто отмените"],
        "if_unavailable_return": [", а если нельзя — тогда верну", ", если нету, оформите возврат"],
    },
    "zh": {
        "name_zip": [
            "我叫{first} {last}，邮编{zip}",
            "嗯，{first} {last}，邮编是{zip}",
            "名字{first} {last}，那个邮编{zip}",
        ],
        "email": ["邮箱是{email}", "嗯，{email}", "我邮箱{email}吧应该"],
        "cancel": [
            "喂，你好，我要取消订单{order}，{reason}",
            "那个，{reason}，订单{order}帮我取消一下",
            "喂，就是说订单{order}我不要了，{reason}",
        ],
        "cancel_gist": ["喂，我想取消个订单", "你好，那个订单我要取消"],
        "cancel_all": ["那个，{reason}，没发货的订单全给我取消了吧", "喂，我还没发货的单子都取消掉，{reason}"],
        "return": [
            "喂，订单{order}里的{items}我要退，钱退到{payment}",
            "那个，{order}那单，{items}我想退了，退款到{payment}",
            "你好，我想换——不对，是退{order}里的{items}，钱退{payment}",
        ],
        "return_gist": ["喂，我有东西要退", "你好，想退几样东西"],
        "exchange": [
            "喂，订单{order}里我想换一下，{changes}，差价走{payment}",
            "那个，{order}那单的{changes}，帮我换了，差价用{payment}",
        ],
        "exchange_gist": ["喂，收到的款式不对，想换", "你好，我有个东西要换"],
        "modify_items": [
            "喂，订单{order}还没发吧？帮我把{changes}，差价用{payment}",
            "那个，{order}发货前帮我改一下，{changes}，差价走{payment}",
        ],
        "modify_items_gist": ["喂，还没发货的单子我选错了，能改吗", "你好，订单发货前想改个东西"],
        "address": [
            "喂，我搬家了，订单{order}寄到{address}",
            "那个，订单{order}的地址改成{address}吧",
            "你好，{order}那单地址不对，应该是{address}",
        ],
        "address_gist": ["喂，我搬家了，订单怕寄到老地方", "你好，收货地址得改一下"],
        "payment": ["喂，订单{order}能用{payment}付吗", "那个，{order}那单我想换成{payment}付"],
        "payment_gist": ["喂，我想换个付款方式", "你好，订单能换别的付款方式吗"],
        "yes": ["对对对，就这样", "嗯，行，办吧", "对，没错"],
        "no": ["不对不对，不是这个", "不是，我没这么说", "嗯……不对"],
        "also": ["哦对了，还有，{request}", "还有个事儿，{request}"],
        "done": ["没了，谢谢", "就这些，拜拜"],
        "already": ["我刚说了啊", "刚才不是说过了吗"],
        "order_ref": ["{id}", "订单号{id}", "嗯，{id}"],
        "order_desc": ["就是有{item}那单", "买{item}的那个订单"],
        "everything": ["全部", "全都要"],
        "except": ["除了{item}都要", "全部，{item}不要"],
        "change_one": ["{item}换成{new}", "{item}要{new}的"],
        "reason_no_longer_needed": ["用不着了", "现在不需要了"],
        "reason_ordered_by_mistake": ["我点错了", "不小心下的单"],
        "paypal": ["贝宝", "PayPal"],
        "credit_card": ["尾号{last_four}的{brand}卡", "尾号{last_four}那张卡"],
        "gift_card": ["礼品卡", "我的礼品卡"],
        "original": ["原路退", "怎么付的怎么退"],
        "option_no": ["不要{key}的", "没{key}的"],
        "option_yes": ["带{key}的", "要{key}的"],
        "same_street": ["街道一样，门牌改成{unit}了", "还是那个地方，就是{unit}"],
        "same_as_order": ["跟订单{order}一样的地址", "寄到订单{order}那个地址"],
        "hedge": ["，{item}别动", "，{item}留着"],
        "same": ["跟原来一样的", "一样的"],
        "correction": ["不是，我是说{what}", "哦不对，{what}"],
        "if_unavailable_cancel": ["，要是不行就整个订单取消", "，没货的话就取消吧"],
        "if_unavailable_return": ["，要是不行我就退货", "，没货的话就给我退了"],
    },
}

FAMILY8_PRODUCTS: dict[str, tuple[list[str], list[str]]] = {
    "Electric Kettle": (["чайник"], ["烧水壶"]),
    "Wireless Earbuds": (["наушники-капли"], ["无线耳机"]),
    "Desk Lamp": (["лампу"], ["桌面台灯"]),
    "Bookshelf": (["полку для книг"], ["书架子"]),
    "Smart Watch": (["часы умные"], ["手表"]),
    "Tablet": (["планшет"], ["平板电脑"]),
    "Sneakers": (["кроссы"], ["板鞋"]),
    "Yoga Mat": (["коврик для йоги"], ["瑜伽垫子"]),
}

# The customer's own digit words, deliberately not the language packs' (the bot's): a word the packs lacked would
# then show up as a failed conversation instead of passing unseen.
_WORDS = {
    "en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
    "ru": ["ноль", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"],
    "zh": ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"],
}
_AT_DOT = {"en": (" at ", " dot "), "ru": (" собака ", " точка "), "zh": ("艾特", "点")}
SPOKEN_FIELDS = ("zip", "id", "order", "email", "last_four")


def spoken(field: str, value: str, lang: str, rng: random.Random) -> str:
    """``value`` as a transcriber might write it when it was said: digits one by one (as digits or as words),
    an e-mail with "at" and "dot" in the caller's language."""
    if field == "email":
        at, dot = _AT_DOT[lang]
        local, _, domain = value.partition("@")
        return local.replace(".", dot) + at + domain.replace(".", dot)
    digits = value.removeprefix("#").removeprefix("W")
    if not digits.isdigit():
        return value
    if rng.random() < 0.5:
        words = [_WORDS[lang][int(d)] for d in digits]
        if lang == "en":
            words = ["oh" if w == "zero" and rng.random() < 0.5 else w for w in words]
        said = ("" if lang == "zh" else " ").join(words)
    else:
        said = rng.choice([" ", "-"]).join(digits)
    if field in ("id", "order") and value != digits:
        letter = {"en": "w ", "ru": "W ", "zh": "W"}[lang]
        return letter + said
    return said
