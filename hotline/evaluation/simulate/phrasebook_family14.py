"""A fifteenth way simulated customers talk (``family`` 14): the held-out from session 28 on, written before any
transcript of it was read (family 13, the held-out before it, was read and tuned on in sessions 27–28).

Customers here write to the chat as they would write an e-mail: a salutation ("Dear Support,", "Уважаемая служба
поддержки!", "尊敬的客服："), a subject line now and then, the request in a formal sentence or as a short form on
lines of their own ("Items to return: …", "Refund to: …", "退货商品：…"), a sign-off ("Kind regards", "С
уважением", "此致 敬礼"), identity given as fields ("Name: …  ZIP: …"), cards written masked ("card ****1234"),
confirmations as formal words ("Confirmed.", "Подтверждаю.", "确认无误，请办理。"). Product words of their own
(FAMILY14_PRODUCTS).
"""

from __future__ import annotations

# lang -> key -> templates. Same keys and fields as phrasebook.T.
FAMILY14: dict[str, dict[str, list[str]]] = {
    "en": {
        "name_zip": [
            "Name: {first} {last}\nZIP: {zip}",
            "Account holder: {first} {last} ({zip})",
            "{first} {last}, {zip}",
        ],
        "email": ["Account e-mail: {email}", "You can find me under {email}.", "Registered e-mail — {email}"],
        "cancel": [
            "Dear Support,\n\nI am writing regarding order {order}. {reason}, so I would like to request its "
            "cancellation.\n\nKind regards",
            "Subject: Cancellation of order {order}\n\nHello, please cancel the above order. {reason}.\n\nBest,",
            "Hello team — re: order {order}. {reason}. Please process a cancellation at your earliest convenience. "
            "Regards.",
        ],
        "cancel_gist": [
            "Dear Support, I would like to request the cancellation of an order.",
            "Subject: order cancellation request",
        ],
        "cancel_all": [
            "Dear Support, please cancel all orders on my account that are still pending. {reason}. Regards.",
            "Subject: Cancel pending orders\nAll of my orders that have not shipped yet should be cancelled. {reason}.",
        ],
        "return": [
            "Dear Support,\n\nI received order {order}. I would like to return the following: {items}.\nPlease "
            "refund the amount to {payment}.\n\nBest regards",
            "Subject: Return request — {order}\n\nItems to return: {items}\nRefund to: {payment}\n\nThanks in advance.",
            "Hello, with reference to order {order}: I wish to return {items} and receive the refund on {payment}. "
            "Kind regards.",
        ],
        "return_gist": ["Dear Support, I would like to initiate a return.", "Subject: Return request"],
        "exchange": [
            "Dear Support,\n\nRegarding order {order}, I would like to exchange {changes}. Please settle any price "
            "difference via {payment}.\n\nKind regards",
            "Subject: Exchange — order {order}\nRequested exchange: {changes}\nPrice difference: {payment}",
        ],
        "exchange_gist": [
            "Dear Support, I would like to exchange an item from a delivered order.",
            "Subject: Exchange request",
        ],
        "modify_items": [
            "Dear Support,\n\nOrder {order} has not been shipped yet. Please amend it as follows: {changes}. Any "
            "difference may be charged to {payment}.\n\nBest regards",
            "Subject: Amendment to order {order}\nChanges: {changes}\nPayment for the difference: {payment}",
        ],
        "modify_items_gist": [
            "Dear Support, I need to amend the items of an order that has not shipped.",
            "Subject: Order amendment request",
        ],
        "address": [
            "Dear Support,\n\nPlease update the delivery address of order {order} to: {address}.\n\nThank you",
            "Subject: New delivery address for {order}\nNew address: {address}",
            "Hello, kindly note that order {order} should be delivered to {address}. Regards.",
        ],
        "address_gist": ["Dear Support, I need to update a delivery address.", "Subject: Delivery address change"],
        "payment": [
            "Dear Support,\n\nFor order {order}, I would like to change the payment method to {payment}.\n\nRegards",
            "Subject: Payment method — order {order}\nPlease charge {payment} instead of the current method.",
        ],
        "payment_gist": [
            "Dear Support, I would like to change the payment method of an order.",
            "Subject: Payment method change",
        ],
        "yes": [
            "Confirmed.",
            "I confirm, please proceed.",
            "Yes, that is correct. Please go ahead.",
            "Approved — thank you.",
        ],
        "no": ["That is not correct.", "No, please do not proceed.", "I do not confirm this."],
        "also": ["Additionally: {request}", "Separately, {request}"],
        "done": ["That is all. Thank you for your assistance.\nKind regards", "Nothing further, thank you."],
        "already": ["As stated in my previous message.", "Please see my message above."],
        "order_ref": ["{id}", "Order reference: {id}", "Ref. {id}"],
        "order_desc": ["It is the order containing the {item}.", "The order with the {item}."],
        "everything": ["All items, please.", "The entire order."],
        "except": ["All items except the {item}.", "Everything apart from the {item}."],
        "change_one": ["{item} → {new}", "the {item}, replaced by {new}"],
        "reason_no_longer_needed": ["I no longer require it", "It is no longer needed"],
        "reason_ordered_by_mistake": ["It was ordered by mistake", "The order was placed in error"],
        "paypal": ["PayPal", "my PayPal account"],
        "credit_card": ["the {brand} card ending {last_four}", "card ****{last_four}"],
        "gift_card": ["my gift card balance", "the gift card"],
        "original": ["the original form of payment", "the original payment method"],
        "option_no": ["without {key}", "a version without {key}"],
        "option_yes": ["with {key}", "a version with {key}"],
        "same_street": ["Same street address, {unit}.", "Address unchanged except {unit}."],
        "same_as_order": ["The address used for order {order}.", "Same delivery address as order {order}."],
        "hedge": ["; please do not include the {item}", " (excluding the {item})"],
        "same": ["an identical replacement", "the same variant"],
        "correction": ["Correction: {what}", "To clarify — {what}"],
        "if_unavailable_cancel": [
            " If this is not available, please cancel the order instead.",
            " In case it is out of stock, cancel the entire order.",
        ],
        "if_unavailable_return": [
            " If an exchange is not possible, please process a return.",
            " Failing that, a refund is acceptable.",
        ],
    },
    "ru": {
        "name_zip": [
            "ФИО: {first} {last}\nИндекс: {zip}",
            "Владелец аккаунта: {first} {last}, индекс {zip}",
            "{first} {last}, {zip}",
        ],
        "email": ["E-mail аккаунта: {email}", "Зарегистрирована на {email}.", "Почта: {email}"],
        "cancel": [
            "Уважаемая служба поддержки!\n\nПишу по поводу заказа {order}. {reason}, поэтому прошу его отменить.\n\n"
            "С уважением",
            "Тема: отмена заказа {order}\n\nЗдравствуйте, прошу отменить указанный заказ. {reason}.",
            "Добрый день. По заказу {order}: {reason}. Прошу оформить отмену. С уважением.",
        ],
        "cancel_gist": ["Уважаемая служба поддержки, прошу отменить заказ.", "Тема: отмена заказа"],
        "cancel_all": [
            "Уважаемая служба поддержки, прошу отменить все неотправленные заказы в моём аккаунте. {reason}.",
            "Тема: отмена заказов\nВсе заказы, которые ещё не отправлены, прошу отменить. {reason}.",
        ],
        "return": [
            "Уважаемая служба поддержки!\n\nЗаказ {order} получен. Прошу оформить возврат следующих товаров: "
            "{items}.\nДеньги прошу вернуть на {payment}.\n\nС уважением",
            "Тема: возврат по заказу {order}\n\nТовары к возврату: {items}\nВозврат средств: на {payment}",
            "Добрый день. По заказу {order} хочу вернуть {items}, возврат на {payment}. С уважением.",
        ],
        "return_gist": ["Уважаемая служба поддержки, хочу оформить возврат.", "Тема: возврат товара"],
        "exchange": [
            "Уважаемая служба поддержки!\n\nПо заказу {order} прошу произвести обмен: {changes}. Разницу в цене — "
            "через {payment}.\n\nС уважением",
            "Тема: обмен по заказу {order}\nОбмен: {changes}\nРазница: {payment}",
        ],
        "exchange_gist": [
            "Уважаемая служба поддержки, хочу обменять товар из доставленного заказа.",
            "Тема: обмен товара",
        ],
        "modify_items": [
            "Уважаемая служба поддержки!\n\nЗаказ {order} ещё не отправлен. Прошу внести изменения: {changes}. "
            "Доплату — через {payment}.\n\nС уважением",
            "Тема: изменение заказа {order}\nИзменения: {changes}\nОплата разницы: {payment}",
        ],
        "modify_items_gist": [
            "Уважаемая служба поддержки, прошу изменить товары в неотправленном заказе.",
            "Тема: изменение заказа",
        ],
        "address": [
            "Уважаемая служба поддержки!\n\nПрошу изменить адрес доставки заказа {order} на: {address}.\n\nСпасибо",
            "Тема: новый адрес доставки {order}\nНовый адрес: {address}",
            "Добрый день. Заказ {order} прошу доставить по адресу {address}. С уважением.",
        ],
        "address_gist": ["Уважаемая служба поддержки, нужно изменить адрес доставки.", "Тема: смена адреса доставки"],
        "payment": [
            "Уважаемая служба поддержки!\n\nПо заказу {order} прошу сменить способ оплаты на {payment}.\n\nС уважением",
            "Тема: способ оплаты заказа {order}\nПрошу списать оплату через {payment} вместо текущего способа.",
        ],
        "payment_gist": [
            "Уважаемая служба поддержки, прошу изменить способ оплаты заказа.",
            "Тема: смена способа оплаты",
        ],
        "yes": [
            "Подтверждаю.",
            "Да, всё верно, прошу выполнить.",
            "Согласна, выполняйте.",
            "Да, подтверждаю, спасибо.",
        ],
        "no": ["Это неверно.", "Нет, прошу не выполнять.", "Не подтверждаю."],
        "also": ["Дополнительно: {request}", "Отдельно: {request}"],
        "done": ["Это всё. Благодарю за помощь.\nС уважением", "Больше вопросов нет, спасибо."],
        "already": ["Как указано в моём предыдущем сообщении.", "См. моё сообщение выше."],
        "order_ref": ["{id}", "Номер заказа: {id}", "Заказ № {id}"],
        "order_desc": ["Это заказ, где был {item}.", "Заказ, в который входил {item}."],
        "everything": ["Все товары.", "Заказ целиком."],
        "except": ["Все товары, кроме {item}.", "Всё, за исключением {item}."],
        "change_one": ["{item} → {new}", "{item} заменить на {new}"],
        "reason_no_longer_needed": ["Товар больше не требуется", "Необходимость в заказе отпала"],
        "reason_ordered_by_mistake": ["Заказ оформлен ошибочно", "Заказ был сделан по ошибке"],
        "paypal": ["PayPal", "счёт PayPal"],
        "credit_card": ["карту {brand} *{last_four}", "карту, оканчивающуюся на {last_four}"],
        "gift_card": ["подарочную карту", "баланс подарочной карты"],
        "original": ["исходный способ оплаты", "тот же способ, которым оплачивался заказ"],
        "option_no": ["без {key}", "исполнение без {key}"],
        "option_yes": ["с {key}", "исполнение с {key}"],
        "same_street": ["Адрес прежний, только {unit}.", "Тот же адрес, изменить только {unit}."],
        "same_as_order": ["Адрес, как в заказе {order}.", "Тот же адрес доставки, что и у заказа {order}."],
        "hedge": ["; {item} прошу не включать", " (за исключением {item})"],
        "same": ["аналогичный товар", "тот же вариант"],
        "correction": ["Поправка: {what}", "Уточняю — {what}"],
        "if_unavailable_cancel": [
            " Если такого варианта нет в наличии, прошу отменить заказ.",
            " При отсутствии товара прошу отменить заказ полностью.",
        ],
        "if_unavailable_return": [
            " Если обмен невозможен, прошу оформить возврат.",
            " В противном случае — возврат средств.",
        ],
    },
    "zh": {
        "name_zip": [
            "姓名：{first} {last}\n邮编：{zip}",
            "账户持有人：{first} {last}（邮编{zip}）",
            "{first} {last}，{zip}",
        ],
        "email": ["账户邮箱：{email}", "注册邮箱为{email}。", "邮箱：{email}"],
        "cancel": [
            "尊敬的客服：\n\n您好！关于订单{order}，{reason}，特此申请取消该订单。\n\n此致\n敬礼",
            "主题：取消订单{order}\n\n您好，申请取消上述订单。{reason}。",
            "客服您好，订单{order}：{reason}，请尽快为我办理取消。谢谢。",
        ],
        "cancel_gist": ["尊敬的客服：您好，我想申请取消订单。", "主题：取消订单申请"],
        "cancel_all": [
            "尊敬的客服：请将我账户中所有尚未发货的订单取消。{reason}。",
            "主题：取消待发货订单\n所有还没发货的订单请全部取消。{reason}。",
        ],
        "return": [
            "尊敬的客服：\n\n订单{order}已收到。现申请退回以下商品：{items}。\n退款请退至{payment}。\n\n谢谢！",
            "主题：订单{order}退货申请\n\n退货商品：{items}\n退款方式：{payment}",
            "客服您好，关于订单{order}，我想退{items}，退款到{payment}。谢谢。",
        ],
        "return_gist": ["尊敬的客服：您好，我想申请退货。", "主题：退货申请"],
        "exchange": [
            "尊敬的客服：\n\n关于订单{order}，申请换货：{changes}。差价请通过{payment}结算。\n\n谢谢！",
            "主题：订单{order}换货\n换货内容：{changes}\n差价：{payment}",
        ],
        "exchange_gist": ["尊敬的客服：您好，我想为已收到的订单申请换货。", "主题：换货申请"],
        "modify_items": [
            "尊敬的客服：\n\n订单{order}尚未发货，请按以下内容修改：{changes}。差价请用{payment}支付。\n\n谢谢！",
            "主题：修改订单{order}\n修改内容：{changes}\n差价支付：{payment}",
        ],
        "modify_items_gist": ["尊敬的客服：您好，我想修改一个尚未发货订单中的商品。", "主题：修改订单商品"],
        "address": [
            "尊敬的客服：\n\n请将订单{order}的收货地址更改为：{address}。\n\n谢谢！",
            "主题：订单{order}新收货地址\n新地址：{address}",
            "客服您好，订单{order}请寄送至{address}。谢谢。",
        ],
        "address_gist": ["尊敬的客服：您好，我需要修改收货地址。", "主题：修改收货地址"],
        "payment": [
            "尊敬的客服：\n\n订单{order}的付款方式请改为{payment}。\n\n谢谢！",
            "主题：订单{order}付款方式\n请改用{payment}支付，不再使用当前方式。",
        ],
        "payment_gist": ["尊敬的客服：您好，我想更改订单的付款方式。", "主题：更改付款方式"],
        "yes": ["确认。", "确认无误，请办理。", "是的，没问题，请执行。", "同意，谢谢。"],
        "no": ["不正确。", "不，请不要办理。", "我不确认。"],
        "also": ["另外：{request}", "此外，{request}"],
        "done": ["没有其他问题了，感谢您的帮助。", "就这些，谢谢。"],
        "already": ["如我上一条消息所述。", "请参见我上面的消息。"],
        "order_ref": ["{id}", "订单编号：{id}", "单号{id}"],
        "order_desc": ["是包含{item}的那个订单。", "有{item}的那一单。"],
        "everything": ["全部商品。", "整个订单。"],
        "except": ["除{item}以外的全部商品。", "全部，{item}除外。"],
        "change_one": ["{item} → {new}", "{item}更换为{new}"],
        "reason_no_longer_needed": ["该商品已不再需要", "目前已无需此订单"],
        "reason_ordered_by_mistake": ["订单系误下", "下单时出现失误"],
        "paypal": ["PayPal", "PayPal账户"],
        "credit_card": ["尾号{last_four}的{brand}卡", "{brand}卡（尾号{last_four}）"],
        "gift_card": ["礼品卡", "礼品卡余额"],
        "original": ["原支付方式", "原付款渠道"],
        "option_no": ["不带{key}的", "无{key}款"],
        "option_yes": ["带{key}的", "含{key}款"],
        "same_street": ["地址不变，仅{unit}。", "原地址，{unit}。"],
        "same_as_order": ["与订单{order}相同的地址。", "使用订单{order}的收货地址。"],
        "hedge": ["；{item}不在此次范围内", "（{item}除外）"],
        "same": ["同款同规格", "相同型号"],
        "correction": ["更正：{what}", "补充说明：{what}"],
        "if_unavailable_cancel": ["如无货，请直接取消订单。", "若缺货，请取消整个订单。"],
        "if_unavailable_return": ["如无法换货，请办理退货。", "若不能换，则退款处理。"],
    },
}

FAMILY14_PRODUCTS: dict[str, tuple[list[str], list[str]]] = {
    "Bluetooth Speaker": (["портативную колонку"], ["便携音箱"]),
    "Wireless Earbuds": (["TWS-наушники"], ["真无线耳机"]),
    "Vacuum Cleaner": (["пылесос"], ["扫地机"]),
    "Gaming Mouse": (["игровую мышь"], ["电竞鼠标"]),
    "Running Shoes": (["кроссовки для бега"], ["慢跑鞋"]),
    "Digital Camera": (["цифровую камеру"], ["数码相机"]),
    "Sunglasses": (["солнечные очки"], ["太阳眼镜"]),
    "Portable Charger": (["внешний аккумулятор"], ["移动电源"]),
    "Smart Thermostat": (["умный термостат"], ["恒温器"]),
    "Mechanical Keyboard": (["механическую клавиатуру"], ["机械键盘"]),
}
