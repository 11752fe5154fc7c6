"""A nineteenth way simulated customers talk (``family`` 18): the held-out from session 33 on, written before any
transcript of it was read (family 17, the held-out before it, was read and tuned on in session 31).

Customers here are unsure of themselves and think aloud: hedges around every detail ("I think", "if I remember
right", "probably"), looking things up mid-message ("let me check… ah, here it is: …"), asking whether something can
be done before asking for it ("not sure this is possible, but…"), the reason given tentatively ("I don't think I
need it any more"), confirmations that hesitate but mean yes ("I think that's right, yes, go ahead"), refusals that
hesitate but mean no ("hmm, no, that's not quite it"). Russian with "вроде", "кажется", "если не ошибаюсь", "щас
гляну… ага, вот"; Chinese with "好像", "我记得", "应该是", "我看看哈…找到了". Product words of their own
(FAMILY18_PRODUCTS).
"""

from __future__ import annotations

# lang -> key -> templates. Same keys and fields as phrasebook.T.
FAMILY18: dict[str, dict[str, list[str]]] = {
    "en": {
        "name_zip": [
            "I think it's under {first} {last}, and the zip should be {zip}",
            "the account is probably in my name, {first} {last}, zip code {zip} if I remember right",
            "let me see... {first} {last}, and my zip is {zip}",
        ],
        "email": [
            "it should be {email}, I think",
            "let me check which email I used... yes, {email}",
            "probably {email}",
        ],
        "cancel": [
            "Hi, I'm not sure this is still possible, but could order {order} be cancelled? {reason}",
            "I think I'd like to cancel my order — let me check the number... ah, here it is: {order}. {reason}",
            "Hello, if it's not too late, I'd like to cancel order {order}, I think. {reason}",
        ],
        "cancel_gist": [
            "Hi, I'm not sure how this works, but I think I need to cancel an order",
            "hello, is it still possible to cancel an order? I think I want to",
        ],
        "cancel_all": [
            "I think I'd rather cancel all my orders that haven't been sent yet, if that's possible. {reason}",
            "not sure this can be done, but could every pending order of mine be cancelled? {reason}",
        ],
        "return": [
            "Hi, I think I'd like to return {items} from order {order}, if that's allowed. "
            "Refund to {payment}, I suppose",
            "I'm not sure how returns work, but {items} from order {order} should go back, I think, and the money to "
            "{payment}",
            "let me check the order... yes, {order}. I'd like to send back {items}, "
            "probably with the refund to {payment}",
        ],
        "return_gist": [
            "Hi, I'm not sure how to do this, but I think I want to return something",
            "I might want to return an item, how does that work?",
        ],
        "exchange": [
            "I'm not sure if this is possible, but could I exchange {changes} in order {order}? I guess {payment} for "
            "any difference",
            "Hi, I think I'd like {changes} on order {order}, if you can. Any difference on {payment}, probably",
        ],
        "exchange_gist": [
            "Hi, I think I need to exchange something I received, is that possible?",
            "not sure if you do exchanges, but I'd like to swap an item",
        ],
        "modify_items": [
            "I think order {order} hasn't shipped yet... could you change {changes}? "
            "The difference on {payment}, I guess",
            "if it's not too late for order {order}, I'd like {changes}, I think, with {payment} for the difference",
        ],
        "modify_items_gist": [
            "I'm not sure, but can I still change an item in an order that hasn't shipped?",
            "I think I picked the wrong item in my order, can that still be changed?",
        ],
        "address": [
            "I think order {order} is going to my old address... could it go to {address} instead?",
            "not sure it's still possible, but could you send order {order} to {address}, please?",
            "let me check the number... {order}. The new address should be {address}",
        ],
        "address_gist": [
            "I think my order has the wrong address on it, can that be fixed?",
            "I'm not sure, but can the delivery address still be changed?",
        ],
        "payment": [
            "I'm not sure this is possible, but could order {order} be paid with {payment} instead?",
            "I think I'd rather pay for order {order} with {payment}, if that works",
        ],
        "payment_gist": [
            "hmm, I think I want to change how I paid for an order",
            "not sure if this can be done, but can I use a different payment method?",
        ],
        "yes": [
            "I think that's right, yes, go ahead",
            "hmm, yes, I believe that's it. Please do",
            "yes, that sounds right to me",
            "let me read it again... yes, that's correct",
        ],
        "no": [
            "hmm, no, that's not quite it",
            "no, I don't think that's right",
            "wait, no, that isn't what I meant",
        ],
        "also": ["oh, and I think I also need to {request}", "one more thing, if possible: {request}"],
        "done": ["I think that's everything, thank you", "no, I believe that's all. Thanks"],
        "already": ["I think I mentioned that already?", "didn't I say that above?"],
        "order_ref": ["I think it's {id}", "let me look... {id}", "{id}, if I'm reading it right"],
        "order_desc": ["I think it's the one with the {item}", "probably the order where I got the {item}"],
        "everything": ["all of it, I think", "everything, I suppose"],
        "except": [
            "everything except the {item}, I think I'll keep that one",
            "all of it apart from the {item}, probably",
        ],
        "change_one": ["the {item} for {new}, I think", "I'd like the {item} as {new}, if possible"],
        "reason_no_longer_needed": ["I don't think I need it anymore", "I probably won't need it after all"],
        "reason_ordered_by_mistake": [
            "I think I ordered it by mistake",
            "I'm fairly sure I ordered it by accident",
        ],
        "paypal": ["PayPal, I suppose", "probably my PayPal"],
        "credit_card": ["I think my {brand} ending in {last_four}", "the {brand} card, the one ending {last_four}"],
        "gift_card": ["the gift card, I think", "probably my gift card"],
        "original": ["the way I paid, I suppose", "back to the original payment, I think"],
        "option_no": ["I think one without {key}", "probably the one with no {key}"],
        "option_yes": ["I think one with {key}", "probably the {key} one"],
        "same_street": ["the same street, I think, just {unit}", "same address, only {unit} this time"],
        "same_as_order": ["I think the same address as order {order}", "probably the address on order {order}"],
        "hedge": [", but I think I'll keep the {item}", " — not the {item} though, I'd rather keep it"],
        "same": ["the same one, I think", "probably the same again"],
        "correction": ["sorry, I think I meant {what}", "hmm, actually {what}"],
        "if_unavailable_cancel": [
            ", and if that can't be done, I suppose just cancel the order",
            " — if not, probably better to cancel it",
        ],
        "if_unavailable_return": [
            ", and if there's no exchange, I think just refund me",
            " — otherwise I suppose a return is fine",
        ],
    },
    "ru": {
        "name_zip": [
            "кажется, заказ на {first} {last}, индекс вроде {zip}",
            "щас гляну... {first} {last}, индекс {zip}",
            "если не ошибаюсь, {first} {last}, индекс {zip}",
        ],
        "email": ["вроде {email}", "щас посмотрю, какую почту указывала... да, {email}", "кажется, {email}"],
        "cancel": [
            "Здравствуйте, не знаю, можно ли ещё, но хотелось бы отменить заказ {order}. {reason}",
            "Кажется, мне нужно отменить заказ — щас гляну номер... ага, вот: {order}. {reason}",
            "Если ещё не поздно, отмените, пожалуйста, заказ {order}. {reason}",
        ],
        "cancel_gist": [
            "Здравствуйте, не уверена, как это делается, но мне, кажется, надо отменить заказ",
            "а заказ ещё можно отменить? вроде хочу",
        ],
        "cancel_all": [
            "Кажется, лучше отменить все мои заказы, которые ещё не отправлены, если можно. {reason}",
            "не знаю, можно ли так, но отмените, пожалуйста, все неотправленные заказы. {reason}",
        ],
        "return": [
            "Здравствуйте, кажется, хочу вернуть {items} из заказа {order}, если можно. Деньги, наверное, на {payment}",
            "не уверена, как тут возврат, но {items} из заказа {order} хотелось бы вернуть, деньги на {payment}",
            "щас гляну заказ... да, {order}. Хочу вернуть {items}, деньги, наверное, на {payment}",
        ],
        "return_gist": [
            "Здравствуйте, кажется, хочу кое-что вернуть, как это сделать?",
            "не знаю, как тут возврат оформить, хочу вернуть товар",
        ],
        "exchange": [
            "Не знаю, можно ли, но хотелось бы поменять {changes} в заказе {order}. Разницу, наверное, с {payment}",
            "Здравствуйте, вроде хочу {changes} в заказе {order}, если получится. Разница — с {payment}",
        ],
        "exchange_gist": [
            "кажется, мне нужно обменять полученный товар, так можно?",
            "не знаю, делаете ли вы обмен, но хочу поменять вещь",
        ],
        "modify_items": [
            "Заказ {order} вроде ещё не отправлен... можно {changes}? Разницу, наверное, с {payment}",
            "если для заказа {order} ещё не поздно, хочу {changes}, разницу через {payment}",
        ],
        "modify_items_gist": [
            "не уверена, но можно ли ещё поменять товар в неотправленном заказе?",
            "кажется, я выбрала не тот товар в заказе, это можно исправить?",
        ],
        "address": [
            "Кажется, заказ {order} едет на старый адрес... можно отправить на {address}?",
            "не знаю, можно ли ещё, но отправьте, пожалуйста, заказ {order} на {address}",
            "щас гляну номер... {order}. Новый адрес вроде такой: {address}",
        ],
        "address_gist": [
            "кажется, в заказе не тот адрес, можно поправить?",
            "не уверена, но адрес доставки ещё можно поменять?",
        ],
        "payment": [
            "не знаю, можно ли так, но хотелось бы оплатить заказ {order} через {payment}",
            "кажется, лучше оплатить заказ {order} через {payment}, если получится",
        ],
        "payment_gist": [
            "хм, кажется, хочу поменять способ оплаты заказа",
            "не уверена, но можно ли оплатить по-другому?",
        ],
        "yes": [
            "кажется, всё верно, да, давайте",
            "хм, да, вроде так. Делайте",
            "да, по-моему, правильно",
            "щас перечитаю... да, всё так",
        ],
        "no": ["хм, нет, не совсем то", "нет, по-моему, не так", "погодите, нет, я не это имела в виду"],
        "also": ["ой, и ещё, кажется, надо {request}", "и ещё одно, если можно: {request}"],
        "done": ["вроде всё, спасибо", "нет, кажется, это всё. Спасибо"],
        "already": ["я вроде уже писала?", "кажется, я это уже говорила"],
        "order_ref": ["кажется, {id}", "щас гляну... {id}", "{id}, если правильно вижу"],
        "order_desc": ["кажется, тот, где {item}", "наверное, заказ, в котором {item}"],
        "everything": ["всё, наверное", "вроде весь заказ"],
        "except": ["всё, кроме {item}, его, наверное, оставлю", "вроде всё, только {item} оставлю"],
        "change_one": ["{item} на {new}, кажется", "{item} хотелось бы на {new}, если можно"],
        "reason_no_longer_needed": ["кажется, он мне уже не нужен", "наверное, уже не понадобится"],
        "reason_ordered_by_mistake": ["кажется, заказала по ошибке", "вроде случайно заказала"],
        "paypal": ["наверное, на PayPal", "PayPal, пожалуй"],
        "credit_card": [
            "кажется, на карту {brand}, которая на {last_four}",
            "карта {brand}, вроде последние {last_four}",
        ],
        "gift_card": ["на подарочную карту, наверное", "подарочная карта, кажется"],
        "original": ["наверное, туда же, откуда платила", "кажется, на исходный способ оплаты"],
        "option_no": ["кажется, без {key}", "наверное, модель без {key}"],
        "option_yes": ["кажется, с {key}", "наверное, модель с {key}"],
        "same_street": ["улица вроде та же, только {unit}", "адрес тот же, но {unit}, кажется"],
        "same_as_order": ["кажется, тот же адрес, что в заказе {order}", "наверное, адрес как в {order}"],
        "hedge": [", но {item}, пожалуй, оставлю", " — только {item} не надо, кажется, оставлю"],
        "same": ["кажется, такой же", "наверное, то же самое"],
        "correction": ["ой, кажется, я имела в виду {what}", "хм, вернее {what}"],
        "if_unavailable_cancel": [
            ", а если нельзя — наверное, просто отмените заказ",
            ", если не получится, пожалуй, отмена",
        ],
        "if_unavailable_return": [", а если обмена нет — наверное, просто верните деньги", ", иначе, пожалуй, возврат"],
    },
    "zh": {
        "name_zip": [
            "我记得是{first} {last}的名字，邮编应该是{zip}",
            "我看看哈……{first} {last}，邮编{zip}",
            "好像是{first} {last}，邮编{zip}吧",
        ],
        "email": ["应该是{email}", "我看看用的哪个邮箱……对，{email}", "好像是{email}"],
        "cancel": [
            "你好，不知道现在还能不能取消，订单{order}想取消一下。{reason}",
            "我好像得取消个订单，我看看单号……找到了，{order}。{reason}",
            "如果还来得及的话，订单{order}我想取消，{reason}",
        ],
        "cancel_gist": ["你好，不太清楚怎么弄，我好像要取消一个订单", "订单现在还能取消吗？我应该是想取消"],
        "cancel_all": [
            "如果可以的话，我还没发货的订单好像都取消掉比较好，{reason}",
            "不知道能不能这样，没发货的订单能不能全部取消？{reason}",
        ],
        "return": [
            "你好，订单{order}里的{items}我好像想退，可以的话退到{payment}吧",
            "不太清楚退货怎么弄，不过订单{order}的{items}应该要退，钱退到{payment}",
            "我看看订单……对，{order}。想退{items}，钱应该退到{payment}",
        ],
        "return_gist": ["你好，我好像想退个东西，怎么弄呀？", "不太清楚怎么退货，有东西想退"],
        "exchange": [
            "不知道行不行，订单{order}里想{changes}，差价应该用{payment}吧",
            "你好，订单{order}我好像想{changes}，可以的话差价走{payment}",
        ],
        "exchange_gist": ["收到的东西我好像得换一下，可以吗？", "不知道你们能不能换货，想换个东西"],
        "modify_items": [
            "订单{order}应该还没发货吧……能不能{changes}？差价用{payment}吧",
            "如果订单{order}还来得及，我想{changes}，差价用{payment}",
        ],
        "modify_items_gist": ["不太确定，没发货的订单还能改商品吗？", "我好像选错商品了，订单还能改吗？"],
        "address": [
            "订单{order}好像寄到旧地址了……能改寄到{address}吗？",
            "不知道还能不能改，订单{order}麻烦寄到{address}",
            "我看看单号……{order}。新地址应该是{address}",
        ],
        "address_gist": ["订单地址好像填错了，能改吗？", "不太确定，收货地址现在还能改吗？"],
        "payment": ["不知道能不能这样，订单{order}想改用{payment}付", "订单{order}好像用{payment}付比较好，可以吗"],
        "payment_gist": ["嗯，我好像想改一下订单的付款方式", "不知道行不行，能换个付款方式吗？"],
        "yes": ["应该没错，对，办吧", "嗯，好像就是这样，可以", "对，我觉得没问题", "我再看一遍……对，没错"],
        "no": ["嗯，不对，不太是这个", "好像不对", "等等，不是，我不是这个意思"],
        "also": ["哦对了，我好像还要{request}", "还有个事，可以的话：{request}"],
        "done": ["应该就这些了，谢谢", "没有了，好像就这些，谢谢"],
        "already": ["我好像说过了吧？", "上面应该写了"],
        "order_ref": ["好像是{id}", "我看看……{id}", "{id}，应该没看错"],
        "order_desc": ["好像是有{item}的那单", "应该是买{item}的那个订单"],
        "everything": ["应该是全部", "整单吧"],
        "except": ["除了{item}都退吧，{item}我好像还要留着", "全部，{item}应该留着"],
        "change_one": ["{item}换成{new}吧", "{item}想换成{new}，可以的话"],
        "reason_no_longer_needed": ["好像用不上了", "应该不需要了"],
        "reason_ordered_by_mistake": ["好像是下错单了", "应该是不小心买错了"],
        "paypal": ["PayPal吧", "应该是PayPal"],
        "credit_card": ["好像是尾号{last_four}的{brand}", "{brand}卡，尾号应该是{last_four}"],
        "gift_card": ["礼品卡吧", "应该是礼品卡"],
        "original": ["原路退回吧", "应该是原来的付款方式"],
        "option_no": ["好像是不带{key}的", "应该是没{key}的款"],
        "option_yes": ["好像是带{key}的", "应该是有{key}的款"],
        "same_street": ["街道好像一样，就是{unit}", "地址应该不变，只改{unit}"],
        "same_as_order": ["好像跟订单{order}一个地址", "应该用订单{order}的地址"],
        "hedge": ["，{item}我好像还要留着", "（{item}应该不退）"],
        "same": ["好像一样的", "应该是同款"],
        "correction": ["啊，我好像说错了，是{what}", "嗯，应该是{what}"],
        "if_unavailable_cancel": ["，不行的话应该就取消订单吧", "，没有的话好像只能取消了"],
        "if_unavailable_return": ["，换不了的话应该就退款吧", "，不然就退货吧"],
    },
}

FAMILY18_PRODUCTS: dict[str, tuple[list[str], list[str]]] = {
    "Wireless Earbuds": (["беспроводные наушнички"], ["无线小耳机"]),
    "Smart Watch": (["умные часы"], ["智能腕表"]),
    "Laptop": (["ноутбучек"], ["手提电脑"]),
    "Backpack": (["рюкзак для ноутбука"], ["背包"]),
    "Yoga Mat": (["йога-коврик"], ["健身垫"]),
    "Water Bottle": (["бутылку"], ["保温杯"]),
    "Desk Lamp": (["лампу на стол"], ["桌灯"]),
    "Electric Kettle": (["электрочайник"], ["烧水壶"]),
    "T-Shirt": (["майку"], ["短袖"]),
    "Sunglasses": (["очки от солнца"], ["太阳镜"]),
}
