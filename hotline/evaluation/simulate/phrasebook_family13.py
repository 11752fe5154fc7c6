"""A fourteenth way simulated customers talk (``family`` 13): the held-out from session 27 on, written before any
transcript of it was read (family 12, the held-out before it, was read and tuned on in session 26).

Customers here are very polite and indirect: the request wrapped as a question about whether it could be done
("I was wondering whether it might be possible to…", "Would you be able to…"), thanks and apologies around it,
details offered unasked and in their own order, confirmations said as courtesies ("That would be lovely, thank
you"). Russian customers in the formal register ("Будьте добры", "Не могли бы вы", "Прошу вас", "Заранее
благодарю"); Chinese customers with 麻烦您, 请问能不能, 劳驾, 谢谢您, and product words of their own
(FAMILY13_PRODUCTS).
"""

from __future__ import annotations

# lang -> key -> templates. Same keys and fields as phrasebook.T.
FAMILY13: dict[str, dict[str, list[str]]] = {
    "en": {
        "name_zip": [
            "Of course — it's {first} {last}, and my zip code is {zip}.",
            "Certainly. {first} {last}, zip {zip}. Thank you for checking.",
            "My name is {first} {last} and the zip code is {zip}, if that helps.",
        ],
        "email": [
            "Of course, it's {email}.",
            "Certainly — {email}. Thank you.",
            "The e-mail on the account should be {email}.",
        ],
        "cancel": [
            "Good afternoon. I was wondering whether it might be possible to cancel order {order}? "
            "{reason}. Thank you so much.",
            "Hello, sorry to bother you. Would you be able to cancel my order {order}, please? {reason}.",
            "Hi there, I hope you're well. {reason}, so could order {order} be cancelled, if that's alright?",
        ],
        "cancel_gist": [
            "Hello, I hope you can help — would it be possible to cancel an order?",
            "Good morning. I'd be grateful if you could help me cancel something I ordered.",
        ],
        "cancel_all": [
            "Hello. Would it be possible to cancel all of my orders that haven't shipped yet? {reason}. Thank you.",
            "Sorry to be a nuisance, but could every pending order on my account be cancelled? {reason}.",
        ],
        "return": [
            "Good afternoon. I received order {order} and I was wondering if I could return {items}? The "
            "refund to {payment} would be perfect. Thank you.",
            "Hello, sorry to trouble you. Would it be possible to send back {items} from order {order}, "
            "with the money going to {payment}?",
            "Hi, I hope you're well. I'd like to return {items} from order {order}, if that's alright — "
            "refund to {payment}, please.",
        ],
        "return_gist": [
            "Hello, I wonder if you could help me return something?",
            "Good morning — would it be possible to send a few things back?",
        ],
        "exchange": [
            "Hello. I was wondering whether I could exchange something from order {order}: {changes}. Any "
            "difference can go on {payment}. Thank you!",
            "Good afternoon, sorry to bother you. Would you be able to swap {changes} from order {order}? "
            "{payment} for the difference, please.",
        ],
        "exchange_gist": [
            "Hello, would it be possible to exchange an item I received?",
            "Good morning. I'd be grateful for help exchanging something from my order.",
        ],
        "modify_items": [
            "Hello. Order {order} hasn't shipped yet, I believe — would it be possible to change {changes}? "
            "{payment} for any difference. Thank you.",
            "Hi, sorry to trouble you. Could I possibly change {changes} on order {order} before it goes "
            "out? I'll pay with {payment}.",
        ],
        "modify_items_gist": [
            "Hello, I think I chose the wrong option on an order — would it still be possible to change it?",
            "Good morning. Might I still change what's in an order that hasn't shipped?",
        ],
        "address": [
            "Hello. Would it be possible to send order {order} to {address} instead? Thank you so much.",
            "Good afternoon, sorry to bother you. I've recently moved — could order {order} go to {address}, please?",
            "Hi, I hope you can help. The address on order {order} should be {address}, if that can still be changed.",
        ],
        "address_gist": [
            "Hello, would it be possible to change where an order is being delivered?",
            "Good morning. I'm afraid the delivery address on my order isn't right.",
        ],
        "payment": [
            "Hello. Would it be possible to pay for order {order} with {payment} instead? Thank you.",
            "Good afternoon — could I possibly switch order {order} over to {payment}?",
        ],
        "payment_gist": [
            "Hello, might it be possible to change how I pay for an order?",
            "Good morning. I'd like to pay for an order differently, if I may.",
        ],
        "yes": [
            "That would be lovely, thank you.",
            "Yes please, that's perfect.",
            "Yes, thank you so much.",
            "That's right, please go ahead.",
        ],
        "no": [
            "Actually, no — that isn't quite right, sorry.",
            "I'm afraid not.",
            "No, sorry, that's not what I meant.",
        ],
        "also": ["Oh, and if I may — {request}", "One more thing, if that's alright: {request}"],
        "done": [
            "No, that's everything. Thank you so much for your help!",
            "That's all, thank you — have a lovely day.",
        ],
        "already": ["Sorry, I believe I mentioned that already.", "I think I said that above, sorry."],
        "order_ref": ["{id}", "It's order {id}.", "The order number is {id}, I believe."],
        "order_desc": ["It's the one with the {item}, I think.", "The order that had the {item} in it."],
        "everything": ["All of it, please.", "Everything in it, if possible."],
        "except": ["Everything except the {item}, please.", "All of it apart from the {item}, if that's alright."],
        "change_one": ["the {item} to {new}", "the {item} in {new}, please"],
        "reason_no_longer_needed": ["I'm afraid I no longer need it", "It turns out I don't need it anymore"],
        "reason_ordered_by_mistake": ["I'm afraid I ordered it by mistake", "I ordered it in error, sorry"],
        "paypal": ["PayPal", "my PayPal account"],
        "credit_card": ["my {brand} card ending in {last_four}", "the card ending {last_four}"],
        "gift_card": ["my gift card", "the gift card on my account"],
        "original": ["the original payment method", "however I paid originally"],
        "option_no": ["without {key}", "one that isn't {key}"],
        "option_yes": ["with {key}", "the {key} version"],
        "same_street": ["The same address, just {unit}, please.", "It's the same place, only {unit}."],
        "same_as_order": ["The same address as order {order}, please.", "Wherever order {order} went."],
        "hedge": [", though not the {item}, please", " — but please leave the {item}"],
        "same": ["the same one again, please", "an identical one"],
        "correction": ["Sorry, no — {what}", "Apologies, I meant {what}"],
        "if_unavailable_cancel": [
            " If that isn't available, please just cancel the order.",
            " Should that be out of stock, I'd rather cancel the whole order.",
        ],
        "if_unavailable_return": [
            " If that isn't possible, I'll simply return it.",
            " Should that not work, a return would be fine.",
        ],
    },
    "ru": {
        "name_zip": [
            "Конечно: {first} {last}, индекс {zip}.",
            "Пожалуйста: {first} {last}, почтовый индекс {zip}. Спасибо.",
            "Меня зовут {first} {last}, индекс — {zip}.",
        ],
        "email": ["Конечно, {email}.", "Пожалуйста: {email}. Спасибо.", "Почта в аккаунте — {email}."],
        "cancel": [
            "Добрый день. Не могли бы вы отменить заказ {order}? {reason}. Заранее благодарю.",
            "Здравствуйте, извините за беспокойство. Будьте добры, отмените мой заказ {order}: {reason}.",
            "Добрый вечер. {reason}, поэтому прошу вас отменить заказ {order}, если это возможно.",
        ],
        "cancel_gist": [
            "Здравствуйте, не могли бы вы помочь отменить заказ?",
            "Добрый день. Я была бы признательна за помощь с отменой заказа.",
        ],
        "cancel_all": [
            "Здравствуйте. Не могли бы вы отменить все мои заказы, которые ещё не отправлены? {reason}. Спасибо.",
            "Прошу прощения, будьте добры, отмените все ожидающие заказы в моём аккаунте: {reason}.",
        ],
        "return": [
            "Добрый день. Я получила заказ {order}; не могли бы вы оформить возврат: {items}? Деньги, "
            "пожалуйста, на {payment}.",
            "Здравствуйте, извините за беспокойство. Можно ли вернуть {items} из заказа {order} с возвратом "
            "денег на {payment}?",
            "Добрый день. Прошу оформить возврат {items} из заказа {order}, деньги на {payment}. Заранее спасибо.",
        ],
        "return_gist": [
            "Здравствуйте, не могли бы вы помочь с возвратом товара?",
            "Добрый день. Хотела бы вернуть кое-что из покупок, если можно.",
        ],
        "exchange": [
            "Здравствуйте. Не могли бы вы обменять в заказе {order}: {changes}? Разницу, пожалуйста, с "
            "{payment}. Спасибо!",
            "Добрый день, извините за беспокойство. Будьте добры, поменяйте {changes} из заказа {order}; "
            "разница — {payment}.",
        ],
        "exchange_gist": [
            "Здравствуйте, можно ли обменять полученный товар?",
            "Добрый день. Буду признательна за помощь с обменом товара из заказа.",
        ],
        "modify_items": [
            "Здравствуйте. Заказ {order}, кажется, ещё не отправлен — не могли бы вы поменять {changes}? "
            "Разницу с {payment}. Спасибо.",
            "Добрый день, извините. Можно ли до отправки изменить в заказе {order}: {changes}? Оплачу с {payment}.",
        ],
        "modify_items_gist": [
            "Здравствуйте, кажется, я выбрала не тот вариант в заказе — можно ли ещё изменить?",
            "Добрый день. Можно ли поменять товары в заказе, который ещё не отправлен?",
        ],
        "address": [
            "Здравствуйте. Не могли бы вы отправить заказ {order} по адресу {address}? Большое спасибо.",
            "Добрый день, извините за беспокойство. Я недавно переехала — будьте добры, заказ {order} на "
            "адрес {address}.",
            "Здравствуйте. Адрес в заказе {order} должен быть {address}, если его ещё можно изменить.",
        ],
        "address_gist": [
            "Здравствуйте, можно ли изменить адрес доставки заказа?",
            "Добрый день. Боюсь, в заказе указан неверный адрес.",
        ],
        "payment": [
            "Здравствуйте. Не могли бы вы перевести оплату заказа {order} на {payment}? Спасибо.",
            "Добрый день. Можно ли оплатить заказ {order} с {payment} вместо нынешнего способа?",
        ],
        "payment_gist": [
            "Здравствуйте, можно ли изменить способ оплаты заказа?",
            "Добрый день. Хотела бы оплатить заказ иначе, если это возможно.",
        ],
        "yes": ["Да, будьте добры.", "Да, всё верно, спасибо.", "Да, пожалуйста.", "Прекрасно, выполняйте, спасибо."],
        "no": ["Нет, простите, это не совсем так.", "Боюсь, что нет.", "Нет, извините, я имела в виду другое."],
        "also": ["И ещё, если можно: {request}", "Простите, ещё один вопрос: {request}"],
        "done": ["Нет, это всё. Большое спасибо за помощь!", "Больше ничего, спасибо, всего доброго."],
        "already": ["Простите, я, кажется, уже это указала.", "Я писала об этом выше, извините."],
        "order_ref": ["{id}", "Заказ {id}.", "Номер заказа — {id}."],
        "order_desc": ["Кажется, тот, где {item}.", "Заказ, в котором был {item}."],
        "everything": ["Всё, пожалуйста.", "Весь заказ, если можно."],
        "except": ["Всё, кроме {item}, пожалуйста.", "Всё, за исключением {item}."],
        "change_one": ["{item} на {new}", "{item} — на вариант {new}, пожалуйста"],
        "reason_no_longer_needed": ["К сожалению, он мне больше не нужен", "Оказалось, он мне уже не нужен"],
        "reason_ordered_by_mistake": ["К сожалению, я заказала его по ошибке", "Я оформила его по ошибке, простите"],
        "paypal": ["PayPal", "мой счёт PayPal"],
        "credit_card": ["карту {brand}, оканчивающуюся на {last_four}", "карту на {last_four}"],
        "gift_card": ["подарочную карту", "подарочную карту в аккаунте"],
        "original": ["исходный способ оплаты", "тот способ, которым я платила"],
        "option_no": ["без {key}", "вариант без {key}"],
        "option_yes": ["с {key}", "вариант с {key}"],
        "same_street": ["Адрес тот же, только {unit}, пожалуйста.", "Тот же дом, только {unit}."],
        "same_as_order": [
            "Тот же адрес, что у заказа {order}, пожалуйста.",
            "Туда же, куда был доставлен заказ {order}.",
        ],
        "hedge": [", но {item} не трогайте, пожалуйста", " — а {item}, будьте добры, оставьте"],
        "same": ["точно такой же, пожалуйста", "такой же самый"],
        "correction": ["Простите, нет — {what}", "Извините, я имела в виду {what}"],
        "if_unavailable_cancel": [
            " Если такого нет в наличии, будьте добры, просто отмените заказ.",
            " Если не получится, прошу отменить заказ целиком.",
        ],
        "if_unavailable_return": [
            " Если это невозможно, я просто оформлю возврат.",
            " Если не выйдет, тогда возврат.",
        ],
    },
    "zh": {
        "name_zip": [
            "好的，我叫{first} {last}，邮编{zip}。",
            "麻烦您核对：{first} {last}，邮编是{zip}。谢谢！",
            "我的名字是{first} {last}，邮编{zip}。",
        ],
        "email": ["好的，是{email}。", "麻烦您查一下：{email}，谢谢。", "账户邮箱应该是{email}。"],
        "cancel": [
            "您好，请问能不能帮我取消订单{order}？{reason}。谢谢您！",
            "您好，打扰一下。麻烦您把订单{order}取消，{reason}。",
            "您好，{reason}，所以想请您帮忙取消订单{order}，可以吗？",
        ],
        "cancel_gist": ["您好，请问能帮我取消一个订单吗？", "您好，麻烦您帮我取消一下订单。"],
        "cancel_all": [
            "您好，请问能不能把我还没发货的订单都取消？{reason}。谢谢。",
            "不好意思，麻烦您把账户里所有待处理的订单都取消，{reason}。",
        ],
        "return": [
            "您好，订单{order}我已经收到了，请问{items}能退吗？钱麻烦退到{payment}，谢谢！",
            "您好，打扰了。想请您帮忙退订单{order}里的{items}，退款到{payment}。",
            "您好，麻烦您办理一下订单{order}的退货：{items}，钱退回{payment}。谢谢您。",
        ],
        "return_gist": ["您好，请问能帮我办理退货吗？", "您好，我想退几样东西，麻烦您了。"],
        "exchange": [
            "您好，请问订单{order}能不能换货：{changes}？差价麻烦用{payment}。谢谢！",
            "您好，打扰一下。麻烦您帮我把订单{order}里的{changes}，差价用{payment}。",
        ],
        "exchange_gist": ["您好，请问收到的商品可以换吗？", "您好，麻烦您帮我换一下订单里的东西。"],
        "modify_items": [
            "您好，订单{order}应该还没发货吧？请问能不能改一下：{changes}，差价用{payment}。谢谢。",
            "您好，不好意思。发货前麻烦您把订单{order}改一下：{changes}，用{payment}支付。",
        ],
        "modify_items_gist": ["您好，我下单时好像选错了款式，请问还能改吗？", "您好，请问还没发货的订单能改商品吗？"],
        "address": [
            "您好，请问订单{order}能不能寄到{address}？非常感谢。",
            "您好，打扰了。我刚搬家，麻烦您把订单{order}改寄到{address}。",
            "您好，订单{order}的地址应该是{address}，如果还能改的话麻烦您了。",
        ],
        "address_gist": ["您好，请问能改订单的收货地址吗？", "您好，我订单上的地址好像写错了。"],
        "payment": [
            "您好，请问订单{order}能改用{payment}付款吗？谢谢。",
            "您好，麻烦您把订单{order}的付款方式换成{payment}。",
        ],
        "payment_gist": ["您好，请问订单的付款方式可以改吗？", "您好，我想换一种方式支付订单，可以吗？"],
        "yes": ["好的，麻烦您了。", "是的，谢谢您！", "对，请办理吧，谢谢。", "可以的，辛苦您了。"],
        "no": ["不好意思，不太对。", "恐怕不是。", "抱歉，我不是这个意思。"],
        "also": ["另外，劳驾您：{request}", "还有一件事，麻烦您：{request}"],
        "done": ["没有了，非常感谢您的帮助！", "就这些，谢谢您，祝您愉快。"],
        "already": ["不好意思，我前面好像说过了。", "抱歉，我上面已经写了。"],
        "order_ref": ["{id}", "订单{id}。", "订单号是{id}。"],
        "order_desc": ["应该是有{item}的那个订单。", "就是买了{item}的那一单。"],
        "everything": ["全部，谢谢。", "麻烦全部都办。"],
        "except": ["除了{item}，其他都要，谢谢。", "{item}不用，其余全部。"],
        "change_one": ["{item}换成{new}", "{item}麻烦换成{new}的"],
        "reason_no_longer_needed": ["不好意思，我不再需要了", "后来发现用不上了"],
        "reason_ordered_by_mistake": ["抱歉，是我下错单了", "不好意思，是误下的订单"],
        "paypal": ["PayPal", "我的PayPal账户"],
        "credit_card": ["尾号{last_four}的{brand}卡", "尾号{last_four}的那张卡"],
        "gift_card": ["礼品卡", "账户里的礼品卡"],
        "original": ["原付款方式", "按原来付款的方式退"],
        "option_no": ["不带{key}的", "没有{key}的款"],
        "option_yes": ["带{key}的", "有{key}的款"],
        "same_street": ["地址不变，只是{unit}，谢谢。", "还是那个地址，{unit}。"],
        "same_as_order": ["麻烦用订单{order}的地址。", "寄到订单{order}送过的地址。"],
        "hedge": ["，不过{item}请不要动", "，{item}麻烦保留"],
        "same": ["一模一样的，谢谢", "同款同规格的"],
        "correction": ["抱歉，不对，{what}", "不好意思，我是说{what}"],
        "if_unavailable_cancel": ["如果没货，麻烦直接取消订单。", "要是缺货的话，就请把整个订单取消。"],
        "if_unavailable_return": ["如果不行的话，我就退货。", "换不了的话就退货吧。"],
    },
}

FAMILY13_PRODUCTS: dict[str, tuple[list[str], list[str]]] = {
    "Electric Kettle": (["электрический чайник"], ["电热壶"]),
    "Office Chair": (["компьютерное кресло"], ["电脑椅"]),
    "Laptop": (["ноут"], ["手提电脑"]),
    "Backpack": (["рюкзачок"], ["双肩背包"]),
    "Smart Watch": (["смарт-часы"], ["智能腕表"]),
    "Desk Lamp": (["лампу на стол"], ["护眼灯"]),
    "Coffee Maker": (["кофеварку"], ["咖啡壶"]),
    "Headphones": (["накладные наушники"], ["头戴耳机"]),
    "T-Shirt": (["футболочку"], ["T恤"]),
    "Air Purifier": (["очиститель воздуха"], ["净化器"]),
}
