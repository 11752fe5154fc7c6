"""An eighth way simulated customers talk (``family`` 7): the held-out from session 16 on, written before any
transcript of it was read (family 6, the held-out before it, had been looked at for four sessions).

Customers here tell a story before they ask, and ask indirectly: context first ("I placed {order} last week
and …"), the request as a question or a wish ("would it be possible to …", "I was hoping you could …"), polite
hedging and thanks, identity woven into a sentence ("the account's under …"), items introduced with "the" and
"my" inside longer clauses. Russian in the formal вы-register with long sentences and "не могли бы вы";
Chinese in a polite written register ("麻烦您", "请问能否", "劳驾") with its own product words
(FAMILY7_PRODUCTS).
"""

from __future__ import annotations

# lang -> key -> templates. Same keys and fields as phrasebook.T.
FAMILY7: dict[str, dict[str, list[str]]] = {
    "en": {
        "name_zip": [
            "Of course. The account should be under {first} {last}, and the zip code there is {zip}.",
            "Sure thing, I'm {first} {last} and my zip is {zip}.",
            "It's {first} {last} — zip {zip}, if that helps.",
        ],
        "email": [
            "The e-mail on the account is {email}, I believe.",
            "You should find me under {email}.",
            "I signed up with {email}.",
        ],
        "cancel": [
            "Hello! I placed order {order} a little while ago, and {reason}. Would it be possible to cancel it?",
            "Hi, I was hoping you could help me. {reason}, so I'd rather not go ahead with order {order}.",
            "Good morning — I'd like to call off order {order}, if that's still possible. Honestly, {reason}.",
        ],
        "cancel_gist": [
            "Hi, I was wondering whether I can still call off an order I placed.",
            "Hello, I'd like to stop an order from going ahead.",
        ],
        "cancel_all": [
            "Hello, {reason}, so would you be able to cancel whatever I have that hasn't shipped yet?",
            "Hi! Could you please call off all of my orders that haven't gone out yet? {reason}.",
        ],
        "return": [
            "Hello, I received order {order} but I'm afraid {items} didn't work out for me. Could I send them "
            "back and have the money go to {payment}?",
            "Hi there. From order {order}, I'd like to return {items}. If possible, please refund it to {payment}.",
            "Good afternoon! I was hoping to send back {items} that came in {order} — the refund can go to {payment}.",
        ],
        "return_gist": [
            "Hi, something I bought from you didn't work out, and I was hoping to send it back.",
            "Hello, I'd like to return a few things I received.",
        ],
        "exchange": [
            "Hello! In order {order} I'd love to swap {changes}. Any difference can be settled with {payment}.",
            "Hi, is there any way to exchange {changes} from order {order}? I'm happy to use {payment} for the "
            "difference.",
        ],
        "exchange_gist": [
            "Hi, one of the things I received isn't quite the version I wanted, could I swap it?",
            "Hello, I was hoping to exchange something I got from you.",
        ],
        "modify_items": [
            "Hi! Order {order} hasn't shipped yet, I think — could you change {changes} before it does? The "
            "difference can go on {payment}.",
            "Hello, before order {order} goes out, would it be possible to switch {changes}? Please use "
            "{payment} for any difference.",
        ],
        "modify_items_gist": [
            "Hi, I chose the wrong option on an order that hasn't shipped yet. Can that still be changed?",
            "Hello, I'd like to adjust an item in an order before it ships.",
        ],
        "address": [
            "Hello! I've just moved, so would you mind sending order {order} to {address} instead?",
            "Hi, could the delivery address for order {order} be changed to {address}, please?",
            "Good evening — order {order} needs to go to {address} now, if that's possible.",
        ],
        "address_gist": [
            "Hi, I recently moved and I'm worried my order will go to the old place.",
            "Hello, I think I gave the wrong delivery address on an order.",
        ],
        "payment": [
            "Hello, would it be possible to pay for order {order} with {payment} instead?",
            "Hi! I'd prefer to use {payment} for order {order}, could you switch it over?",
        ],
        "payment_gist": [
            "Hi, I was hoping to change how I pay for one of my orders.",
            "Hello, could I use a different payment method on an order?",
        ],
        "yes": ["Yes, that's exactly right, please go ahead.", "That's correct, thank you!", "Yes please."],
        "no": ["Hmm, no, that isn't what I asked for.", "I'm sorry, but that's not right."],
        "also": ["Oh, and while I have you: {request}", "There's one more thing, if you don't mind. {request}"],
        "done": ["No, that's all for today, thank you so much!", "That's everything, thanks for your help."],
        "already": ["I think I mentioned that earlier.", "As I said before, that's already in my message."],
        "order_ref": ["The order number is {id}.", "It's order {id}.", "{id}, I believe."],
        "order_desc": ["It's the order that had the {item} in it.", "The one where I bought my {item}."],
        "everything": ["All of it, please.", "Everything in that order."],
        "except": ["Everything apart from the {item}, please.", "All of it except the {item}."],
        "change_one": ["the {item} to {new}", "my {item} for the {new} version"],
        "reason_no_longer_needed": [
            "it turns out I don't actually need it any more",
            "my plans changed and I no longer need it",
        ],
        "reason_ordered_by_mistake": [
            "I'm embarrassed to say I ordered it by mistake",
            "I placed it by accident",
        ],
        "paypal": ["my PayPal account", "PayPal"],
        "credit_card": ["the {brand} card ending in {last_four}", "my card ending {last_four}"],
        "gift_card": ["my gift card balance", "the gift card"],
        "original": ["the way I originally paid", "the original payment method"],
        "option_no": ["one without {key}", "no {key}"],
        "option_yes": ["one with {key}", "with {key}"],
        "same_street": [
            "it's the same street address, only the unit is now {unit}",
            "the same building, just {unit} now",
        ],
        "same_as_order": [
            "the same address as my order {order}, please",
            "wherever order {order} was sent",
        ],
        "hedge": [", but please keep the {item} as it is", " — I'd like to hold on to the {item}, though"],
        "same": ["the same one as before", "exactly the same"],
        "correction": ["Sorry, I meant {what}.", "No, actually it's {what}."],
        "if_unavailable_cancel": [
            ". If that can't be done, please just cancel the order",
            ", and if it isn't available I'd rather cancel the whole order",
        ],
        "if_unavailable_return": [
            ". If that isn't possible, I'll simply return it instead",
            ", and if it's out of stock please process a return",
        ],
    },
    "ru": {
        "name_zip": [
            "Конечно. Учётная запись на имя {first} {last}, почтовый индекс {zip}.",
            "Да, меня зовут {first} {last}, индекс {zip}.",
            "{first} {last}, индекс — {zip}, если это поможет.",
        ],
        "email": ["Почта в аккаунте, насколько я помню, {email}.", "Я регистрировалась на {email}.", "{email}."],
        "cancel": [
            "Добрый день! Некоторое время назад я оформила заказ {order}, но {reason}. Не могли бы вы его отменить?",
            "Здравствуйте, надеюсь на вашу помощь: {reason}, поэтому заказ {order} мне, к сожалению, не нужен.",
            "Доброе утро. Если это ещё возможно, я бы хотела отказаться от заказа {order} — {reason}.",
        ],
        "cancel_gist": [
            "Здравствуйте, подскажите, можно ли ещё отказаться от оформленного заказа?",
            "Добрый день, я бы хотела отказаться от заказа.",
        ],
        "cancel_all": [
            "Здравствуйте, {reason}, поэтому не могли бы вы отменить все мои заказы, которые ещё не отправлены?",
            "Добрый день! Прошу отменить все мои неотправленные заказы: {reason}.",
        ],
        "return": [
            "Здравствуйте, я получила заказ {order}, но, к сожалению, {items} мне не подошли. Могу ли я их вернуть, "
            "а деньги получить на {payment}?",
            "Добрый день. Из заказа {order} я хотела бы вернуть {items}. Если можно, верните деньги на {payment}.",
            "Добрый день! Хочу отправить обратно {items} из заказа {order} — деньги прошу вернуть на {payment}.",
        ],
        "return_gist": [
            "Здравствуйте, одна из покупок мне не подошла, я бы хотела её вернуть.",
            "Добрый день, хочу вернуть несколько полученных вещей.",
        ],
        "exchange": [
            "Добрый день! В заказе {order} я бы хотела обменять {changes}. Разницу можно списать с {payment}.",
            "Здравствуйте, можно ли обменять {changes} из заказа {order}? Разницу готова оплатить через {payment}.",
        ],
        "exchange_gist": [
            "Здравствуйте, мне пришёл не совсем тот вариант товара, можно ли его обменять?",
            "Добрый день, я бы хотела обменять полученную вещь.",
        ],
        "modify_items": [
            "Здравствуйте! Заказ {order}, кажется, ещё не отправлен — не могли бы вы заменить {changes}? Разницу "
            "можно списать с {payment}.",
            "Добрый день, пока заказ {order} не отправлен, можно ли поменять {changes}? Разницу — через {payment}.",
        ],
        "modify_items_gist": [
            "Здравствуйте, я выбрала не тот вариант в заказе, который ещё не отправлен. Можно это исправить?",
            "Добрый день, хочу поменять товар в заказе до отправки.",
        ],
        "address": [
            "Здравствуйте! Я недавно переехала, не могли бы вы отправить заказ {order} по адресу {address}?",
            "Добрый день, можно ли изменить адрес доставки заказа {order} на {address}?",
            "Добрый вечер. Заказ {order} теперь нужно доставить по адресу {address}, если это возможно.",
        ],
        "address_gist": [
            "Здравствуйте, я переехала и боюсь, что заказ уедет на старый адрес.",
            "Добрый день, кажется, я указала неверный адрес доставки.",
        ],
        "payment": [
            "Здравствуйте, можно ли оплатить заказ {order} через {payment}?",
            "Добрый день! Я бы предпочла оплатить заказ {order} через {payment}, это возможно?",
        ],
        "payment_gist": [
            "Здравствуйте, я бы хотела изменить способ оплаты одного из заказов.",
            "Добрый день, можно ли оплатить заказ другим способом?",
        ],
        "yes": ["Да, всё верно, пожалуйста, оформляйте.", "Верно, спасибо!", "Да, пожалуйста."],
        "no": ["Нет, я просила не об этом.", "Извините, но это не так."],
        "also": ["И ещё, раз уж я к вам обратилась: {request}", "Есть ещё одна просьба, если можно. {request}"],
        "done": ["Нет, на сегодня это всё, большое спасибо!", "Это всё, спасибо за помощь."],
        "already": ["Кажется, я уже писала об этом.", "Я указывала это выше."],
        "order_ref": ["Номер заказа {id}.", "Это заказ {id}.", "{id}, насколько я помню."],
        "order_desc": ["Это заказ, в котором был {item}.", "Тот, где я покупала {item}."],
        "everything": ["Всё, пожалуйста.", "Всё из этого заказа."],
        "except": ["Всё, кроме {item}, пожалуйста.", "Всё, за исключением {item}."],
        "change_one": ["{item} на {new}", "{item} на вариант {new}"],
        "reason_no_longer_needed": ["оказалось, что он мне больше не нужен", "мои планы изменились, и он уже не нужен"],
        "reason_ordered_by_mistake": ["стыдно признаться, но я заказала его по ошибке", "я оформила его случайно"],
        "paypal": ["мой счёт PayPal", "PayPal"],
        "credit_card": ["карту {brand}, которая заканчивается на {last_four}", "мою карту на {last_four}"],
        "gift_card": ["баланс подарочной карты", "подарочную карту"],
        "original": ["тот способ, которым я платила", "исходный способ оплаты"],
        "option_no": ["вариант без {key}", "без {key}"],
        "option_yes": ["вариант с {key}", "с {key}"],
        "same_street": ["адрес тот же, изменился только номер: {unit}", "тот же дом, только теперь {unit}"],
        "same_as_order": ["тот же адрес, что и в заказе {order}", "туда же, куда доставляли заказ {order}"],
        "hedge": [", но {item}, пожалуйста, оставьте как есть", " — а вот {item} я хотела бы оставить"],
        "same": ["тот же, что и раньше", "точно такой же"],
        "correction": ["Извините, я имела в виду {what}.", "Нет, на самом деле {what}."],
        "if_unavailable_cancel": [
            ". Если это невозможно, просто отмените заказ",
            ", а если нет в наличии, лучше отмените весь заказ",
        ],
        "if_unavailable_return": [
            ". Если это невозможно, я просто оформлю возврат",
            ", а если товара нет в наличии, оформите, пожалуйста, возврат",
        ],
    },
    "zh": {
        "name_zip": [
            "好的，账户是{first} {last}的名字，邮编是{zip}。",
            "我叫{first} {last}，邮编{zip}。",
            "{first} {last}，邮编{zip}，您看这样可以吗？",
        ],
        "email": ["账户的邮箱应该是{email}。", "我注册用的是{email}。", "{email}。"],
        "cancel": [
            "您好！我前些天下了订单{order}，不过{reason}，请问能否帮我取消？",
            "您好，麻烦您帮个忙：{reason}，所以订单{order}就不要了。",
            "早上好，如果还来得及的话，我想取消订单{order}，说实话{reason}。",
        ],
        "cancel_gist": ["您好，请问已经下的订单还能取消吗？", "您好，我想撤销一个订单。"],
        "cancel_all": [
            "您好，{reason}，麻烦您把我还没发货的订单都取消掉，可以吗？",
            "您好！请帮我把所有还没寄出的订单都取消，{reason}。",
        ],
        "return": [
            "您好，订单{order}我收到了，可惜{items}不太合适，请问能退回去吗？钱退到{payment}就行。",
            "您好，订单{order}里的{items}我想退货，麻烦退款到{payment}。",
            "下午好！我想把{order}里的{items}寄回去，退款请退到{payment}。",
        ],
        "return_gist": ["您好，买的东西不太合适，想退回去。", "您好，我想退几件收到的商品。"],
        "exchange": [
            "您好！订单{order}里我想换一下：{changes}。差价可以用{payment}支付。",
            "您好，请问订单{order}的{changes}能换吗？差价我用{payment}补。",
        ],
        "exchange_gist": ["您好，收到的款式不太对，请问能换吗？", "您好，我想换一件收到的商品。"],
        "modify_items": [
            "您好！订单{order}应该还没发货吧？麻烦在发货前帮我把{changes}，差价用{payment}。",
            "您好，趁订单{order}还没寄出，能否把{changes}？差价请走{payment}。",
        ],
        "modify_items_gist": [
            "您好，还没发货的订单里我选错了款式，还能改吗？",
            "您好，想在发货前调整一下订单里的商品。",
        ],
        "address": [
            "您好！我刚搬家，麻烦把订单{order}改寄到{address}，可以吗？",
            "您好，请问订单{order}的收货地址能改成{address}吗？",
            "晚上好，订单{order}现在需要寄到{address}，劳驾您改一下。",
        ],
        "address_gist": ["您好，我刚搬了家，担心订单会寄到旧地址。", "您好，我好像填错了收货地址。"],
        "payment": ["您好，请问订单{order}能改用{payment}支付吗？", "您好！订单{order}我想改成{payment}付款，麻烦您。"],
        "payment_gist": ["您好，我想换一个订单的付款方式。", "您好，请问订单能换别的方式付款吗？"],
        "yes": ["对，就是这样，麻烦您办理。", "没错，谢谢您！", "是的，麻烦了。"],
        "no": ["嗯，不是，我说的不是这个。", "不好意思，这个不对。"],
        "also": ["另外，顺便麻烦您：{request}", "还有一件事，麻烦您一下。{request}"],
        "done": ["没有了，今天就这些，非常感谢！", "就这些，谢谢您的帮助。"],
        "already": ["我之前好像说过了。", "前面的消息里我已经写了。"],
        "order_ref": ["订单号是{id}。", "是订单{id}。", "应该是{id}。"],
        "order_desc": ["就是买了{item}的那个订单。", "有{item}的那一单。"],
        "everything": ["全部都退，谢谢。", "那个订单里的全部。"],
        "except": ["除了{item}以外都要，谢谢。", "全部，{item}除外。"],
        "change_one": ["把{item}换成{new}", "{item}改成{new}的"],
        "reason_no_longer_needed": ["后来发现其实用不上了", "计划有变，已经不需要了"],
        "reason_ordered_by_mistake": ["不好意思，是我下错单了", "当时不小心下的单"],
        "paypal": ["我的PayPal账户", "PayPal"],
        "credit_card": ["尾号{last_four}的{brand}卡", "尾号是{last_four}的那张卡"],
        "gift_card": ["礼品卡余额", "礼品卡"],
        "original": ["原来的付款方式", "原路退回"],
        "option_no": ["不带{key}的", "没有{key}的"],
        "option_yes": ["带{key}的", "有{key}的"],
        "same_street": ["街道地址不变，只是门牌改成{unit}", "还是同一栋楼，只是现在是{unit}"],
        "same_as_order": ["和订单{order}一样的地址", "寄到订单{order}寄过的地址"],
        "hedge": ["，不过{item}请保持不变", "，{item}我想留着"],
        "same": ["和之前一样的", "完全一样的"],
        "correction": ["不好意思，我是说{what}。", "不是的，其实是{what}。"],
        "if_unavailable_cancel": ["。如果办不了，就请直接取消订单", "，要是没货，我宁愿取消整个订单"],
        "if_unavailable_return": ["。如果不行的话，我就直接退货", "，要是缺货，请帮我办理退货"],
    },
}

FAMILY7_PRODUCTS: dict[str, tuple[list[str], list[str]]] = {
    "Office Chair": (["офисное кресло"], ["办公椅"]),
    "Vacuum Cleaner": (["пылесос"], ["吸尘器"]),
    "Laptop": (["ноутбук"], ["笔记本电脑"]),
    "Running Shoes": (["кроссовки для бега"], ["跑鞋"]),
    "Luggage Set": (["набор чемоданов"], ["行李箱套装"]),
    "Patio Umbrella": (["садовый зонт"], ["遮阳伞"]),
}
