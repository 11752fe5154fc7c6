"""A twenty-sixth way simulated customers talk (``family`` 25): the held-out at the very end of session 36, written
before any transcript of it was read (family 24, the held-out before it, was read and tuned on in session 36).

Customers here paste what they got from the shop around their request: a forwarded e-mail's header ("Fwd: Your
order {order} has been placed", "From: orders@… Subject: …"), a quoted line ("> Order {order} — status: pending"),
a receipt line ("Order no.: {order} | Items: …"), then the request about "this order" or "the order above", in a
written, slightly formal voice ("Please see below.", "Yes - please proceed.", "No - see my message above."). Russian
with "Пересылаю письмо магазина:", "«Заказ … оформлен»", "по заказу выше"; Chinese with "转发邮件：", "【订单…已发货】",
"上面这个订单". Product words of their own (FAMILY25_PRODUCTS).
"""

from __future__ import annotations

# lang -> key -> templates. Same keys and fields as phrasebook.T.
FAMILY25: dict[str, dict[str, list[str]]] = {
    "en": {
        "name_zip": [
            "Name: {first} {last} | ZIP: {zip}",
            "Account holder: {first} {last}, {zip}",
            "{first} {last} (zip code {zip})",
        ],
        "email": ["Account e-mail: {email}", "E-mail on file: {email}", "It is {email}."],
        "cancel": [
            "Fwd: Your order {order} has been placed. -- Please cancel the order above. Reason: {reason}",
            "> Order {order} - status: pending\nI would like this order cancelled. {reason}",
            "Order no.: {order} | Status: processing soon. Please cancel it before it ships. {reason}",
        ],
        "cancel_gist": [
            "Please see my order confirmation - I need to cancel that order.",
            "I want to cancel an order.",
        ],
        "cancel_all": [
            "Re: your recent orders. Please cancel every order of mine that has not shipped yet. Reason: {reason}",
            "> Orders pending on your account\nCancel all of them, please. {reason}",
        ],
        "return": [
            "Fwd: Your order {order} was delivered. -- I would like to return {items} from the order above. "
            "Refund to {payment}, please.",
            "> Order {order} - delivered\nPlease arrange a return of {items}; the refund should go to {payment}.",
            "Order no.: {order} | Delivered. Return request: {items}. Refund method: {payment}.",
        ],
        "return_gist": [
            "Please see my delivery notice - I need to return something.",
            "I would like to return an item.",
        ],
        "exchange": [
            "Fwd: Your order {order} was delivered. -- I would like to exchange {changes}. Any difference via "
            "{payment}.",
            "> Order {order} - delivered\nExchange request: {changes}. Settle the difference with {payment}.",
        ],
        "exchange_gist": ["Regarding a delivered order: I need to exchange an item.", "I would like an exchange."],
        "modify_items": [
            "Fwd: Your order {order} has been placed. -- Before it ships, please change {changes}. Difference via "
            "{payment}.",
            "> Order {order} - status: pending\nChange request: {changes}. Use {payment} for the difference.",
        ],
        "modify_items_gist": [
            "About an order that has not shipped: I need to change an item in it.",
            "Item change, please.",
        ],
        "address": [
            "Fwd: Your order {order} has been placed. -- Please ship the order above to {address} instead.",
            "> Order {order} - shipping to the address on file\nNew shipping address: {address}.",
        ],
        "address_gist": ["The shipping address on one of my orders is wrong.", "I need to update a shipping address."],
        "payment": [
            "Fwd: Your order {order} has been placed. -- Please charge {payment} for the order above instead.",
            "> Order {order} - payment method on file\nPlease switch the payment to {payment}.",
        ],
        "payment_gist": [
            "I need to change the payment method of an order.",
            "About payment on an order: please change it.",
        ],
        "yes": ["Yes - please proceed.", "Confirmed, go ahead.", "Yes, that is correct.", "Proceed."],
        "no": ["No - see my message above.", "No, that is not what I asked for.", "That is incorrect."],
        "also": ["One more request: {request}", "Separately: {request}"],
        "done": ["That is all. Thank you.", "No further requests, thanks."],
        "already": ["Please see my first message.", "This is in the message above."],
        "order_ref": ["{id}", "order {id}", "order no. {id}"],
        "order_desc": ["the order that contains the {item}", "the order with the {item}"],
        "everything": ["all items", "the entire order"],
        "except": ["all items except the {item}", "everything other than the {item}"],
        "change_one": ["the {item} to {new}", "the {item} -> {new}"],
        "reason_no_longer_needed": ["No longer needed.", "The items are no longer needed."],
        "reason_ordered_by_mistake": ["Ordered by mistake.", "It was ordered in error."],
        "paypal": ["PayPal", "my PayPal account"],
        "credit_card": ["{brand} ending in {last_four}", "the {brand} card ending {last_four}"],
        "gift_card": ["my gift card", "the gift card balance"],
        "original": ["the original payment method", "the method used for the order"],
        "option_no": ["one without {key}", "the version without {key}"],
        "option_yes": ["one with {key}", "the version with {key}"],
        "same_street": ["same street address, {unit}", "the same address, {unit}"],
        "same_as_order": ["the shipping address of order {order}", "the address order {order} was sent to"],
        "hedge": [" (the {item} stays)", "; please leave the {item} as it is"],
        "same": ["the identical item", "the same item again"],
        "correction": ["Correction: {what}", "To correct my request: {what}"],
        "if_unavailable_cancel": ["; if that is not possible, cancel the order", ". Otherwise, cancel it"],
        "if_unavailable_return": ["; if an exchange is not possible, return it", ". Otherwise, a refund"],
    },
    "ru": {
        "name_zip": ["Имя: {first} {last} | Индекс: {zip}", "Владелец аккаунта: {first} {last}, {zip}"],
        "email": ["E-mail аккаунта: {email}", "Почта: {email}."],
        "cancel": [
            "Пересылаю письмо магазина: «Заказ {order} оформлен». Прошу отменить заказ выше. Причина: {reason}",
            "> Заказ {order} — статус: в обработке\nПрошу отменить этот заказ. {reason}",
        ],
        "cancel_gist": ["По подтверждению заказа: нужно отменить этот заказ.", "Хочу отменить заказ."],
        "cancel_all": [
            "По моим последним заказам: прошу отменить все, что ещё не отправлены. Причина: {reason}",
            "> Заказы в ожидании\nОтмените их все, пожалуйста. {reason}",
        ],
        "return": [
            "Пересылаю письмо магазина: «Заказ {order} доставлен». Хочу вернуть {items} из заказа выше. Деньги — на "
            "{payment}.",
            "> Заказ {order} — доставлен\nПрошу оформить возврат: {items}; деньги на {payment}.",
        ],
        "return_gist": ["По уведомлению о доставке: нужно вернуть товар.", "Хочу вернуть товар."],
        "exchange": [
            "Пересылаю письмо магазина: «Заказ {order} доставлен». Прошу обменять: {changes}. Разница — {payment}.",
            "> Заказ {order} — доставлен\nОбмен: {changes}. Разницу через {payment}.",
        ],
        "exchange_gist": ["По доставленному заказу: нужен обмен товара.", "Хочу обменять товар."],
        "modify_items": [
            "Пересылаю письмо магазина: «Заказ {order} оформлен». До отправки прошу изменить: {changes}. Разница — "
            "{payment}.",
            "> Заказ {order} — в обработке\nИзменение: {changes}. Разницу через {payment}.",
        ],
        "modify_items_gist": ["По неотправленному заказу: нужно заменить товар.", "Прошу изменить товар в заказе."],
        "address": [
            "Пересылаю письмо магазина: «Заказ {order} оформлен». Прошу доставить заказ выше по адресу {address}.",
            "> Заказ {order} — доставка по адресу из профиля\nНовый адрес доставки: {address}.",
        ],
        "address_gist": ["В одном из заказов неверный адрес доставки.", "Нужно изменить адрес доставки."],
        "payment": [
            "Пересылаю письмо магазина: «Заказ {order} оформлен». Прошу оплатить заказ выше через {payment}.",
            "> Заказ {order} — способ оплаты из профиля\nПрошу сменить оплату на {payment}.",
        ],
        "payment_gist": ["Нужно сменить способ оплаты заказа.", "По оплате заказа: прошу изменить."],
        "yes": ["Да — прошу выполнить.", "Подтверждаю, выполняйте.", "Да, всё верно.", "Выполняйте."],
        "no": ["Нет — см. моё сообщение выше.", "Нет, я просил(а) не это.", "Это неверно."],
        "also": ["Ещё одна просьба: {request}", "Отдельно: {request}"],
        "done": ["Это всё. Спасибо.", "Больше просьб нет, спасибо."],
        "already": ["См. моё первое сообщение.", "Это есть в сообщении выше."],
        "order_ref": ["{id}", "заказ {id}", "заказ № {id}"],
        "order_desc": ["заказ, в котором {item}", "заказ с позицией {item}"],
        "everything": ["все позиции", "весь заказ"],
        "except": ["все позиции, кроме {item}", "всё, кроме {item}"],
        "change_one": ["{item} на {new}", "{item} -> {new}"],
        "reason_no_longer_needed": ["Больше не нужен.", "Товары больше не нужны."],
        "reason_ordered_by_mistake": ["Заказан по ошибке.", "Оформлен ошибочно."],
        "paypal": ["PayPal", "мой аккаунт PayPal"],
        "credit_card": ["{brand}, оканчивающуюся на {last_four}", "карту {brand} на {last_four}"],
        "gift_card": ["мою подарочную карту", "баланс подарочной карты"],
        "original": ["исходный способ оплаты", "тот способ, которым оплачен заказ"],
        "option_no": ["без {key}", "вариант без {key}"],
        "option_yes": ["с {key}", "вариант с {key}"],
        "same_street": ["тот же адрес, {unit}", "адрес прежний, {unit}"],
        "same_as_order": ["адрес доставки заказа {order}", "адрес, куда ушёл заказ {order}"],
        "hedge": [" ({item} остаётся)", "; {item} прошу не трогать"],
        "same": ["такую же позицию", "ту же позицию ещё раз"],
        "correction": ["Исправление: {what}", "Уточняю запрос: {what}"],
        "if_unavailable_cancel": ["; если это невозможно, отмените заказ", ". Иначе — отмените"],
        "if_unavailable_return": ["; если обмен невозможен, оформите возврат", ". Иначе — возврат денег"],
    },
    "zh": {
        "name_zip": ["姓名：{first} {last}｜邮编：{zip}", "账户持有人：{first} {last}，{zip}"],
        "email": ["账户邮箱：{email}", "邮箱：{email}。"],
        "cancel": [
            "转发邮件：【您的订单{order}已下单】。请取消上面这个订单。原因：{reason}",
            "> 订单{order}——状态：待处理\n请取消这个订单。{reason}",
        ],
        "cancel_gist": ["关于订单确认邮件：我要取消这个订单。", "我想取消一个订单。"],
        "cancel_all": [
            "关于我最近的订单：请把还没发货的全部取消。原因：{reason}",
            "> 待处理订单\n请全部取消。{reason}",
        ],
        "return": [
            "转发邮件：【您的订单{order}已送达】。我想退上面订单里的{items}。退款到{payment}。",
            "> 订单{order}——已送达\n申请退货：{items}；退款到{payment}。",
        ],
        "return_gist": ["关于送达通知：我需要退货。", "我想退一件商品。"],
        "exchange": [
            "转发邮件：【您的订单{order}已送达】。申请换货：{changes}。差价走{payment}。",
            "> 订单{order}——已送达\n换货：{changes}。差价用{payment}。",
        ],
        "exchange_gist": ["关于已送达的订单：我要换货。", "我想换货。"],
        "modify_items": [
            "转发邮件：【您的订单{order}已下单】。发货前请修改：{changes}。差价走{payment}。",
            "> 订单{order}——待处理\n修改：{changes}。差价用{payment}。",
        ],
        "modify_items_gist": ["关于还没发货的订单：我要改里面的商品。", "请修改订单里的商品。"],
        "address": [
            "转发邮件：【您的订单{order}已下单】。请把上面这个订单改寄到{address}。",
            "> 订单{order}——寄往默认地址\n新的收货地址：{address}。",
        ],
        "address_gist": ["我有个订单的收货地址错了。", "我需要修改收货地址。"],
        "payment": [
            "转发邮件：【您的订单{order}已下单】。上面这个订单请改用{payment}支付。",
            "> 订单{order}——默认付款方式\n请把付款方式改成{payment}。",
        ],
        "payment_gist": ["我要修改订单的付款方式。", "关于订单付款：请帮我改一下。"],
        "yes": ["是的——请办理。", "确认，请执行。", "对，没错。", "请执行。"],
        "no": ["不是——请看我上面的消息。", "不对，我要的不是这个。", "这不对。"],
        "also": ["还有一个请求：{request}", "另外：{request}"],
        "done": ["就这些，谢谢。", "没有其他请求了，谢谢。"],
        "already": ["请看我的第一条消息。", "上面的消息里有。"],
        "order_ref": ["{id}", "订单{id}", "订单号{id}"],
        "order_desc": ["有{item}的那个订单", "包含{item}的订单"],
        "everything": ["全部商品", "整个订单"],
        "except": ["除{item}以外的全部商品", "除了{item}都要"],
        "change_one": ["{item}换成{new}", "{item} -> {new}"],
        "reason_no_longer_needed": ["不再需要。", "这些商品不需要了。"],
        "reason_ordered_by_mistake": ["下错单了。", "误下单。"],
        "paypal": ["PayPal", "我的PayPal账户"],
        "credit_card": ["尾号{last_four}的{brand}", "{brand}卡，尾号{last_four}"],
        "gift_card": ["我的礼品卡", "礼品卡余额"],
        "original": ["原支付方式", "原路退回"],
        "option_no": ["不带{key}的", "无{key}的版本"],
        "option_yes": ["带{key}的", "有{key}的版本"],
        "same_street": ["地址不变，{unit}", "同一地址，{unit}"],
        "same_as_order": ["订单{order}的收货地址", "订单{order}寄去的地址"],
        "hedge": ["（{item}保留）", "；{item}请不要动"],
        "same": ["同款", "一样的商品"],
        "correction": ["更正：{what}", "修改我的请求：{what}"],
        "if_unavailable_cancel": ["；如果不行，请取消订单", "。否则请取消"],
        "if_unavailable_return": ["；如果换不了，请退货", "。否则退款"],
    },
}

FAMILY25_PRODUCTS: dict[str, tuple[list[str], list[str]]] = {
    "Office Chair": (["офисное кресло"], ["办公椅"]),
    "Laptop": (["ноутбук"], ["笔记本电脑"]),
    "Desk Lamp": (["настольная лампа"], ["台灯"]),
    "Mechanical Keyboard": (["механическая клавиатура"], ["机械键盘"]),
    "Water Bottle": (["бутылка для воды"], ["水瓶"]),
    "Coffee Maker": (["кофеварка"], ["咖啡机"]),
    "Headphones": (["наушники"], ["耳机"]),
    "Backpack": (["рюкзак"], ["背包"]),
    "Notebook": (["блокнот"], ["笔记本"]),
    "Wall Clock": (["настенные часы"], ["挂钟"]),
}
