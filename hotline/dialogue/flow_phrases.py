"""What the store-action flows say, in the customer's language (en, ru, zh).

The flows decide; these templates only word it. Facts (order ids, item names, amounts, option values) are
filled in by code from the store and stay as the store has them, so the output red-line and a human reading
the transcript see the same ids and amounts whatever the language. A missing translation falls back to English.
"""

from __future__ import annotations

from typing import Any

LANGUAGES = ("en", "ru", "zh")

PHRASES: dict[str, dict[str, str]] = {
    "photo_identified": {
        "en": "Thanks for the photo: it looks like {what}.",
        "ru": "Спасибо за фото: похоже, это {what}.",
        "zh": "谢谢您的照片：看起来是{what}。",
    },
    "photo_which": {
        "en": "Thanks for the photo. Which product is it: {names} or {last}?",
        "ru": "Спасибо за фото. Какой это товар: {names} или {last}?",
        "zh": "谢谢您的照片。是哪件商品：{names}还是{last}？",
    },
    "no_answer": {
        "en": "I don't have reliable information about that in our help centre. I can connect you with a human "
        'agent if you type "human".',
        "ru": "У меня нет надёжных сведений об этом в нашем справочном центре. Если напишете «оператор», я соединю "
        "вас с сотрудником.",
        "zh": "我们的帮助中心里没有关于这个问题的可靠信息。如果您输入“人工”，我可以为您转接人工客服。",
    },
    "apology": {
        "en": "I'm sorry, I couldn't complete my answer just now. Would you like me to connect you with a human "
        'agent? Just type "human".',
        "ru": "Извините, сейчас я не смог закончить ответ. Соединить вас с сотрудником? Просто напишите «оператор».",
        "zh": "抱歉，我刚才没能完成回答。需要为您转接人工客服吗？请输入“人工”。",
    },
    "identify": {
        "en": "Before I can change an order I need to confirm who you are: please give me the e-mail address on "
        "your account, or your first and last name and zip code.",
        "ru": "Прежде чем менять заказ, мне нужно убедиться, что это вы: назовите, пожалуйста, e-mail вашей учётной "
        "записи или имя, фамилию и почтовый индекс.",
        "zh": "在修改订单之前，我需要先确认您的身份：请提供账户的电子邮箱，或者您的名字、姓氏和邮政编码。",
    },
    "identify_for_order": {
        "en": "I can tell you about an order once I've confirmed who you are: please give me the e-mail address on "
        "your account, or your first and last name and zip code.",
        "ru": "Я расскажу о заказе, как только подтвержу, что это вы: назовите, пожалуйста, e-mail учётной записи "
        "или имя, фамилию и почтовый индекс.",
        "zh": "确认您的身份后我才能告诉您订单的情况：请提供账户的电子邮箱，或者您的名字、姓氏和邮政编码。",
    },
    "identify_not_found": {
        "en": "I couldn't find an account with those details. Please check the e-mail address, or give me your "
        "first and last name and zip code.",
        "ru": "Я не нашёл учётную запись с такими данными. Проверьте, пожалуйста, e-mail или назовите имя, фамилию "
        "и почтовый индекс.",
        "zh": "没有找到与这些信息匹配的账户。请核对电子邮箱，或者提供您的名字、姓氏和邮政编码。",
    },
    "nothing_changed": {
        "en": "Understood: I haven't changed anything. What would you like to do instead?",
        "ru": "Понятно: я ничего не менял. Что вы хотели бы сделать вместо этого?",
        "zh": "好的，我没有做任何更改。您想改为做什么？",
    },
    "which_order": {
        "en": "Which order is it about? The orders on your account are: {orders}.",
        "ru": "О каком заказе идёт речь? Заказы в вашей учётной записи: {orders}.",
        "zh": "是哪个订单？您账户上的订单有：{orders}。",
    },
    "no_orders": {"en": "none", "ru": "нет", "zh": "无"},
    "order_not_found": {
        "en": "I can't find order {order_id} on your account. Which order is it about?",
        "ru": "Я не нахожу заказ {order_id} в вашей учётной записи. О каком заказе идёт речь?",
        "zh": "在您的账户中找不到订单 {order_id}。是哪个订单？",
    },
    "new_user_address": {
        "en": "What is the new address? Please give the street, any suite or apartment, city, state and zip code.",
        "ru": "Какой новый адрес? Укажите, пожалуйста, улицу, номер квартиры или офиса (если есть), город, штат и "
        "почтовый индекс.",
        "zh": "新地址是什么？请提供街道、公寓或套房号（如有）、城市、州和邮政编码。",
    },
    "user_address_summary": {
        "en": "Change the default address on your account to {address}.",
        "ru": "Изменить основной адрес в вашей учётной записи на {address}.",
        "zh": "将您账户的默认地址改为 {address}。",
    },
    "only_pending_address": {
        "en": "Order {order_id} is {status}: only a pending order's address can be changed.",
        "ru": "Заказ {order_id} — {status}: адрес можно изменить только у заказа, который ещё не отправлен.",
        "zh": "订单 {order_id} 的状态是{status}：只有待处理的订单才能修改地址。",
    },
    "only_pending_payment": {
        "en": "Order {order_id} is {status}: only a pending order's payment method can be changed.",
        "ru": "Заказ {order_id} — {status}: способ оплаты можно изменить только у заказа, который ещё не отправлен.",
        "zh": "订单 {order_id} 的状态是{status}：只有待处理的订单才能修改付款方式。",
    },
    "new_shipping_address": {
        "en": "What is the new shipping address for order {order_id}? Please give the street, any suite or "
        "apartment, city, state and zip code.",
        "ru": "Какой новый адрес доставки для заказа {order_id}? Укажите, пожалуйста, улицу, номер квартиры или "
        "офиса (если есть), город, штат и почтовый индекс.",
        "zh": "订单 {order_id} 的新收货地址是什么？请提供街道、公寓或套房号（如有）、城市、州和邮政编码。",
    },
    "address_summary": {
        "en": "Change the shipping address of order {order_id} to {address}.",
        "ru": "Изменить адрес доставки заказа {order_id} на {address}.",
        "zh": "将订单 {order_id} 的收货地址改为 {address}。",
    },
    "which_payment": {
        "en": "Which payment method should order {order_id} use: {methods}?",
        "ru": "Каким способом оплатить заказ {order_id}: {methods}?",
        "zh": "订单 {order_id} 应使用哪种付款方式：{methods}？",
    },
    "payment_summary": {
        "en": "Pay for order {order_id} with {method} instead.",
        "ru": "Оплатить заказ {order_id} другим способом: {method}.",
        "zh": "改用{method}支付订单 {order_id}。",
    },
    "only_pending_or_delivered_change": {
        "en": "Order {order_id} is {status}: items can only be changed in a pending order or exchanged in a "
        "delivered one.",
        "ru": "Заказ {order_id} — {status}: товары можно изменить только в неотправленном заказе или обменять в "
        "доставленном.",
        "zh": "订单 {order_id} 的状态是{status}：只有待处理订单可以修改商品，已送达订单可以换货。",
    },
    "which_item_change": {
        "en": "Which item of order {order_id} would you like to change, and to which option?",
        "ru": "Какой товар из заказа {order_id} вы хотите изменить и на какой вариант?",
        "zh": "您想更改订单 {order_id} 中的哪件商品，换成哪个选项？",
    },
    "ambiguous_item": {
        "en": "Order {order_id} has more than one {name}: {choices}. Which one do you mean?",
        "ru": "В заказе {order_id} несколько товаров «{name}»: {choices}. Какой из них вы имеете в виду?",
        "zh": "订单 {order_id} 中有不止一件{name}：{choices}。您指的是哪一件？",
    },
    "which_option": {
        "en": "Which option would you like for the {item} instead? Available options include: {options}.",
        "ru": "Какой вариант вы хотите вместо {item}? Доступные варианты: {options}.",
        "zh": "您希望把{item}换成哪个选项？可选的有：{options}。",
    },
    "which_difference_method": {
        "en": "Which payment method should pay or receive the price difference: {methods}?",
        "ru": "Каким способом оплатить или получить разницу в цене: {methods}?",
        "zh": "差价应由哪种付款方式支付或退回：{methods}？",
    },
    # An exchange (delivered) and an item change (pending) differ in their first words only.
    "exchange_in": {
        "en": "Exchange in order {order_id}",
        "ru": "Обмен в заказе {order_id}",
        "zh": "订单 {order_id} 换货",
    },
    "change_in": {"en": "Change in order {order_id}", "ru": "Изменение заказа {order_id}", "zh": "修改订单 {order_id}"},
    "items_summary": {
        "en": "{what}: {changes}. The price difference: {money} via {method}. This can only be done once for an "
        "order, so please make sure you have named every item you want to change.",
        "ru": "{what}: {changes}. Разница в цене: {money}, способ: {method}. Это можно сделать только один раз для "
        "заказа, поэтому убедитесь, что вы назвали все товары, которые хотите изменить.",
        "zh": "{what}：{changes}。差价：{money}，通过{method}。每个订单只能操作一次，请确认您已说出所有想更换的商品。",
    },
    "item_for": {"en": "{old} for {new}", "ru": "{old} на {new}", "zh": "{old} 换成 {new}"},
    "you_pay": {"en": "you pay {amount}", "ru": "вы доплачиваете {amount}", "zh": "您需支付 {amount}"},
    "you_get_back": {"en": "you get {amount} back", "ru": "вам вернут {amount}", "zh": "将退还您 {amount}"},
    "only_pending_cancel": {
        "en": "Order {order_id} is {status}, and only pending orders can be cancelled.",
        "ru": "Заказ {order_id} — {status}, а отменить можно только заказ, который ещё не отправлен.",
        "zh": "订单 {order_id} 的状态是{status}，只有待处理的订单才能取消。",
    },
    "cancel_reason": {
        "en": "Why would you like to cancel order {order_id}: is it no longer needed, or was it ordered by mistake?",
        "ru": "Почему вы хотите отменить заказ {order_id}: он больше не нужен или был оформлен по ошибке?",
        "zh": "您为什么要取消订单 {order_id}：是不再需要了，还是下错了单？",
    },
    "cancel_summary": {
        "en": "Cancel order {order_id} ({items}) because {reason}. The total of {total} goes back to the original "
        "payment method {when}.",
        "ru": "Отменить заказ {order_id} ({items}), потому что {reason}. Сумма {total} вернётся на исходный способ "
        "оплаты {when}.",
        "zh": "取消订单 {order_id}（{items}），原因：{reason}。总额 {total} 将{when}退回原付款方式。",
    },
    "reason_no_longer_needed": {"en": "it is no longer needed", "ru": "он больше не нужен", "zh": "不再需要"},
    "reason_ordered_by_mistake": {
        "en": "it was ordered by mistake",
        "ru": "он был оформлен по ошибке",
        "zh": "下错了单",
    },
    "refund_immediately": {"en": "immediately", "ru": "сразу", "zh": "立即"},
    "refund_5_7_days": {
        "en": "within 5 to 7 business days",
        "ru": "в течение 5–7 рабочих дней",
        "zh": "在5到7个工作日内",
    },
    "only_delivered_return": {
        "en": "Order {order_id} is {status}, and only delivered orders can be returned.",
        "ru": "Заказ {order_id} — {status}, а вернуть можно только доставленный заказ.",
        "zh": "订单 {order_id} 的状态是{status}，只有已送达的订单才能退货。",
    },
    "which_return_items": {
        "en": "Which items of order {order_id} would you like to return? It contains: {listing}. Please name all "
        "the items you want to return.",
        "ru": "Какие товары из заказа {order_id} вы хотите вернуть? В нём: {listing}. Пожалуйста, назовите все "
        "товары, которые хотите вернуть.",
        "zh": "您想退回订单 {order_id} 中的哪些商品？订单包含：{listing}。请说出所有要退的商品。",
    },
    "return_summary": {
        "en": "Return {items} from order {order_id}; the refund of {refund} goes to {destination}. You will get an "
        "e-mail explaining how to send the items back.",
        "ru": "Вернуть {items} из заказа {order_id}; возврат {refund} поступит {destination}. Вы получите письмо с "
        "инструкцией, как отправить товары обратно.",
        "zh": "退回订单 {order_id} 中的 {items}；退款 {refund} 将退至{destination}。您会收到一封说明如何寄回商品的"
        "电子邮件。",
    },
    "to_gift_card": {"en": "your gift card", "ru": "на вашу подарочную карту", "zh": "您的礼品卡"},
    "to_original_method": {
        "en": "the original payment method",
        "ru": "на исходный способ оплаты",
        "zh": "原付款方式",
    },
    "confirm_question": {
        "en": "Shall I go ahead? Please answer yes or no.",
        "ru": "Выполнить? Пожалуйста, ответьте «да» или «нет».",
        "zh": "要我继续吗？请回答“是”或“否”。",
    },
    "card_ending": {
        "en": "credit card ending {last_four}",
        "ru": "карта, оканчивающаяся на {last_four}",
        "zh": "尾号 {last_four} 的信用卡",
    },
    "gift_card_balance": {
        "en": "gift card (balance {balance})",
        "ru": "подарочная карта (баланс {balance})",
        "zh": "礼品卡（余额 {balance}）",
    },
    "failed": {"en": "I couldn't do that: {reason}.", "ru": "Не получилось: {reason}.", "zh": "无法完成：{reason}。"},
    "done_cancel": {
        "en": "Done: the order is now cancelled, and {refund} will be refunded.",
        "ru": "Готово: заказ отменён, {refund} будет возвращено.",
        "zh": "已完成：订单已取消，将退款 {refund}。",
    },
    "done_exchange": {
        "en": "Done: the exchange is requested. You'll receive an e-mail with instructions for sending the item back.",
        "ru": "Готово: обмен оформлен. Вы получите письмо с инструкцией, как отправить товар обратно.",
        "zh": "已完成：换货申请已提交。您会收到一封说明如何寄回商品的电子邮件。",
    },
    "done_modify_items": {
        "en": "Done: the items in your order are changed.",
        "ru": "Готово: товары в заказе изменены.",
        "zh": "已完成：订单中的商品已更改。",
    },
    "done_address": {
        "en": "Done: the order will ship to the new address.",
        "ru": "Готово: заказ будет доставлен по новому адресу.",
        "zh": "已完成：订单将寄往新地址。",
    },
    "done_payment": {
        "en": "Done: the order's payment method is changed.",
        "ru": "Готово: способ оплаты заказа изменён.",
        "zh": "已完成：订单的付款方式已更改。",
    },
    "done_user_address": {
        "en": "Done: your account's default address is updated.",
        "ru": "Готово: основной адрес в учётной записи обновлён.",
        "zh": "已完成：您账户的默认地址已更新。",
    },
    "done_return": {
        "en": "Done: the return is requested (refund {refund}). You'll receive an e-mail with the return instructions.",
        "ru": "Готово: возврат оформлен (сумма {refund}). Вы получите письмо с инструкцией по возврату.",
        "zh": "已完成：退货申请已提交（退款 {refund}）。您会收到一封包含退货说明的电子邮件。",
    },
    "done": {"en": "Done.", "ru": "Готово.", "zh": "已完成。"},
    "cannot_plan": {
        "en": "I can't offer that: {reason}. Nothing was changed. What would you like to do instead?",
        "ru": "Так сделать не получится: {reason}. Ничего не изменено. Что сделать вместо этого?",
        "zh": "无法这样办理：{reason}。没有做任何更改。您想改为怎么做？",
    },
    "flow_error": {
        "en": "Sorry, something went wrong on my side and nothing was changed. I can connect you with a human agent "
        '(just say "agent"), or you can tell me again what you need.',
        "ru": "Простите, у меня произошла ошибка, ничего не изменено. Могу соединить с оператором (напишите "
        "«оператор») или расскажите ещё раз, что нужно.",
        "zh": "抱歉，我这边出了点问题，没有做任何更改。我可以为您转接人工客服（请说“人工”），"
        "或者请再告诉我一次您的需求。",
    },
    "not_caught": {
        "en": "Sorry, I didn't get that part.",
        "ru": "Простите, эту часть я не понял.",
        "zh": "抱歉，这一点我没有理解。",
    },
    "no_progress": {
        "en": "I don't want to keep you going in circles. So far I have: {understood}. I can connect you with a "
        'human agent (just say "agent"), or you can tell me the rest in other words.',
        "ru": "Не хочу гонять вас по кругу. Пока я понял: {understood}. Могу соединить с оператором (напишите "
        "«оператор») или расскажите остальное другими словами.",
        "zh": "我不想让您一直重复。目前我了解到：{understood}。我可以为您转接人工客服（请说“人工”），"
        "或者您换个说法告诉我其余信息。",
    },
    "understood_nothing": {
        "en": "nothing certain yet",
        "ru": "пока ничего определённого",
        "zh": "暂时还没有确定的信息",
    },
    "understood_identified": {
        "en": "your account is verified",
        "ru": "ваша учётная запись подтверждена",
        "zh": "已验证您的账户",
    },
    "understood_flow": {"en": "you want to {what}", "ru": "вы хотите: {what}", "zh": "您想要{what}"},
    "understood_order": {"en": "order {order_id}", "ru": "заказ {order_id}", "zh": "订单 {order_id}"},
    "flow_cancel": {"en": "cancel an order", "ru": "отменить заказ", "zh": "取消订单"},
    "flow_return": {"en": "return items", "ru": "вернуть товары", "zh": "退货"},
    "flow_change": {"en": "change or exchange items", "ru": "заменить или обменять товары", "zh": "更换商品"},
    "flow_address": {"en": "change a shipping address", "ru": "изменить адрес доставки", "zh": "修改收货地址"},
    "flow_user_address": {"en": "change your default address", "ru": "изменить основной адрес", "zh": "修改默认地址"},
    "flow_payment": {"en": "change a payment method", "ru": "изменить способ оплаты", "zh": "修改付款方式"},
}

# Order statuses as the customer reads them; an unknown status is shown as the store has it.
STATUSES: dict[str, dict[str, str]] = {
    "pending": {"ru": "ещё не отправлен", "zh": "待处理"},
    "processed": {"ru": "уже обработан", "zh": "已处理"},
    "delivered": {"ru": "доставлен", "zh": "已送达"},
    "cancelled": {"ru": "отменён", "zh": "已取消"},
    "return requested": {"ru": "оформлен возврат", "zh": "已申请退货"},
    "exchange requested": {"ru": "оформлен обмен", "zh": "已申请换货"},
}

# List separators: "a, b" reads as "a、b" in Chinese.
_SEPARATORS = {"zh": "、"}


def phrase(lang: str, key: str, **values: Any) -> str:
    templates = PHRASES[key]
    return templates.get(lang, templates["en"]).format(**values)


def status_word(lang: str, status: str) -> str:
    return STATUSES.get(status, {}).get(lang, status)


def listing(lang: str, parts: list[str]) -> str:
    return _SEPARATORS.get(lang, ", ").join(parts)
