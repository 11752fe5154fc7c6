"""A twenty-second way simulated customers talk (``family`` 21): the held-out from session 35 on, written before any
transcript of it was read (family 20, the held-out before it, was read and tuned on in session 35).

Customers here say what they do *not* want as much as what they do: the request through a negation ("I don't want
order … anymore", "don't ship order … — cancel it", "don't send it to my old address"), the scope by what is left
out ("not the whole order, just …", "nothing else should change"), the payment with what it is not ("not a new
card"), a yes said with a negation ("no problem, go ahead", "нет проблем, делайте", "没问题，办吧"), a no that is only
"not quite", and a correction that starts with "not". Russian with "не нужен", "не отправляйте", "не возражаю",
"ничего не имею против"; Chinese with "不要了", "别发货", "没问题", "不介意". Product words of their own
(FAMILY21_PRODUCTS).
"""

from __future__ import annotations

# lang -> key -> templates. Same keys and fields as phrasebook.T.
FAMILY21: dict[str, dict[str, list[str]]] = {
    "en": {
        "name_zip": [
            "{first} {last}, zip {zip} — not my old zip, that one changed",
            "{first} {last}, no middle name, zip {zip}",
            "it's {first} {last}, and the zip is {zip}",
        ],
        "email": ["{email}, not my work one", "it's {email} — no other address", "{email}"],
        "cancel": [
            "I don't want order {order} anymore, please cancel it. {reason}",
            "Please don't ship order {order} — cancel it instead. {reason}",
            "Order {order} is no longer wanted. Cancel it, please. {reason}",
        ],
        "cancel_gist": ["I don't want my order anymore", "please don't ship my order, I want to cancel it"],
        "cancel_all": [
            "I don't want any of my orders that haven't shipped. Cancel them all. {reason}",
            "Nothing that hasn't shipped yet should go out — cancel every pending order. {reason}",
        ],
        "return": [
            "Not the whole order {order}, just {items}: I want to return that. Refund to {payment}, not a new card",
            "I don't want to keep {items} from order {order}. Please take it back and refund {payment}",
            "I'd like to return {items} from order {order} — nothing else from it. The refund goes to {payment}",
        ],
        "return_gist": [
            "I don't want to keep something I received",
            "something I got isn't what I want, I'll return it",
        ],
        "exchange": [
            "The items in order {order} aren't right: I'd like {changes}, nothing else should change. "
            "Any difference to {payment}",
            "I don't want to return anything from order {order}, just exchange {changes}. Use {payment}, not a new "
            "card",
        ],
        "exchange_gist": [
            "I don't want a refund, I want to exchange an item",
            "something I got isn't right, not a return — an exchange",
        ],
        "modify_items": [
            "Don't ship order {order} like this, please: {changes}. The difference to {payment}",
            "Order {order} isn't what I wanted yet — please change {changes}, nothing else. Difference to {payment}",
        ],
        "modify_items_gist": [
            "Please don't ship my order yet, an item in it is wrong",
            "I don't want the item I picked in my pending order, can it be changed?",
        ],
        "address": [
            "Please don't send order {order} to my old address — send it to {address}",
            "Order {order} shouldn't go where it's going. The right address is {address}",
            "Not the address on file for order {order}: {address}, please",
        ],
        "address_gist": [
            "please don't send my order to my old address",
            "my order isn't going to the right address",
        ],
        "payment": [
            "I don't want to pay for order {order} the way I did — switch it to {payment}",
            "Not the method I used for order {order}, please: put it on {payment}",
        ],
        "payment_gist": [
            "I don't want to pay for my order the way I did",
            "the payment method on my order isn't the one I want",
        ],
        "yes": ["no problem, go ahead", "not a problem — do it", "nothing wrong there, yes", "I don't mind, go ahead"],
        "no": ["no, not quite", "that's not what I need", "no — not that"],
        "also": ["and don't forget: {request}", "not done yet: {request}"],
        "done": ["no, nothing else", "nope, that's it"],
        "already": ["didn't I already say that?", "I won't repeat it — it's in my first message"],
        "order_ref": ["{id}", "{id}, not any other", "it's {id}"],
        "order_desc": ["the one with the {item}, not the other one", "the order that has the {item}"],
        "everything": ["all of it, nothing left out", "the whole thing, don't leave anything"],
        "except": ["everything but not the {item}", "all except the {item} — don't touch that one"],
        "change_one": ["the {item} to {new}, nothing else", "the {item} for {new}"],
        "reason_no_longer_needed": ["I don't need it anymore", "I no longer need it"],
        "reason_ordered_by_mistake": ["I didn't mean to order it", "ordered by mistake, I didn't mean to"],
        "paypal": ["PayPal, not a card", "my PayPal"],
        "credit_card": ["my {brand} ending {last_four}, not another card", "the {brand} ending in {last_four}"],
        "gift_card": ["my gift card, not a card", "the gift card"],
        "original": ["the original method, nothing new", "the way I paid, no other"],
        "option_no": ["one without {key}", "not the one with {key}"],
        "option_yes": ["one with {key}", "not one without {key}"],
        "same_street": ["not a new street, just {unit}", "the same street, only {unit}"],
        "same_as_order": ["not a new address — the one from order {order}", "the address of order {order}"],
        "hedge": [", but not the {item}", " — don't touch the {item}"],
        "same": ["the same one, nothing different", "no change, the same"],
        "correction": ["no, not that — {what}", "not what I said: {what}"],
        "if_unavailable_cancel": [
            ", and if you can't, cancel the order",
            " — if that's not possible, I don't want the order at all",
        ],
        "if_unavailable_return": [", and if not, no exchange — just a refund", " — otherwise I'd rather return it"],
    },
    "ru": {
        "name_zip": [
            "{first} {last}, индекс {zip} — не старый, он поменялся",
            "{first} {last}, индекс {zip}, отчества нет",
            "{first} {last}, индекс {zip}",
        ],
        "email": ["{email}, не рабочая", "{email} — другой почты нет", "{email}"],
        "cancel": [
            "Заказ {order} мне больше не нужен, отмените его, пожалуйста. {reason}",
            "Не отправляйте заказ {order} — отмените его. {reason}",
            "От заказа {order} я отказываюсь, отмените. {reason}",
        ],
        "cancel_gist": ["мне больше не нужен мой заказ", "не отправляйте мой заказ, хочу его отменить"],
        "cancel_all": [
            "Мне не нужен ни один неотправленный заказ. Отмените все. {reason}",
            "Ничего из неотправленного не отправляйте — отмените все заказы. {reason}",
        ],
        "return": [
            "Не весь заказ {order}, только {items}: это хочу вернуть. Деньги на {payment}, не на новую карту",
            "Не хочу оставлять {items} из заказа {order}. Заберите, пожалуйста, и верните деньги на {payment}",
            "Хочу вернуть {items} из заказа {order} — больше ничего оттуда. Деньги на {payment}",
        ],
        "return_gist": ["не хочу оставлять товар, который получила", "полученная вещь мне не подходит, верну её"],
        "exchange": [
            "В заказе {order} не то: нужно {changes}, остальное не трогайте. Разница — {payment}",
            "Ничего из заказа {order} не возвращаю, только обменять {changes}. Разница — {payment}, не новая карта",
        ],
        "exchange_gist": [
            "мне не нужны деньги назад, хочу обменять товар",
            "полученное не подходит — не возврат, а обмен",
        ],
        "modify_items": [
            "Не отправляйте заказ {order} в таком виде: {changes}. Разница — {payment}",
            "Заказ {order} пока не такой, как нужно — поменяйте {changes}, больше ничего. Разница — {payment}",
        ],
        "modify_items_gist": [
            "пока не отправляйте мой заказ, в нём не тот товар",
            "мне не нужен товар, который я выбрала в неотправленном заказе, можно поменять?",
        ],
        "address": [
            "Не отправляйте заказ {order} на старый адрес — отправьте на {address}",
            "Заказ {order} идёт не туда. Правильный адрес: {address}",
            "Не тот адрес в заказе {order}: нужен {address}",
        ],
        "address_gist": ["не отправляйте мой заказ на старый адрес", "мой заказ едет не на тот адрес"],
        "payment": [
            "Не хочу платить за заказ {order} так, как платила — переключите на {payment}",
            "Не тот способ оплаты в заказе {order}: оплатите через {payment}",
        ],
        "payment_gist": ["не хочу платить за заказ так, как платила", "в заказе не тот способ оплаты"],
        "yes": ["нет проблем, делайте", "не возражаю, оформляйте", "ничего не имею против, да", "без проблем, да"],
        "no": ["нет, не совсем", "это не то, что мне нужно", "нет — не то"],
        "also": ["и не забудьте: {request}", "это ещё не всё: {request}"],
        "done": ["нет, больше ничего", "не, это всё"],
        "already": ["я же это уже говорила?", "не буду повторять — это в первом сообщении"],
        "order_ref": ["{id}", "{id}, не другой", "это {id}"],
        "order_desc": ["тот, где {item}, не другой", "заказ, в котором {item}"],
        "everything": ["всё, ничего не оставляя", "весь заказ целиком"],
        "except": ["всё, но не {item}", "всё, кроме {item} — его не трогайте"],
        "change_one": ["{item} на {new}, больше ничего", "{item} — на {new}"],
        "reason_no_longer_needed": ["он мне больше не нужен", "уже не нужен"],
        "reason_ordered_by_mistake": ["заказала не нарочно, по ошибке", "заказала по ошибке"],
        "paypal": ["PayPal, не карта", "мой PayPal"],
        "credit_card": ["карта {brand} на {last_four}, не другая", "карта {brand}, последние цифры {last_four}"],
        "gift_card": ["подарочная карта, не банковская", "подарочная карта"],
        "original": ["исходный способ, не новый", "так же, как платила"],
        "option_no": ["без {key}", "не с {key}"],
        "option_yes": ["с {key}", "не без {key}"],
        "same_street": ["улица не новая, только {unit}", "та же улица, только {unit}"],
        "same_as_order": ["не новый адрес — из заказа {order}", "адрес из заказа {order}"],
        "hedge": [", но не {item}", " — {item} не трогайте"],
        "same": ["такой же, ничего другого", "без изменений, такой же"],
        "correction": ["нет, не то — {what}", "я не это писала: {what}"],
        "if_unavailable_cancel": [", а если нельзя — отмените заказ", " — если не выйдет, заказ мне вообще не нужен"],
        "if_unavailable_return": [", а если нет — не обмен, а возврат", " — иначе лучше верну"],
    },
    "zh": {
        "name_zip": [
            "{first} {last}，邮编{zip}——不是以前那个，已经改了",
            "{first} {last}，没有中间名，邮编{zip}",
            "{first} {last}，邮编{zip}",
        ],
        "email": ["{email}，不是工作邮箱", "{email}——没有别的邮箱", "{email}"],
        "cancel": [
            "订单{order}我不要了，请取消。{reason}",
            "订单{order}别发货了，取消吧。{reason}",
            "订单{order}不想要了，麻烦取消。{reason}",
        ],
        "cancel_gist": ["我的订单不要了", "别给我发货了，我要取消订单"],
        "cancel_all": [
            "没发货的订单我一个都不要了，全部取消。{reason}",
            "还没发的都别发了，所有待发订单都取消。{reason}",
        ],
        "return": [
            "不是整个订单{order}，只退{items}。钱退到{payment}，不要新卡",
            "订单{order}里的{items}我不想留了，请退掉，钱退到{payment}",
            "订单{order}只退{items}，别的不退。退款到{payment}",
        ],
        "return_gist": ["收到的东西我不想留了", "收到的东西不合适，我要退"],
        "exchange": [
            "订单{order}里的不对：{changes}，别的不要动。差价用{payment}",
            "订单{order}我不退，只是换货：{changes}。差价用{payment}，不用新卡",
        ],
        "exchange_gist": ["我不要退款，我要换货", "收到的不对——不是退货，是换货"],
        "modify_items": [
            "订单{order}先别这样发：{changes}。差价用{payment}",
            "订单{order}还不对——请{changes}，别的不改。差价用{payment}",
        ],
        "modify_items_gist": ["先别发我的订单，里面有个商品选错了", "待发订单里选的商品我不要了，能换吗？"],
        "address": [
            "订单{order}别寄到旧地址——寄到{address}",
            "订单{order}寄的地方不对。正确地址是{address}",
            "订单{order}不是原来的地址：请寄到{address}",
        ],
        "address_gist": ["别把我的订单寄到旧地址", "我的订单寄的地址不对"],
        "payment": [
            "订单{order}不想用原来的方式付了——改成{payment}",
            "订单{order}不用原来的付款方式：用{payment}付",
        ],
        "payment_gist": ["订单不想用原来的方式付了", "订单的付款方式不是我想要的"],
        "yes": ["没问题，办吧", "不介意，办理吧", "没什么不对的，可以", "没有异议，办吧"],
        "no": ["不对，不是这个", "不太对", "不是——不是这个"],
        "also": ["别忘了：{request}", "还没完：{request}"],
        "done": ["没有了，就这些", "没别的了"],
        "already": ["我不是说过了吗？", "不再说一遍了——第一条消息里有"],
        "order_ref": ["{id}", "{id}，不是别的", "是{id}"],
        "order_desc": ["有{item}的那单，不是另一单", "买了{item}的那个订单"],
        "everything": ["全部，一件不留", "整单都要"],
        "except": ["全部，但不要{item}", "除了{item}都要——{item}别动"],
        "change_one": ["{item}换成{new}，别的不换", "把{item}换成{new}"],
        "reason_no_longer_needed": ["不需要了", "用不上了"],
        "reason_ordered_by_mistake": ["不是故意下的，下错了", "下错单了"],
        "paypal": ["PayPal，不是卡", "我的PayPal"],
        "credit_card": ["尾号{last_four}的{brand}，不是别的卡", "{brand}卡，尾号{last_four}"],
        "gift_card": ["礼品卡，不是银行卡", "礼品卡"],
        "original": ["原来的方式，不要新的", "原路退回"],
        "option_no": ["不带{key}的", "不要有{key}的"],
        "option_yes": ["带{key}的", "不要没有{key}的"],
        "same_street": ["街道不变，只是{unit}", "同一条街，就是{unit}"],
        "same_as_order": ["不是新地址——订单{order}的地址", "订单{order}的地址"],
        "hedge": ["（{item}不退）", "（{item}别动）"],
        "same": ["一样的，不要别的", "不变，同款"],
        "correction": ["不对，不是那个——{what}", "我不是这么说的：{what}"],
        "if_unavailable_cancel": ["，不行的话就取消订单", "，做不到的话这单我就不要了"],
        "if_unavailable_return": ["，换不了就别换了，退款", "，不然我就退货"],
    },
}

FAMILY21_PRODUCTS: dict[str, tuple[list[str], list[str]]] = {
    "Wall Clock": (["часы на стену"], ["墙上的钟"]),
    "Pet Bed": (["лежанку для питомца"], ["宠物窝"]),
    "Skateboard": (["скейтборд"], ["滑板车板"]),
    "Smart Thermostat": (["умный термостат"], ["智能恒温器"]),
    "Patio Umbrella": (["зонт для террасы"], ["户外遮阳伞"]),
    "Perfume": (["парфюм"], ["香氛"]),
    "Vacuum Cleaner": (["пылесосик"], ["吸尘机"]),
    "Sneakers": (["кеды"], ["板鞋"]),
    "Notebook": (["тетрадку"], ["本子"]),
    "Grill": (["гриль-барбекю"], ["烧烤架"]),
}
