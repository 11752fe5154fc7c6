"""A twelfth way simulated customers talk (``family`` 11): the held-out from session 25 on, written before any
transcript of it was read (family 10, the held-out before it, was read and tuned on in session 24).

Customers here are impatient and a little fed up: a complaint or a jab before the request ("third time I'm
writing about this", "honestly, this is getting ridiculous"), a word in capitals, the details as a list on lines
of their own ("- order …\n- …"), a correction inside the same message ("cancel — no wait, return"), short
answers with an edge ("yes. obviously.", "I already said that"). Russian in the same mood ("сколько можно",
"короче", "в третий раз пишу", lists with dashes); Chinese mainland chat with impatience ("怎么回事", "快点",
"说了多少遍了", numbered lists "1. 2."), with product words of their own (FAMILY11_PRODUCTS). No customer here
swears or threatens: this is the unhappy customer a contact centre should still serve, not transfer.
"""

from __future__ import annotations

# lang -> key -> templates. Same keys and fields as phrasebook.T.
FAMILY11: dict[str, dict[str, list[str]]] = {
    "en": {
        "name_zip": [
            "{first} {last}. zip {zip}. can we move on",
            "Name: {first} {last}\nZip: {zip}",
            "It's {first} {last}, zip {zip} — same as every time.",
        ],
        "email": [
            "{email}. it's the same one as always",
            "Email: {email}",
            "Fine, it's {email}.",
        ],
        "cancel": [
            "Third time I'm writing about this. Cancel order {order}. {reason}.",
            "Honestly this is getting ridiculous. I need {order} CANCELLED — {reason}.",
            "ok so order {order}:\n- cancel it\n- reason: {reason}",
        ],
        "cancel_gist": [
            "I've been trying to cancel an order for days now.",
            "Why is it so hard to cancel an order here?",
        ],
        "cancel_all": [
            "Just cancel ALL my orders that haven't shipped. {reason}. All of them.",
            "I'm done. Every pending order of mine — cancel them. {reason}.",
        ],
        "return": [
            "Order {order}. I want to send back {items}. Refund to {payment}. Please don't make me repeat it.",
            "ok:\n- order {order}\n- return {items}\n- money back to {payment}",
            "I want to exchange — no wait, RETURN {items} from {order}. Refund to {payment}.",
        ],
        "return_gist": [
            "The stuff I got is not what I expected, I want to return it.",
            "I need to return some things and your site won't let me.",
        ],
        "exchange": [
            "Order {order} came wrong. I want {changes}. Charge any difference to {payment}. Simple as that.",
            "for {order}:\n- {changes}\n- difference on {payment}",
        ],
        "exchange_gist": [
            "You sent me the wrong version of something and I want it exchanged.",
            "I need to swap an item, the one I got is useless to me.",
        ],
        "modify_items": [
            "{order} hasn't shipped, right? Then change it: {changes}. Difference on {payment}.",
            "Before {order} goes out — and it better not have gone out — I want {changes}. Use {payment}.",
        ],
        "modify_items_gist": [
            "I picked the wrong option on an order and there's no button to fix it.",
            "I need to change what's in an order before you ship it.",
        ],
        "address": [
            "Order {order} is going to my OLD address. Send it to {address}.",
            "how many times do I have to update my address. {order} goes to {address}.",
            "Address for {order}:\n{address}\nNot the old one.",
        ],
        "address_gist": [
            "My order is set to go to an address I moved out of ages ago.",
            "The delivery address is wrong on my order and I can't change it myself.",
        ],
        "payment": [
            "I want {order} paid with {payment}. Not what it's on now.",
            "Switch the payment on {order} to {payment}. That's all I'm asking.",
        ],
        "payment_gist": [
            "I need the payment on an order changed and nobody has done it yet.",
            "The wrong payment method is on my order.",
        ],
        "yes": ["yes. obviously.", "Yes, go.", "yes finally", "Yes. Do it."],
        "no": ["No. That's not what I said.", "no, wrong", "No! Read what I wrote."],
        "also": ["And while you're at it: {request}", "Also — {request}"],
        "done": ["No, that's it. Finally.", "that's all. thanks I guess"],
        "already": ["I ALREADY told you that.", "I literally just said that."],
        "order_ref": ["{id}", "order {id}", "#{id}"],
        "order_desc": ["the order with {item}", "the one where I got {item}"],
        "everything": ["everything. the whole order", "all of it"],
        "except": ["everything except {item}", "all of it but keep {item}"],
        "change_one": ["{new} instead of {item}", "swap {item} for {new}"],
        "reason_no_longer_needed": ["I don't need it anymore", "no use for it now"],
        "reason_ordered_by_mistake": ["I ordered it by mistake", "it was a misclick"],
        "paypal": ["paypal", "my PayPal"],
        "credit_card": ["the {brand} card ending {last_four}", "card ending in {last_four}"],
        "gift_card": ["the gift card", "gift card"],
        "original": ["the original payment", "whatever I paid with"],
        "option_no": ["no {key}", "without {key}"],
        "option_yes": ["with {key}", "the one with {key}"],
        "same_street": ["same address, but {unit}", "same building, {unit} now"],
        "same_as_order": ["the address on order {order}", "same place as order {order}"],
        "hedge": [" — and don't touch {item}", ". Leave {item} as it is"],
        "same": ["same as before", "the same"],
        "correction": ["No. {what}.", "Wrong — I said {what}."],
        "if_unavailable_cancel": [
            " If you can't even do that, cancel the whole order.",
            " If it's not available, just cancel the order.",
        ],
        "if_unavailable_return": [
            " If that's not possible, I'll return it.",
            " If you can't, then I'm returning it.",
        ],
    },
    "ru": {
        "name_zip": [
            "{first} {last}, индекс {zip}. Дальше.",
            "Имя: {first} {last}\nИндекс: {zip}",
            "{first} {last}, {zip} — как и в прошлый раз.",
        ],
        "email": ["{email}, та же, что всегда.", "Почта: {email}", "Ладно, {email}."],
        "cancel": [
            "В третий раз пишу. Отмените заказ {order}, {reason}.",
            "Сколько можно! Заказ {order} — ОТМЕНИТЬ, {reason}.",
            "Короче, заказ {order}:\n— отменить\n— причина: {reason}",
        ],
        "cancel_gist": ["Уже который день не могу отменить заказ.", "Почему у вас так сложно отменить заказ?"],
        "cancel_all": [
            "Отмените ВСЕ мои неотправленные заказы, {reason}. Все.",
            "Всё, хватит. Все заказы, которые ещё не ушли, — отменить, {reason}.",
        ],
        "return": [
            "Заказ {order}. Хочу вернуть {items}. Деньги на {payment}. Не заставляйте повторять.",
            "Итак:\n— заказ {order}\n— вернуть {items}\n— деньги на {payment}",
            "Хочу обменять — нет, стоп, ВЕРНУТЬ {items} из заказа {order}. Деньги на {payment}.",
        ],
        "return_gist": ["Пришло совсем не то, что я ждал, хочу вернуть.", "Мне надо кое-что вернуть, а сайт не даёт."],
        "exchange": [
            "Заказ {order} пришёл не такой. Хочу {changes}. Разницу — с {payment}. Всё просто.",
            "По заказу {order}:\n— {changes}\n— разница с {payment}",
        ],
        "exchange_gist": ["Вы прислали не ту модель, хочу обменять.", "Надо поменять товар, этот мне не годится."],
        "modify_items": [
            "Заказ {order} ещё не отправлен, так? Тогда поменяйте: {changes}. Разницу с {payment}.",
            "Пока {order} не ушёл — а он не должен был уйти — хочу {changes}. Платить с {payment}.",
        ],
        "modify_items_gist": [
            "Я выбрал не тот вариант в заказе, а кнопки исправить нет.",
            "Надо изменить состав заказа, пока вы его не отправили.",
        ],
        "address": [
            "Заказ {order} едет на СТАРЫЙ адрес. Отправьте на {address}.",
            "Сколько раз мне менять адрес? Заказ {order} — на {address}.",
            "Адрес для заказа {order}:\n{address}\nНе старый.",
        ],
        "address_gist": [
            "Заказ собираются отправить на адрес, откуда я давно съехал.",
            "В заказе неправильный адрес, а сам я его поменять не могу.",
        ],
        "payment": [
            "Хочу, чтобы заказ {order} был оплачен с {payment}. Не так, как сейчас.",
            "Поменяйте оплату заказа {order} на {payment}. Это всё, о чём я прошу.",
        ],
        "payment_gist": [
            "Мне нужно поменять оплату в заказе, а никто так и не сделал.",
            "В заказе не тот способ оплаты.",
        ],
        "yes": ["Да. Естественно.", "Да, давайте.", "Да, наконец-то.", "Да. Делайте."],
        "no": ["Нет. Я не это сказал.", "нет, неправильно", "Нет! Читайте, что я пишу."],
        "also": ["И заодно: {request}", "Ещё — {request}"],
        "done": ["Нет, всё. Наконец-то.", "Всё. Спасибо, что ли."],
        "already": ["Я это УЖЕ говорил.", "Я только что это написал."],
        "order_ref": ["{id}", "заказ {id}", "№{id}"],
        "order_desc": ["заказ, где {item}", "тот, где я брал {item}"],
        "everything": ["всё. весь заказ", "всё целиком"],
        "except": ["всё, кроме {item}", "всё, а {item} оставлю"],
        "change_one": ["{new} вместо {item}", "{item} поменять на {new}"],
        "reason_no_longer_needed": ["он мне больше не нужен", "мне это уже ни к чему"],
        "reason_ordered_by_mistake": ["заказал по ошибке", "случайно нажал"],
        "paypal": ["PayPal", "мой PayPal"],
        "credit_card": ["карту {brand} на {last_four}", "карту, которая заканчивается на {last_four}"],
        "gift_card": ["подарочную карту", "подарочную карту, да"],
        "original": ["туда, откуда платил", "исходный способ оплаты"],
        "option_no": ["без {key}", "без {key}, да"],
        "option_yes": ["с {key}", "тот, что с {key}"],
        "same_street": ["тот же адрес, но {unit}", "тот же дом, теперь {unit}"],
        "same_as_order": ["адрес из заказа {order}", "туда же, куда заказ {order}"],
        "hedge": [" — и {item} не трогайте", ". {item} оставьте как есть"],
        "same": ["как было", "такой же"],
        "correction": ["Нет. {what}.", "Неправильно — я сказал {what}."],
        "if_unavailable_cancel": [
            " Если даже этого не можете — отмените весь заказ.",
            " Если нет в наличии, отмените заказ.",
        ],
        "if_unavailable_return": [" Если нельзя — верну.", " Не получится — тогда возврат."],
    },
    "zh": {
        "name_zip": [
            "{first} {last}，邮编{zip}。快点吧",
            "姓名：{first} {last}\n邮编：{zip}",
            "{first} {last}，{zip}，每次都是这个",
        ],
        "email": ["{email}，一直都是这个", "邮箱：{email}", "行吧，{email}"],
        "cancel": [
            "这是我第三次说了。订单{order}取消，{reason}。",
            "怎么回事啊，订单{order}赶紧给我取消！{reason}。",
            "订单{order}：\n1. 取消\n2. 原因：{reason}",
        ],
        "cancel_gist": ["一个订单我取消了好几天都没取消成。", "你们这取消个订单怎么这么难？"],
        "cancel_all": ["没发货的订单全部取消，{reason}。全部。", "算了，我所有还没发的订单都取消掉，{reason}。"],
        "return": [
            "订单{order}，{items}我要退，钱退到{payment}。别再让我重复了。",
            "说一下：\n1. 订单{order}\n2. 退{items}\n3. 退款到{payment}",
            "我要换——不对，是退！{order}里的{items}，钱退到{payment}。",
        ],
        "return_gist": ["收到的东西跟描述完全不一样，我要退。", "我要退几样东西，网站上又退不了。"],
        "exchange": [
            "订单{order}发错了，我要{changes}，差价从{payment}扣，就这么简单。",
            "订单{order}：\n1. {changes}\n2. 差价用{payment}",
        ],
        "exchange_gist": ["你们发错款了，我要换。", "东西得换一下，现在这个根本没法用。"],
        "modify_items": [
            "订单{order}还没发货吧？那就改：{changes}，差价用{payment}。",
            "{order}发货之前——最好还没发——我要{changes}，用{payment}付。",
        ],
        "modify_items_gist": ["订单选错规格了，又没有修改的按钮。", "订单发货前我要改一下里面的东西。"],
        "address": [
            "订单{order}要寄到我以前的地址了！改寄到{address}。",
            "地址到底要改几次？订单{order}寄到{address}。",
            "订单{order}的地址：\n{address}\n不是旧的那个。",
        ],
        "address_gist": ["我早就搬走了，订单还要寄到旧地址。", "订单地址错了，我自己又改不了。"],
        "payment": ["订单{order}我要用{payment}付，不要现在这个。", "把订单{order}的付款改成{payment}，就这一件事。"],
        "payment_gist": ["订单的付款方式要改，一直没人处理。", "我订单的付款方式不对。"],
        "yes": ["对，当然。", "是，快办吧。", "对，终于。", "是的，办吧。"],
        "no": ["不对，我不是这么说的。", "不对，错了", "不是！好好看我写的。"],
        "also": ["顺便：{request}", "还有——{request}"],
        "done": ["没了，总算好了。", "就这些，谢了。"],
        "already": ["我已经说过了！", "我刚刚才说的。"],
        "order_ref": ["{id}", "订单{id}", "单号{id}"],
        "order_desc": ["有{item}的那个订单", "我买{item}那单"],
        "everything": ["全部，整个订单", "都退"],
        "except": ["除了{item}都要", "全部，{item}留着"],
        "change_one": ["{item}换成{new}", "{new}代替{item}"],
        "reason_no_longer_needed": ["不需要了", "用不上了"],
        "reason_ordered_by_mistake": ["下错单了", "手滑点错了"],
        "paypal": ["PayPal", "我的PayPal"],
        "credit_card": ["尾号{last_four}的{brand}卡", "尾号{last_four}那张卡"],
        "gift_card": ["礼品卡", "礼品卡就行"],
        "original": ["原路退回", "原来付款的方式"],
        "option_no": ["不要{key}", "没有{key}的"],
        "option_yes": ["要{key}", "带{key}的"],
        "same_street": ["地址一样，但是{unit}", "同一栋楼，现在是{unit}"],
        "same_as_order": ["订单{order}的地址", "跟订单{order}一样"],
        "hedge": ["——{item}别动", "，{item}保持不变"],
        "same": ["跟以前一样", "一样的"],
        "correction": ["不对。{what}。", "错了——我说的是{what}。"],
        "if_unavailable_cancel": ["如果这都办不了，就把整个订单取消。", "没货的话就取消订单。"],
        "if_unavailable_return": ["不行的话我就退货。", "办不了就退货。"],
    },
}

FAMILY11_PRODUCTS: dict[str, tuple[list[str], list[str]]] = {
    "Laptop": (["ноут"], ["笔记本"]),
    "Smartphone": (["смартфон"], ["智能手机"]),
    "Headphones": (["наушники"], ["头戴耳机"]),
    "Sneakers": (["кеды"], ["运动鞋"]),
    "Electric Kettle": (["электрочайник"], ["电热水壶"]),
    "Office Chair": (["офисное кресло"], ["办公椅"]),
    "T-Shirt": (["футболку"], ["短袖"]),
    "Backpack": (["рюкзак"], ["双肩包"]),
    "Desk Lamp": (["настольную лампу"], ["台灯"]),
    "Coffee Maker": (["кофеварку"], ["咖啡机"]),
}
