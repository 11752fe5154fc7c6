"""A twentieth way simulated customers talk (``family`` 19): the held-out from session 34 on, written before any
transcript of it was read (family 18, the held-out before it, was read and tuned on in session 33).

Customers here bring numbers nobody asked for: what they paid ("I paid $54.99 for it"), when they ordered or got
it ("ordered on March 3", "arrived 4 days ago"), the case number of an earlier contact ("case 48213 from my last
chat"), a phone number to call back on, a time of day ("before 5 pm"), how long they have been customers; the
number the bot does need (order, zip, card's last four) sits among them. Russian with "заплатила 54,99 $",
"заказывала 3 марта", "обращение № 48213", "перезвоните на …"; Chinese with "花了54.99美元", "3月3号下的单",
"工单号48213", "回电…". The noise values vary by seed (``numbers``). Product words of their own
(FAMILY19_PRODUCTS).
"""

from __future__ import annotations

import random

_MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"],
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября"],
}


def numbers(lang: str, rng: random.Random) -> dict[str, str]:
    """The numbers one message of this family brings besides the ones the bot asked for."""
    month, day = rng.randrange(10), rng.randint(1, 28)
    date = {"en": f"{_MONTHS['en'][month]} {day}", "ru": f"{day} {_MONTHS['ru'][month]}", "zh": f"{month + 1}月{day}号"}
    cents = rng.choice(["99", "49", "00", "95"])
    price = f"{rng.randint(12, 480)}{',' if lang == 'ru' else '.'}{cents}"
    return {
        "price": price,
        "date": date[lang],
        "days": str(rng.randint(2, 9)),
        "case": str(rng.randint(10_000, 999_999)),
        "phone": f"555-01{rng.randint(10, 99)}",
        "hour": str(rng.randint(2, 6)),
        "years": str(rng.randint(2, 12)),
        "times": str(rng.randint(2, 4)),
    }


# lang -> key -> templates. Same keys and fields as phrasebook.T, plus the noise fields of ``numbers``.
FAMILY19: dict[str, dict[str, list[str]]] = {
    "en": {
        "name_zip": [
            "{first} {last}, zip {zip}. My previous case number was {case} if that helps",
            "it's {first} {last} — I've been with you {years} years — and the zip code is {zip}",
            "name {first} {last}, zip {zip}; best number to reach me is {phone}",
        ],
        "email": [
            "{email} (I ordered on {date}, if you need that)",
            "my email is {email}, and my phone is {phone}",
            "{email}. I've contacted you {times} times about this",
        ],
        "cancel": [
            "Hi, I ordered on {date} and paid ${price}. I'd like to cancel order {order}. {reason}",
            "Case {case} from my last chat was never closed, so again: please cancel order {order}. {reason}",
            "Hello, please cancel order {order} — it's been {days} days and nothing has shipped. {reason}",
        ],
        "cancel_gist": [
            "Hi, I placed an order on {date} for ${price} and I'd like to cancel it",
            "hello, I need to cancel an order I made {days} days ago",
        ],
        "cancel_all": [
            "Please cancel all of my orders that haven't shipped yet — I placed {times} of them since {date}. {reason}",
            "I'd like every pending order cancelled, I've waited {days} days. {reason}",
        ],
        "return": [
            "Hi, order {order} arrived {days} days ago. I'd like to return {items} (paid ${price}). "
            "Refund to {payment}",
            "I want to send back {items} from order {order}, delivered on {date}. Refund to {payment}, please",
            "Return request: {items} from order {order}. I paid ${price}; the refund should go to {payment}",
        ],
        "return_gist": [
            "Hi, I got a package {days} days ago and want to return something from it",
            "I'd like to return an item I paid ${price} for",
        ],
        "exchange": [
            "Order {order} came on {date}. I'd like to exchange {changes}; charge any difference to {payment}",
            "Hi, I've had order {order} for {days} days and need to exchange {changes}. Use {payment} for any "
            "difference",
        ],
        "exchange_gist": [
            "I received my order {days} days ago and need to exchange an item",
            "hi, something I bought on {date} needs to be exchanged",
        ],
        "modify_items": [
            "Order {order} was placed on {date} and hasn't shipped. Please change {changes}; difference to {payment}",
            "I ordered {days} days ago and it's still pending: order {order}, change {changes}, "
            "pay the difference with {payment}",
        ],
        "modify_items_gist": [
            "I placed an order on {date} and want to change an item before it ships",
            "my order from {days} days ago has the wrong item, can I change it?",
        ],
        "address": [
            "Please send order {order} to {address} instead — I'm home after {hour} pm",
            "I moved on {date}. Order {order} should go to {address}",
            "Order {order} (paid ${price}) needs to go to {address}, please",
        ],
        "address_gist": [
            "I moved {days} days ago and my order has the old address on it",
            "hi, I need to change the delivery address of an order I placed on {date}",
        ],
        "payment": [
            "For order {order} (${price}) I'd like to pay with {payment} instead",
            "Please switch the payment of order {order} to {payment}, I ordered it on {date}",
        ],
        "payment_gist": [
            "I want to change how I paid the ${price} for an order",
            "can I change the payment method on an order from {date}?",
        ],
        "yes": ["yes, that's right", "correct, go ahead", "yes — all {times} details are right, please do it"],
        "no": ["no, that's wrong", "no, that isn't what I asked for", "no, not that"],
        "also": ["also, {request}", "one more thing: {request}"],
        "done": ["that's all, thank you", "nothing else, thanks"],
        "already": ["I gave you that already", "that's in my first message"],
        "order_ref": ["{id}", "it's {id}, placed on {date}", "order {id} — the one for ${price}"],
        "order_desc": ["the one with the {item}, from {date}", "the order where I bought the {item}"],
        "everything": ["all of it", "everything in it"],
        "except": ["everything except the {item}", "all of it, but I'm keeping the {item}"],
        "change_one": ["the {item} for {new}", "swap the {item} to {new}"],
        "reason_no_longer_needed": [
            "I don't need it anymore",
            "I no longer need it, it's been {days} days",
        ],
        "reason_ordered_by_mistake": ["I ordered it by mistake", "I ordered it by mistake on {date}"],
        "paypal": ["PayPal", "to my PayPal"],
        "credit_card": ["my {brand} ending in {last_four}", "the {brand} card ending {last_four}"],
        "gift_card": ["my gift card", "the gift card"],
        "original": ["the original payment method", "the way I paid"],
        "option_no": ["one without {key}", "the one with no {key}"],
        "option_yes": ["one with {key}", "the {key} one"],
        "same_street": ["same street, just {unit}", "the same address but {unit}"],
        "same_as_order": ["the address from order {order}", "same address as order {order}"],
        "hedge": [", but I'm keeping the {item}", " — not the {item}, I'll keep that"],
        "same": ["the same one", "same again"],
        "correction": ["sorry, I meant {what}", "correction: {what}"],
        "if_unavailable_cancel": [", and if that's not possible, cancel the order", " — if not, cancel it"],
        "if_unavailable_return": [", and if there's no exchange, just refund me", " — otherwise a return is fine"],
    },
    "ru": {
        "name_zip": [
            "{first} {last}, индекс {zip}. Прошлое обращение было № {case}, если что",
            "{first} {last}, я ваш клиент уже {years} лет, индекс {zip}",
            "{first} {last}, индекс {zip}. Телефон для связи {phone}",
        ],
        "email": [
            "{email} (заказывала {date}, если нужно)",
            "почта {email}, телефон {phone}",
            "{email}. Пишу уже {times}-й раз",
        ],
        "cancel": [
            "Здравствуйте, заказывала {date}, заплатила {price} $. Отмените, пожалуйста, заказ {order}. {reason}",
            "Обращение № {case} так и не закрыли, поэтому ещё раз: отмените заказ {order}. {reason}",
            "Здравствуйте, отмените заказ {order}, уже {days} дней прошло, а ничего не отправлено. {reason}",
        ],
        "cancel_gist": [
            "Здравствуйте, оформила заказ {date} на {price} $ и хочу его отменить",
            "хочу отменить заказ, который сделала {days} дней назад",
        ],
        "cancel_all": [
            "Отмените все мои неотправленные заказы — с {date} их набралось {times}. {reason}",
            "Хочу отменить все заказы, которые ещё не отправлены, жду уже {days} дней. {reason}",
        ],
        "return": [
            "Здравствуйте, заказ {order} пришёл {days} дней назад. Хочу вернуть {items} (платила {price} $). "
            "Деньги на {payment}",
            "Хочу вернуть {items} из заказа {order}, доставили {date}. Деньги на {payment}, пожалуйста",
            "Возврат: {items} из заказа {order}. Заплатила {price} $, деньги верните на {payment}",
        ],
        "return_gist": [
            "Здравствуйте, {days} дней назад пришла посылка, хочу кое-что вернуть",
            "хочу вернуть товар, за который заплатила {price} $",
        ],
        "exchange": [
            "Заказ {order} пришёл {date}. Хочу обменять {changes}, разницу — с {payment}",
            "Здравствуйте, заказ {order} у меня {days} дней, нужно обменять {changes}. Разница — с {payment}",
        ],
        "exchange_gist": [
            "получила заказ {days} дней назад, нужно обменять товар",
            "вещь, купленную {date}, надо обменять",
        ],
        "modify_items": [
            "Заказ {order} оформлен {date} и ещё не отправлен. Поменяйте {changes}, разницу — с {payment}",
            "заказывала {days} дней назад, заказ {order} ещё не отправлен: поменяйте {changes}, "
            "разницу спишите с {payment}",
        ],
        "modify_items_gist": [
            "оформила заказ {date}, хочу поменять товар, пока не отправили",
            "в заказе, который я сделала {days} дней назад, не тот товар, можно поменять?",
        ],
        "address": [
            "Отправьте заказ {order} на {address}, я дома после {hour} вечера",
            "Я переехала {date}. Заказ {order} должен идти на {address}",
            "Заказ {order} (платила {price} $) нужно отправить на {address}",
        ],
        "address_gist": [
            "я переехала {days} дней назад, а в заказе старый адрес",
            "нужно поменять адрес доставки заказа от {date}",
        ],
        "payment": [
            "Заказ {order} ({price} $) хочу оплатить через {payment}",
            "Поменяйте оплату заказа {order} на {payment}, заказывала {date}",
        ],
        "payment_gist": [
            "хочу поменять, чем оплатила {price} $ за заказ",
            "можно поменять способ оплаты заказа от {date}?",
        ],
        "yes": ["да, всё верно", "верно, делайте", "да — все {times} пункта правильные, оформляйте"],
        "no": ["нет, неверно", "нет, я не это просила", "нет, не то"],
        "also": ["и ещё: {request}", "ещё одно: {request}"],
        "done": ["это всё, спасибо", "больше ничего, спасибо"],
        "already": ["я это уже писала", "это в моём первом сообщении"],
        "order_ref": ["{id}", "{id}, от {date}", "заказ {id} — тот, что на {price} $"],
        "order_desc": ["тот, где {item}, от {date}", "заказ, в котором {item}"],
        "everything": ["всё", "весь заказ"],
        "except": ["всё, кроме {item}", "всё, но {item} оставлю"],
        "change_one": ["{item} на {new}", "поменять {item} на {new}"],
        "reason_no_longer_needed": ["мне он больше не нужен", "уже не нужен, {days} дней прошло"],
        "reason_ordered_by_mistake": ["заказала по ошибке", "заказала по ошибке {date}"],
        "paypal": ["PayPal", "на PayPal"],
        "credit_card": ["карта {brand} на {last_four}", "на карту {brand}, последние цифры {last_four}"],
        "gift_card": ["подарочная карта", "на подарочную карту"],
        "original": ["туда же, откуда платила", "исходный способ оплаты"],
        "option_no": ["без {key}", "модель без {key}"],
        "option_yes": ["с {key}", "модель с {key}"],
        "same_street": ["улица та же, только {unit}", "тот же адрес, но {unit}"],
        "same_as_order": ["адрес из заказа {order}", "тот же адрес, что в заказе {order}"],
        "hedge": [", но {item} оставлю", " — только не {item}, его оставлю"],
        "same": ["такой же", "то же самое"],
        "correction": ["извините, я имела в виду {what}", "поправка: {what}"],
        "if_unavailable_cancel": [", а если нельзя — отмените заказ", ", если не получится — отмена"],
        "if_unavailable_return": [", а если обмена нет — верните деньги", ", иначе — возврат"],
    },
    "zh": {
        "name_zip": [
            "{first} {last}，邮编{zip}。上次的工单号是{case}，供参考",
            "{first} {last}，我是{years}年的老客户了，邮编{zip}",
            "{first} {last}，邮编{zip}，联系电话{phone}",
        ],
        "email": [
            "{email}（我是{date}下的单，需要的话）",
            "邮箱{email}，电话{phone}",
            "{email}。这已经是第{times}次联系你们了",
        ],
        "cancel": [
            "你好，我{date}下的单，付了{price}美元。请取消订单{order}。{reason}",
            "上次的工单{case}一直没处理，再说一次：请取消订单{order}。{reason}",
            "你好，订单{order}请取消，已经{days}天了还没发货。{reason}",
        ],
        "cancel_gist": ["你好，我{date}下了一单，花了{price}美元，想取消", "我想取消{days}天前下的订单"],
        "cancel_all": [
            "请把我没发货的订单都取消，{date}以来下了{times}单。{reason}",
            "没发货的订单全部取消吧，已经等了{days}天。{reason}",
        ],
        "return": [
            "你好，订单{order}是{days}天前到的。想退{items}（付了{price}美元），退款到{payment}",
            "订单{order}里的{items}想退，{date}送到的。钱退到{payment}",
            "退货：订单{order}的{items}。付了{price}美元，退款请退到{payment}",
        ],
        "return_gist": ["你好，{days}天前收到的包裹，里面有东西想退", "我想退一个花了{price}美元买的东西"],
        "exchange": [
            "订单{order}是{date}到的。想换{changes}，差价用{payment}",
            "你好，订单{order}收到{days}天了，需要换{changes}。差价走{payment}",
        ],
        "exchange_gist": ["{days}天前收到的订单，有个商品要换", "{date}买的东西需要换一下"],
        "modify_items": [
            "订单{order}是{date}下的，还没发货。请{changes}，差价用{payment}",
            "{days}天前下的单还没发：订单{order}，{changes}，差价用{payment}付",
        ],
        "modify_items_gist": ["我{date}下的单，想在发货前改个商品", "{days}天前的订单商品选错了，能改吗？"],
        "address": [
            "订单{order}请改寄到{address}，我下午{hour}点以后在家",
            "我{date}搬家了。订单{order}应该寄到{address}",
            "订单{order}（付了{price}美元）请寄到{address}",
        ],
        "address_gist": ["我{days}天前搬家了，订单上还是旧地址", "你好，{date}下的订单要改收货地址"],
        "payment": [
            "订单{order}（{price}美元）想改用{payment}付",
            "订单{order}的付款方式请改成{payment}，是{date}下的单",
        ],
        "payment_gist": ["订单那{price}美元想换个方式付", "{date}的订单能改付款方式吗？"],
        "yes": ["对，没错", "正确，办吧", "对，{times}项都对，请办理"],
        "no": ["不对", "不对，我不是要这个", "不是这个"],
        "also": ["另外，{request}", "还有一件事：{request}"],
        "done": ["就这些，谢谢", "没别的了，谢谢"],
        "already": ["我已经给过了", "第一条消息里就有"],
        "order_ref": ["{id}", "{id}，{date}下的", "订单{id}，{price}美元那单"],
        "order_desc": ["有{item}的那单，{date}下的", "买{item}的那个订单"],
        "everything": ["全部", "整单"],
        "except": ["除了{item}都要", "全部，{item}留着"],
        "change_one": ["{item}换成{new}", "把{item}换成{new}"],
        "reason_no_longer_needed": ["不需要了", "已经{days}天了，用不上了"],
        "reason_ordered_by_mistake": ["下错单了", "{date}不小心下错了"],
        "paypal": ["PayPal", "退到PayPal"],
        "credit_card": ["尾号{last_four}的{brand}", "{brand}卡，尾号{last_four}"],
        "gift_card": ["礼品卡", "退到礼品卡"],
        "original": ["原路退回", "原来的付款方式"],
        "option_no": ["不带{key}的", "没有{key}的款"],
        "option_yes": ["带{key}的", "有{key}的款"],
        "same_street": ["街道不变，就是{unit}", "地址一样，只是{unit}"],
        "same_as_order": ["订单{order}的地址", "跟订单{order}一样的地址"],
        "hedge": ["，{item}留着", "（{item}不退）"],
        "same": ["一样的", "同款"],
        "correction": ["不好意思，我是说{what}", "更正：{what}"],
        "if_unavailable_cancel": ["，不行的话就取消订单", "，做不到就取消"],
        "if_unavailable_return": ["，换不了就退款", "，不然就退货"],
    },
}

FAMILY19_PRODUCTS: dict[str, tuple[list[str], list[str]]] = {
    "Bluetooth Speaker": (["блютуз-колонку"], ["蓝牙小音箱"]),
    "Coffee Maker": (["кофеварку капельную"], ["咖啡壶"]),
    "Office Chair": (["стул для офиса"], ["办公座椅"]),
    "Running Shoes": (["беговые кроссы"], ["跑步鞋子"]),
    "Tablet": (["планшетик"], ["平板电脑"]),
    "Headphones": (["большие наушники"], ["头戴耳机"]),
    "Portable Charger": (["внешний аккумулятор"], ["移动电源"]),
    "Hiking Boots": (["ботинки для походов"], ["登山靴子"]),
    "Air Purifier": (["очиститель воздуха"], ["空气净化机"]),
    "Mechanical Keyboard": (["механику"], ["机械键盘"]),
}
