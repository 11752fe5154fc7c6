"""How simulated customers say things, in en/ru/zh, several ways each; which way is chosen by the seed.

Written apart from the bot's own phrase tables and catalogue names (hotline/store/catalog_names.py) on
purpose: the customer's Russian and Chinese product names are this file's, partly other words than the
bot's. Templates are grouped in two halves (``family`` 0 and 1): tuning runs use family 0, held-out runs
family 1 (and other seeds), so a number on the held-out half is on phrasings the tuning never saw. Families 2,
3 and 4 (their own files) were written later, each before the bot met it, for held-out numbers once the
earlier ones had been read; family 5 is a tuning set written while family 4 was the held-out; families 6 to 12
were each the held-out in turn (family 12 from session 26 on), the one before becoming a tuning set once it was
read.
"""

from __future__ import annotations

import random
import re
from typing import Any

from hotline.evaluation.simulate.phrasebook_families import (
    LATER_FAMILIES,
    NOISE,
    SCRIPT,
    SHORTENED,
    SPOKEN,
    TYPOS,
)
from hotline.evaluation.simulate.phrasebook_family8 import SPOKEN_FIELDS, spoken
from hotline.evaluation.simulate.phrasebook_typos import typed_in_a_hurry
from hotline.languages.script import converter

# -- the customer's own names for products (ru, zh) --
PRODUCTS: dict[str, tuple[list[str], list[str]]] = {
    "Action Camera": (["экшн-камеру", "экшн камеру"], ["运动相机"]),
    "Air Purifier": (["очиститель воздуха", "воздухоочиститель"], ["空气净化器"]),
    "Backpack": (["рюкзак"], ["背包", "双肩包"]),
    "Bicycle": (["велосипед"], ["自行车"]),
    "Bluetooth Speaker": (["блютуз-колонку", "колонку"], ["蓝牙音箱"]),
    "Bookshelf": (["книжную полку", "стеллаж для книг"], ["书架"]),
    "Coffee Maker": (["кофеварку"], ["咖啡机"]),
    "Cycling Helmet": (["велошлем", "шлем"], ["骑行头盔", "头盔"]),
    "Desk Lamp": (["настольную лампу"], ["台灯"]),
    "Digital Camera": (["цифровой фотоаппарат", "фотоаппарат"], ["数码相机"]),
    "Dumbbell Set": (["набор гантелей", "гантели"], ["哑铃套装", "哑铃"]),
    "E-Reader": (["электронную книгу", "читалку"], ["电子书阅读器", "电纸书"]),
    "Electric Kettle": (["электрочайник", "электрический чайник"], ["电热水壶"]),
    "Electric Toothbrush": (["электрическую зубную щётку", "зубную щётку"], ["电动牙刷"]),
    "Espresso Machine": (["кофемашину эспрессо", "эспрессо-машину"], ["意式咖啡机"]),
    "Fleece Jacket": (["флисовую куртку", "флиску"], ["抓绒外套"]),
    "Gaming Mouse": (["игровую мышь", "игровую мышку"], ["游戏鼠标"]),
    "Garden Hose": (["садовый шланг", "шланг"], ["花园水管", "浇花水管"]),
    "Grill": (["гриль"], ["烤架", "烧烤炉"]),
    "Headphones": (["наушники"], ["头戴式耳机", "耳机"]),
    "Hiking Boots": (["походные ботинки", "треккинговые ботинки"], ["登山鞋"]),
    "Indoor Security Camera": (["камеру видеонаблюдения"], ["室内监控摄像头", "摄像头"]),
    "Jigsaw Puzzle": (["пазл"], ["拼图"]),
    "LED Light Bulb": (["светодиодную лампочку", "лампочку"], ["LED灯泡"]),
    "Laptop": (["ноутбук"], ["笔记本电脑"]),
    "Luggage Set": (["набор чемоданов", "чемоданы"], ["行李箱套装", "行李箱"]),
    "Makeup Kit": (["набор косметики", "косметичку"], ["化妆套装"]),
    "Mechanical Keyboard": (["механическую клавиатуру", "клавиатуру"], ["机械键盘"]),
    "Notebook": (["блокнот"], ["笔记本", "记事本"]),
    "Office Chair": (["офисное кресло", "кресло"], ["办公椅"]),
    "Patio Umbrella": (["садовый зонт", "зонт для патио"], ["庭院遮阳伞", "遮阳伞"]),
    "Perfume": (["духи", "парфюм"], ["香水"]),
    "Pet Bed": (["лежанку для питомца", "лежанку"], ["宠物床"]),
    "Portable Charger": (["пауэрбанк", "портативную зарядку"], ["充电宝"]),
    "Running Shoes": (["беговые кроссовки"], ["跑鞋"]),
    "Skateboard": (["скейтборд", "скейт"], ["滑板"]),
    "Smart Thermostat": (["умный термостат", "термостат"], ["智能温控器"]),
    "Smart Watch": (["умные часы", "смарт-часы"], ["智能手表"]),
    "Smartphone": (["смартфон"], ["智能手机", "手机"]),
    "Sneakers": (["кроссовки", "кеды"], ["运动鞋"]),
    "Sunglasses": (["солнцезащитные очки"], ["太阳镜", "墨镜"]),
    "T-Shirt": (["футболку"], ["T恤"]),
    "Tablet": (["планшет"], ["平板电脑"]),
    "Tea Kettle": (["чайник"], ["茶壶"]),
    "Vacuum Cleaner": (["пылесос"], ["吸尘器"]),
    "Wall Clock": (["настенные часы"], ["挂钟"]),
    "Water Bottle": (["бутылку для воды", "бутылку"], ["水瓶"]),
    "Wireless Earbuds": (["беспроводные наушники"], ["无线耳机"]),
    "Wristwatch": (["наручные часы"], ["手表"]),
    "Yoga Mat": (["коврик для йоги"], ["瑜伽垫"]),
}

# Templates: lang -> key -> (family 0, family 1). Fields in braces are filled by the customer.
T: dict[str, dict[str, tuple[list[str], list[str]]]] = {
    "en": {
        "name_zip": (
            ["My name is {first} {last} and my zip code is {zip}.", "I'm {first} {last}, zip {zip}."],
            [
                "{first} {last}, zip code {zip}.",
                "This is {first} {last}. My zip is {zip}.",
                "Name's {first} {last}, {zip}.",
            ],
        ),
        "email": (
            ["My email is {email}.", "It's {email}."],
            ["You'll find me under {email}.", "{email}", "The account email is {email}."],
        ),
        "cancel": (
            ["I want to cancel order {order} because {reason}.", "Please cancel {order}, {reason}."],
            ["Cancel {order} for me, {reason}.", "I'd like {order} cancelled — {reason}."],
        ),
        "cancel_gist": (["I need to cancel an order."], ["Can you cancel something I ordered?"]),
        "cancel_all": (
            ["Cancel all my pending orders, {reason}."],
            ["Please cancel every pending order I have: {reason}."],
        ),
        "return": (
            [
                "I'd like to return {items} from order {order}, refund to {payment}.",
                "Please return {items} from {order}. Refund to {payment}.",
            ],
            [
                "Return {items} in {order}, and put the money back on {payment}.",
                "I want to send back {items} from {order}; refund it to {payment}.",
            ],
        ),
        "return_gist": (["I want to return some items."], ["I'd like to send a few things back."]),
        "exchange": (
            [
                "I want to exchange {changes} in order {order}. Use {payment} for any difference.",
                "For order {order}, please exchange {changes}; {payment} for the difference.",
            ],
            [
                "Could I swap {changes} from {order}? Charge or refund {payment}.",
                "In {order} I'd like to exchange {changes}, paying the difference with {payment}.",
            ],
        ),
        "exchange_gist": (["I want to exchange an item."], ["I need to swap something I got."]),
        "modify_items": (
            [
                "For my pending order {order}, please change {changes}. Use {payment} for the difference.",
                "I'd like to modify {order}: {changes}, with {payment} for any difference.",
            ],
            [
                "Before {order} ships, switch {changes}; {payment} covers the difference.",
                "In {order}, change {changes} please, difference on {payment}.",
            ],
        ),
        "modify_items_gist": (
            ["I want to change an item in an order that hasn't shipped."],
            ["Can I change what I ordered before it ships?"],
        ),
        "address": (
            [
                "Please change the shipping address of {order} to {address}.",
                "I need order {order} shipped to {address} instead.",
            ],
            ["Send {order} to {address}, please.", "The address for {order} should be {address}."],
        ),
        "address_gist": (["I need to change a shipping address."], ["My order has to go to another address."]),
        "payment": (
            ["Please switch the payment of {order} to {payment}.", "I want to pay for {order} with {payment} instead."],
            ["Change the payment method on {order} to {payment}.", "Can {order} be charged to {payment} instead?"],
        ),
        "payment_gist": (["I want to change how I pay for an order."], ["I'd like to use another payment method."]),
        "yes": (["Yes, please.", "Yes, go ahead."], ["Yep, do it.", "Correct, please proceed.", "Sure, that's right."]),
        "no": (["No, that's not what I want."], ["No, that's wrong."]),
        "also": (["Also: {request}", "One more thing. {request}"], ["Next, {request}", "And another thing: {request}"]),
        "done": (["That's all, thank you!"], ["Great, that's everything."]),
        "already": (["I already told you that."], ["I said that already."]),
        "order_ref": (["order {id}", "{id}"], ["order number {id}", "{id}"]),
        "order_desc": (["my order with the {item}"], ["the order that has the {item}"]),
        "everything": (["everything in it", "all the items"], ["all of it", "the whole order"]),
        "except": (["everything except the {item}"], ["all of it apart from the {item}"]),
        "change_one": (
            ["the {item} to {new}", "the {item}: I'd like {new} instead", "replace the {item} with a {new} version"],
            ["the {item} for the {new} one"],
        ),
        "reason_no_longer_needed": (
            ["I no longer need it", "I don't need it anymore", "I found it cheaper elsewhere", "I've changed my mind"],
            ["I won't need it after all", "it's not needed any more"],
        ),
        "reason_ordered_by_mistake": (
            ["I ordered it by mistake", "it was a mistake", "I clicked the wrong button", "I ordered the wrong thing"],
            ["I placed it by accident", "I ordered it accidentally"],
        ),
        "paypal": (["my PayPal", "PayPal"], ["my paypal account", "paypal"]),
        "credit_card": (
            ["the credit card ending in {last_four}", "my card ending {last_four}"],
            ["my {brand} ending in {last_four}", "the card that ends with {last_four}"],
        ),
        "gift_card": (["my gift card", "the gift card"], ["gift card balance", "my store gift card"]),
        "original": (["the original payment method"], ["the way I paid originally"]),
        "option_no": (["without {key}"], ["no {key}"]),
        "same_street": (["same street, just {unit}"], ["the same address but {unit}"]),
        "same_as_order": (["the same address as my order {order}"], ["wherever {order} is going, same address"]),
        "hedge": ([" (but don't do anything about the {item} yet)"], [", leave the {item} alone for now"]),
        "option_yes": (["with {key}"], ["with {key}"]),
        "same": (["the same one"], ["an identical one"]),
        "correction": (
            ["No, I meant {what}.", "No, not like that: {what}."],
            ["Nope, {what}.", "No no, {what}, please."],
        ),
        "if_unavailable_cancel": (
            [" If that isn't available, just cancel the order."],
            [" Should that be out of stock, cancel the whole order instead."],
        ),
        "if_unavailable_return": (
            [" If it's not available, I'll return it instead."],
            [" In case you don't have it, just refund it."],
        ),
    },
    "ru": {
        "name_zip": (
            ["Меня зовут {first} {last}, индекс {zip}.", "Я {first} {last}, почтовый индекс {zip}."],
            ["{first} {last}, индекс {zip}.", "Это {first} {last}. Мой индекс {zip}."],
        ),
        "email": (["Моя почта {email}.", "E-mail: {email}."], ["Почта — {email}", "{email}"]),
        "cancel": (
            ["Хочу отменить заказ {order}, потому что {reason}.", "Отмените, пожалуйста, заказ {order}: {reason}."],
            ["Прошу отменить {order} — {reason}.", "Нужно отменить заказ {order}, {reason}."],
        ),
        "cancel_gist": (["Мне нужно отменить заказ."], ["Можно отменить заказ?"]),
        "cancel_all": (
            ["Отмените все мои заказы, которые ещё не отправлены: {reason}."],
            ["Прошу отменить все мои неотправленные заказы, {reason}."],
        ),
        "return": (
            [
                "Хочу вернуть {items} из заказа {order}, деньги верните на {payment}.",
                "Оформите, пожалуйста, возврат: {items} из заказа {order}, возврат на {payment}.",
            ],
            [
                "Прошу принять возврат: {items}, заказ {order}; деньги на {payment}.",
                "Хочу сдать обратно {items} из {order}, вернуть деньги на {payment}.",
            ],
        ),
        "return_gist": (["Хочу вернуть товар."], ["Мне нужно оформить возврат."]),
        "exchange": (
            [
                "Хочу обменять {changes} в заказе {order}. Разницу — через {payment}.",
                "В заказе {order} прошу обменять {changes}; разницу через {payment}.",
            ],
            [
                "Можно поменять {changes} из заказа {order}? Разница — {payment}.",
                "Обменяйте {changes} в {order}, разницу оплачу через {payment}.",
            ],
        ),
        "exchange_gist": (["Хочу обменять товар."], ["Мне нужен обмен товара."]),
        "modify_items": (
            [
                "В заказе {order}, который ещё не отправлен, замените {changes}. Разницу — через {payment}.",
                "Хочу изменить заказ {order}: {changes}; разница через {payment}.",
            ],
            [
                "Пока {order} не отправили, поменяйте {changes}; разницу через {payment}.",
                "Измените в заказе {order} {changes}, разница — {payment}.",
            ],
        ),
        "modify_items_gist": (
            ["Хочу изменить товар в заказе, который ещё не отправлен."],
            ["Можно поменять товар в заказе до отправки?"],
        ),
        "address": (
            [
                "Измените, пожалуйста, адрес доставки заказа {order} на {address}.",
                "Заказ {order} нужно доставить по адресу {address}.",
            ],
            ["Адрес доставки для {order}: {address}.", "Отправьте заказ {order} на адрес {address}."],
        ),
        "address_gist": (["Мне нужно изменить адрес доставки."], ["Хочу поменять адрес доставки."]),
        "payment": (
            [
                "Смените, пожалуйста, способ оплаты заказа {order} на {payment}.",
                "Хочу оплатить заказ {order} через {payment}.",
            ],
            ["Поменяйте оплату заказа {order} на {payment}.", "Пусть заказ {order} оплачивается через {payment}."],
        ),
        "payment_gist": (["Хочу изменить способ оплаты заказа."], ["Нужно поменять оплату заказа."]),
        "yes": (["Да, пожалуйста.", "Да, всё верно."], ["Да, подтверждаю.", "Да, делайте."]),
        "no": (["Нет, это не то, что я хочу."], ["Нет, неправильно."]),
        "also": (["Ещё: {request}", "И ещё. {request}"], ["Дальше: {request}", "Также {request}"]),
        "done": (["Это всё, спасибо!"], ["Отлично, больше ничего."]),
        "already": (["Я уже это говорил."], ["Я же уже сказал."]),
        "order_ref": (["заказ {id}", "{id}"], ["номер заказа {id}", "{id}"]),
        "order_desc": (["мой заказ, где {item}"], ["заказ, в котором {item}"]),
        "everything": (["всё из заказа", "все товары"], ["весь заказ", "всё"]),
        "except": (["всё, кроме {item}"], ["всё, за исключением {item}"]),
        "change_one": (["{item} на вариант {new}", "вместо {item} — {new}", "{item}: хочу {new}"], ["{item} на {new}"]),
        "reason_no_longer_needed": (
            ["он мне больше не нужен", "мне он уже не нужен", "уже купил в другом месте"],
            ["он больше не нужен", "передумал, не нужен"],
        ),
        "reason_ordered_by_mistake": (
            ["я заказал его по ошибке", "это было ошибкой", "нажал не ту кнопку"],
            ["заказал по ошибке", "оформил случайно, по ошибке"],
        ),
        "paypal": (["мой PayPal", "PayPal"], ["пейпал", "paypal"]),
        "credit_card": (
            ["карту, которая заканчивается на {last_four}", "карту с последними цифрами {last_four}"],
            ["кредитную карту на {last_four}", "карту ...{last_four}"],
        ),
        "gift_card": (["подарочную карту", "мою подарочную карту"], ["подарочный сертификат", "подарочную карту"]),
        "original": (["исходный способ оплаты"], ["тот же способ, которым платил"]),
        "option_no": (["без {key}"], ["без {key}"]),
        "same_street": (["тот же адрес, только {unit}"], ["та же улица, но {unit}"]),
        "same_as_order": (["тот же адрес, что у заказа {order}"], ["туда же, куда идёт заказ {order}"]),
        "hedge": ([" (а {item} пока не трогайте)"], [", {item} пока оставьте как есть"]),
        "option_yes": (["с {key}"], ["с {key}"]),
        "same": (["такой же"], ["точно такой же"]),
        "correction": (
            ["Нет, я имел в виду {what}.", "Нет, не так: {what}."],
            ["Нет-нет, {what}.", "Нет, мне нужно {what}."],
        ),
        "if_unavailable_cancel": (
            [" Если такого нет в наличии, просто отмените заказ."],
            [" А если нет, то отмените весь заказ."],
        ),
        "if_unavailable_return": (
            [" Если такого нет, тогда оформите возврат."],
            [" Если не получится, верните деньги."],
        ),
    },
    "zh": {
        "name_zip": (
            ["我叫{first} {last}，邮编是{zip}。", "我是{first} {last}，邮政编码{zip}。"],
            ["{first} {last}，邮编{zip}。", "名字{first} {last}，邮编{zip}"],
        ),
        "email": (["我的邮箱是{email}。", "邮箱：{email}"], ["邮箱{email}", "{email}"]),
        "cancel": (
            ["我想取消订单{order}，因为{reason}。", "请帮我取消{order}，{reason}。"],
            ["麻烦取消一下{order}，{reason}。", "订单{order}不要了，{reason}。"],
        ),
        "cancel_gist": (["我要取消一个订单。"], ["能帮我取消订单吗？"]),
        "cancel_all": (["把我所有待处理的订单都取消，{reason}。"], ["我还没发货的订单都不要了，{reason}。"]),
        "return": (
            [
                "我想退货：订单{order}里的{items}，退款到{payment}。",
                "请帮我把{order}里的{items}退了，钱退到{payment}。",
            ],
            ["订单{order}的{items}我要退，退款退回{payment}。", "{order}里的{items}想退掉，款项退到{payment}。"],
        ),
        "return_gist": (["我想退货。"], ["我要退几件东西。"]),
        "exchange": (
            ["我想换货：订单{order}里的{changes}，差价用{payment}。", "请把{order}里的{changes}，差价走{payment}。"],
            ["{order}里的{changes}能换吗？差价用{payment}结算。", "订单{order}：{changes}，差价{payment}。"],
        ),
        "exchange_gist": (["我想换个货。"], ["东西想换一下。"]),
        "modify_items": (
            [
                "订单{order}还没发货，请把{changes}，差价用{payment}。",
                "我想修改订单{order}：{changes}，差价走{payment}。",
            ],
            ["{order}发货前帮我改一下：{changes}，差价{payment}。", "订单{order}里{changes}，差价用{payment}付。"],
        ),
        "modify_items_gist": (["我想改一下还没发货的订单里的商品。"], ["没发货的订单能改商品吗？"]),
        "address": (
            ["请把订单{order}的收货地址改成{address}。", "订单{order}要寄到{address}。"],
            ["{order}的地址换成{address}。", "麻烦把{order}改寄到{address}。"],
        ),
        "address_gist": (["我要改收货地址。"], ["订单地址需要修改。"]),
        "payment": (
            ["请把订单{order}的付款方式改成{payment}。", "订单{order}我想用{payment}付款。"],
            ["{order}换成{payment}支付。", "订单{order}的支付方式改为{payment}。"],
        ),
        "payment_gist": (["我想改订单的付款方式。"], ["订单能换个支付方式吗？"]),
        "yes": (["是的，请办理。", "好的，确认。"], ["对，没问题。", "可以，就这样办。"]),
        "no": (["不对，这不是我要的。"], ["不是这样的。"]),
        "also": (["还有：{request}", "另外，{request}"], ["再就是{request}", "还有一件事：{request}"]),
        "done": (["就这些，谢谢！"], ["好的，没别的了。"]),
        "already": (["我已经说过了。"], ["刚才说过了。"]),
        "order_ref": (["订单{id}", "{id}"], ["订单号{id}", "{id}"]),
        "order_desc": (["有{item}的那个订单"], ["买{item}的那个订单"]),
        "everything": (["全部商品", "所有东西"], ["整个订单", "全部"]),
        "except": (["除了{item}以外的全部"], ["除了{item}都退"]),
        "change_one": (["{item}换成{new}的", "{item}要{new}的", "把{item}换个{new}的"], ["{item}改成{new}款"]),
        "reason_no_longer_needed": (
            ["我不再需要了", "不需要了", "已经在别处买了"],
            ["用不上了，不需要了", "我不需要它了"],
        ),
        "reason_ordered_by_mistake": (["我下错单了", "是买错了", "手滑点错了"], ["下单下错了", "不小心买错了"]),
        "paypal": (["我的PayPal", "PayPal"], ["paypal账户", "贝宝PayPal"]),
        "credit_card": (
            ["尾号{last_four}的信用卡", "尾号是{last_four}的卡"],
            ["信用卡尾号{last_four}", "尾号{last_four}那张卡"],
        ),
        "gift_card": (["我的礼品卡", "礼品卡"], ["礼品卡余额", "礼品卡里"]),
        "original": (["原支付方式"], ["原来付款的方式"]),
        "option_no": (["不带{key}"], ["无{key}"]),
        "same_street": (["地址不变，只是{unit}"], ["同一个地址，改成{unit}"]),
        "same_as_order": (["和订单{order}的地址一样"], ["寄到订单{order}的那个地址"]),
        "hedge": (["（{item}先别动）"], ["，{item}暂时不用处理"]),
        "option_yes": (["带{key}"], ["带{key}"]),
        "same": (["同款"], ["一模一样"]),
        "correction": (
            ["不对，我是说{what}。", "不是，我要的是{what}。"],
            ["不不，{what}。", "不对不对，应该是{what}。"],
        ),
        "if_unavailable_cancel": (["如果没货，就直接取消订单。"], ["要是缺货的话，整个订单取消吧。"]),
        "if_unavailable_return": (["如果没有这个款，那就退货。"], ["要是换不了，就退款吧。"]),
    },
}

_ITEM_JOIN = {"en": (", ", " and "), "ru": (", ", " и "), "zh": ("、", "和")}
_COLOURS_RU = {
    "black": "чёрный",
    "white": "белый",
    "blue": "синий",
    "red": "красный",
    "green": "зелёный",
    "silver": "серебристый",
    "gold": "золотой",
    "brown": "коричневый",
    "pink": "розовый",
}
_COLOURS_ZH = {
    "black": "黑色",
    "white": "白色",
    "blue": "蓝色",
    "red": "红色",
    "green": "绿色",
    "silver": "银色",
    "gold": "金色",
    "brown": "棕色",
    "pink": "粉色",
}


# A template's own order word before an order reference that brings one ("订单{order}" with "订单号：#W…", "заказ
# {order}" with "номер заказа: #W…"): said once, as a customer would ("订单号：#W…", "заказ #W…").
_DOUBLED_ORDER = (
    (re.compile(r"订单(?=订单)"), ""),
    (re.compile(r"\b(заказ\w*)\s+(?:номер заказа:?|заказ|ордер)\s+", re.IGNORECASE), r"\1 "),
    (re.compile(r"\b(order)\s+(?:order no\.|order id:|order)\s+", re.IGNORECASE), r"\1 "),
)


def _one_order_word(text: str) -> str:
    for pattern, replacement in _DOUBLED_ORDER:
        text = pattern.sub(replacement, text)
    return text


class Voice:
    """One customer's way of speaking: language, template family and a seeded random source."""

    def __init__(self, lang: str, family: int, rng: random.Random) -> None:
        self.lang, self.family, self.rng = lang, family, rng

    def say(self, template: str, **values: Any) -> str:
        later = LATER_FAMILIES.get(self.family)
        options = later[0][self.lang][template] if later else T[self.lang][template][self.family]
        said = SPOKEN.get(self.family, 0.0)
        if said:
            values = {
                field: spoken(field, str(value), self.lang, self.rng)
                if field in SPOKEN_FIELDS and value and self.rng.random() < said
                else value
                for field, value in values.items()
            }
        noise = NOISE.get(self.family)
        if noise:
            values = {**noise(self.lang, self.rng), **values}
        return _one_order_word(self.rng.choice(options).format(**values))

    def written(self, message: str) -> str:
        """The message as this customer types it (in the family's script, where it has one)."""
        config = SCRIPT.get((self.family, self.lang))
        message = str(converter(config).convert(message)) if config else message
        rate = TYPOS.get(self.family, 0.0)
        return typed_in_a_hurry(message, self.lang, self.rng, rate) if rate else message

    def product(self, name: str) -> str:
        later = LATER_FAMILIES.get(self.family)
        if self.lang == "en":
            words = name.lower().split()
            shorten = SHORTENED.get(self.family, 0.0)
            if shorten and len(words) > 1 and self.rng.random() < shorten:
                return words[-1]  # "the toothbrush"
            if self.family == 4 and self.rng.random() < 0.3:
                return name  # as the catalogue writes it: "Electric Toothbrush"
            return name.lower()
        ru, zh = PRODUCTS.get(name, ([name], [name]))
        if later and name in later[1] and self.rng.random() < 0.5:
            ru, zh = later[1][name]
        return self.rng.choice(ru if self.lang == "ru" else zh)

    def value(self, value: str) -> str:
        table = {"ru": _COLOURS_RU, "zh": _COLOURS_ZH}.get(self.lang, {})
        if value in table and self.rng.random() < 0.5:
            return table[value]
        return value

    def join(self, parts: list[str]) -> str:
        comma, last = _ITEM_JOIN[self.lang]
        if len(parts) <= 1:
            return "".join(parts)
        return comma.join(parts[:-1]) + last + parts[-1]
