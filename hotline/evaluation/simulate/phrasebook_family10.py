"""An eleventh way simulated customers talk (``family`` 10): the held-out from session 24 on, written before any
transcript of it was read (family 9, the held-out before it, had been run for four sessions).

Customers here say what they need rather than what the shop should do: a need or a problem stated in the
passive or the negative ("I'd like this order to be cancelled", "I don't want the lamp any more, it can go
back", "the money should go back to …"), with the polite indirection of an older customer ("would you be so
kind", "my grandson set up the account"), details given in passing. Russian is the same register in Russian
("будьте добры", "хотелось бы, чтобы заказ был отменён", "внучка оформляла"). Chinese customers write
*traditional* characters with Taiwan's words ("訂單", "退貨", "刷卡", "麻煩您", "郵遞區號"): the templates are
written here in simplified and the whole message is converted (OpenCC s2twp) as the customer types it, product
words included (FAMILY10_PRODUCTS adds a few of their own).
"""

from __future__ import annotations

# lang -> key -> templates. Same keys and fields as phrasebook.T.
FAMILY10: dict[str, dict[str, list[str]]] = {
    "en": {
        "name_zip": [
            "The account should be under {first} {last}, and the zip code there is {zip}.",
            "It would be under the name {first} {last}; zip code {zip}, if that helps.",
            "{first} {last} is the name on it. Zip is {zip}.",
        ],
        "email": [
            "The e-mail it was set up with is {email}, I believe.",
            "You should find me under {email}.",
            "My grandson set it up with the address {email}.",
        ],
        "cancel": [
            "I'd like order {order} to be cancelled, please; {reason}.",
            "Would you be so kind as to cancel {order} for me? {reason}",
            "Order {order} isn't wanted any more: {reason}. Could it be called off?",
        ],
        "cancel_gist": [
            "I'd like one of my orders to be cancelled, please.",
            "There's an order I don't want to go ahead with.",
        ],
        "cancel_all": [
            "None of the orders that haven't been sent yet are wanted any more, {reason}. Could they all be cancelled?",
            "I'd like every order of mine that is still pending to be cancelled, {reason}.",
        ],
        "return": [
            "I don't want {items} from order {order} any more; they can go back, and the money should go to {payment}.",
            "{items} from {order} will have to be sent back, I'm afraid. The refund should go to {payment}, please.",
            "Would it be possible for {items} from order {order} to be returned? Refund to {payment}, if you would.",
        ],
        "return_gist": [
            "Some things I received aren't suitable and will have to go back.",
            "I'd like a few things to be taken back, please.",
        ],
        "exchange": [
            "In order {order}, I'd like {changes}, please; anything extra can be charged to {payment}.",
            "The wrong ones were chosen in order {order}: I'd rather have {changes}. "
            "The difference can go on {payment}.",
        ],
        "exchange_gist": [
            "Something I received isn't the right one and I'd like it to be swapped.",
            "Would it be possible for an item to be exchanged?",
        ],
        "modify_items": [
            "Order {order} hasn't gone out yet, I think, so I'd like it altered: {changes}. "
            "The difference can go on {payment}.",
            "Before {order} is sent, could it be changed? {changes}, please, with any difference on {payment}.",
        ],
        "modify_items_gist": [
            "The wrong option was picked on an order that hasn't been sent yet.",
            "I'd like an order to be changed before it goes out.",
        ],
        "address": [
            "Order {order} shouldn't go to the old address; it needs to be delivered to {address}.",
            "I've moved, so I'd like {order} to be sent to {address} instead, please.",
            "The address on order {order} is out of date. The right one is {address}.",
        ],
        "address_gist": [
            "I've moved house and an order of mine is still going to the old address.",
            "The delivery address on an order needs to be changed.",
        ],
        "payment": [
            "I'd like order {order} to be paid with {payment} instead, please.",
            "Would it be possible for {order} to go on {payment} rather than what I used?",
        ],
        "payment_gist": [
            "I'd like an order to be paid for differently.",
            "The payment on one of my orders should be changed.",
        ],
        "yes": [
            "Yes, that's right. Thank you, dear.",
            "That sounds correct, yes, please do.",
            "Yes, that would be lovely.",
            "Right, yes. Go ahead.",
        ],
        "no": ["No, that isn't what I wanted.", "I'm afraid that's not right.", "No, that's wrong, I'm sorry."],
        "also": ["While I have you, {request}", "And one other thing: {request}"],
        "done": ["No, that's everything. Thank you so much.", "That's all for today, thank you."],
        "already": ["I did give you that a moment ago.", "I believe I told you that already."],
        "order_ref": ["order number {id}", "{id}", "number {id}"],
        "order_desc": ["the order that had {item} in it", "the one where I bought {item}"],
        "everything": ["all of it, the whole order", "every item in it"],
        "except": ["all of it, but not {item}", "everything apart from {item}, which I'm keeping"],
        "change_one": ["{item} changed to {new}", "{new} in place of {item}"],
        "reason_no_longer_needed": ["it turns out it isn't needed", "I've no use for it now"],
        "reason_ordered_by_mistake": ["it was ordered in error", "I pressed the wrong button, I'm afraid"],
        "paypal": ["the PayPal account", "PayPal, please"],
        "credit_card": ["the {brand} card that ends in {last_four}", "my card, the one ending {last_four}"],
        "gift_card": ["the gift card", "my gift card, please"],
        "original": ["wherever it was paid from", "the way I paid in the first place"],
        "option_no": ["one without {key}", "no {key}"],
        "option_yes": ["one with {key}", "with {key}"],
        "same_street": ["the same address, except it's {unit} now", "the same building but {unit}"],
        "same_as_order": ["wherever order {order} was going", "the same address as order {order}"],
        "hedge": ["; {item} can stay where it is", "; please leave {item} alone"],
        "same": ["the same as before", "the same kind"],
        "correction": ["No, sorry, it should be {what}.", "I meant {what}, I'm sorry."],
        "if_unavailable_cancel": [
            " If that can't be done, the whole order may as well be cancelled.",
            " If it's not in stock, I'd rather the order was cancelled.",
        ],
        "if_unavailable_return": [
            " If that can't be done, I'll just send it back.",
            " Failing that, it can be returned instead.",
        ],
    },
    "ru": {
        "name_zip": [
            "Заказ оформлен на {first} {last}, индекс {zip}.",
            "Аккаунт должен быть на имя {first} {last}; индекс у нас {zip}.",
            "Фамилия, имя — {first} {last}. Почтовый индекс {zip}.",
        ],
        "email": [
            "Почта, на которую всё оформлялось, — {email}.",
            "Внучка оформляла на адрес {email}.",
            "Посмотрите, пожалуйста, по почте {email}.",
        ],
        "cancel": [
            "Будьте добры, хотелось бы, чтобы заказ {order} был отменён: {reason}.",
            "Заказ {order} больше не нужен, {reason}. Нельзя ли его отменить?",
            "Не откажите в любезности, отмените заказ {order} — {reason}.",
        ],
        "cancel_gist": ["Хотелось бы, чтобы один заказ был отменён.", "Есть заказ, который мне больше не нужен."],
        "cancel_all": [
            "Все заказы, которые ещё не отправлены, мне больше не нужны, {reason}. Можно их все отменить?",
            "Хотелось бы, чтобы все мои необработанные заказы были отменены, {reason}.",
        ],
        "return": [
            "{items} из заказа {order} мне больше не нужны, их можно вернуть, а деньги — на {payment}.",
            "Боюсь, {items} из заказа {order} придётся отправить обратно. Деньги, пожалуйста, на {payment}.",
            "Нельзя ли оформить, чтобы {items} из заказа {order} были возвращены? Деньги на {payment}.",
        ],
        "return_gist": [
            "Кое-что из полученного не подошло, придётся вернуть.",
            "Хотелось бы, чтобы вещи забрали обратно.",
        ],
        "exchange": [
            "В заказе {order} хотелось бы: {changes}; доплату можно списать с {payment}.",
            "В заказе {order} выбрали не то: лучше {changes}. Разницу — с {payment}.",
        ],
        "exchange_gist": ["Пришло не то, хотелось бы, чтобы поменяли.", "Нельзя ли обменять один товар?"],
        "modify_items": [
            "Заказ {order}, кажется, ещё не отправлен, хотелось бы его изменить: {changes}. Разницу с {payment}.",
            "Пока заказ {order} не отправили, нельзя ли поменять? {changes}, разницу — с {payment}.",
        ],
        "modify_items_gist": [
            "В заказе, который ещё не отправлен, выбран не тот вариант.",
            "Хотелось бы, чтобы заказ изменили до отправки.",
        ],
        "address": [
            "Заказ {order} не должен идти на старый адрес, его нужно доставить по адресу {address}.",
            "Я переехала, поэтому хотелось бы, чтобы заказ {order} отправили на {address}.",
            "Адрес в заказе {order} устарел. Правильный — {address}.",
        ],
        "address_gist": [
            "Я переехала, а заказ всё ещё идёт на старый адрес.",
            "Нужно поменять адрес доставки в заказе.",
        ],
        "payment": [
            "Хотелось бы, чтобы заказ {order} был оплачен через {payment}.",
            "Нельзя ли, чтобы заказ {order} оплатили с {payment}, а не как раньше?",
        ],
        "payment_gist": ["Хотелось бы оплатить заказ по-другому.", "Способ оплаты в одном заказе нужно поменять."],
        "yes": [
            "Да, всё так. Спасибо, голубчик.",
            "Да, верно, сделайте, пожалуйста.",
            "Да, это было бы чудесно.",
            "Так, да. Делайте.",
        ],
        "no": ["Нет, я не этого хотела.", "Боюсь, это неверно.", "Нет, не так, извините."],
        "also": ["Раз уж я до вас дозвонилась: {request}", "И ещё одно: {request}"],
        "done": ["Нет, это всё. Большое спасибо.", "На сегодня всё, спасибо."],
        "already": ["Я же только что это сказала.", "Мне кажется, я уже это говорила."],
        "order_ref": ["номер {id}", "{id}", "заказ за номером {id}"],
        "order_desc": ["заказ, в котором был {item}", "тот, где я покупала {item}"],
        "everything": ["всё, весь заказ", "все вещи оттуда"],
        "except": ["всё, только не {item}", "всё, кроме {item}, его я оставлю"],
        "change_one": ["{item} лучше {new}", "вместо {item} — {new}"],
        "reason_no_longer_needed": ["оказалось, он не нужен", "он мне теперь ни к чему"],
        "reason_ordered_by_mistake": ["заказали по ошибке", "я не ту кнопку нажала"],
        "paypal": ["счёт PayPal", "PayPal, пожалуйста"],
        "credit_card": ["карту {brand}, которая кончается на {last_four}", "мою карту, ту, что на {last_four}"],
        "gift_card": ["подарочную карту", "мою подарочную карту"],
        "original": ["туда, откуда платили", "тем же способом, каким платила"],
        "option_no": ["без {key}", "такой, где нет {key}"],
        "option_yes": ["с {key}", "такой, где есть {key}"],
        "same_street": ["адрес тот же, только теперь {unit}", "тот же дом, но {unit}"],
        "same_as_order": ["туда же, куда шёл заказ {order}", "на тот же адрес, что в заказе {order}"],
        "hedge": ["; {item} пусть остаётся", "; {item}, пожалуйста, не трогайте"],
        "same": ["такой же, как был", "тот же самый, пожалуйста"],
        "correction": ["Нет, извините, должно быть {what}.", "Я имела в виду {what}, простите."],
        "if_unavailable_cancel": [
            " Если так нельзя, пусть весь заказ отменят.",
            " Если нет в наличии, лучше отмените заказ.",
        ],
        "if_unavailable_return": [" Если так нельзя, я просто верну.", " А если не выйдет — пусть оформят возврат."],
    },
    "zh": {
        "name_zip": [
            "订单是用{first} {last}的名字下的，邮递区号{zip}。",
            "名字应该是{first} {last}，邮递区号是{zip}。",
            "{first} {last}，邮递区号{zip}，麻烦您查一下。",
        ],
        "email": ["当初注册的电子邮件是{email}。", "孙子帮我用{email}注册的。", "麻烦用{email}查一下。"],
        "cancel": [
            "麻烦您，订单{order}我想取消，{reason}。",
            "订单{order}不需要了，{reason}，可以帮我取消吗？",
            "不好意思，{order}这笔订单想请您取消，{reason}。",
        ],
        "cancel_gist": ["我有一笔订单想取消。", "有一笔订单我不想要了。"],
        "cancel_all": [
            "还没寄出的订单我都不需要了，{reason}，可以全部取消吗？",
            "麻烦把我所有还在处理中的订单都取消，{reason}。",
        ],
        "return": [
            "订单{order}的{items}我不需要了，可以退回去，钱请退到{payment}。",
            "不好意思，{order}里的{items}恐怕要寄回去，退款麻烦退到{payment}。",
            "请问订单{order}的{items}可以退货吗？钱退到{payment}就好。",
        ],
        "return_gist": ["收到的东西有几样不合适，要退回去。", "想麻烦您帮我办退货。"],
        "exchange": [
            "订单{order}里我想要{changes}，要补的钱从{payment}扣。",
            "订单{order}当初选错了，我比较想要{changes}，差额用{payment}。",
        ],
        "exchange_gist": ["收到的不是我要的那款，想换一下。", "请问商品可以换货吗？"],
        "modify_items": [
            "订单{order}应该还没寄出吧，想改一下：{changes}，差额用{payment}。",
            "{order}寄出之前可以改吗？{changes}，差额刷{payment}。",
        ],
        "modify_items_gist": ["还没寄出的订单选错了规格。", "想在订单寄出前改一下内容。"],
        "address": [
            "订单{order}不要寄到旧地址，请改寄到{address}。",
            "我搬家了，麻烦把{order}改寄到{address}。",
            "订单{order}上的地址是旧的，正确的是{address}。",
        ],
        "address_gist": ["我搬家了，有笔订单还是寄到旧地址。", "订单的收件地址需要改一下。"],
        "payment": ["订单{order}想改用{payment}付款。", "请问{order}可以改成用{payment}付吗？"],
        "payment_gist": ["想换一种方式付订单的钱。", "有笔订单的付款方式要改。"],
        "yes": ["对，没错，谢谢您。", "是的，麻烦您了。", "好的，就这样办。", "对对，请帮我处理。"],
        "no": ["不是，这不是我要的。", "不好意思，这样不对。", "不对喔。"],
        "also": ["顺便问一下，{request}", "还有一件事：{request}"],
        "done": ["没有了，谢谢您。", "今天就这样，谢谢。"],
        "already": ["我刚刚有说过了。", "这个我刚才讲过了。"],
        "order_ref": ["编号{id}", "{id}", "订单{id}"],
        "order_desc": ["有买{item}的那笔订单", "我买{item}的那笔"],
        "everything": ["全部，整笔订单", "里面每一样"],
        "except": ["全部，但是{item}不要", "{item}以外的全部，{item}我留着"],
        "change_one": ["{item}改成{new}", "{item}换{new}的"],
        "reason_no_longer_needed": ["后来发现用不到", "现在用不着了"],
        "reason_ordered_by_mistake": ["是下错单了", "我按错了"],
        "paypal": ["PayPal帐户", "PayPal"],
        "credit_card": ["尾数{last_four}的{brand}信用卡", "我那张末四码{last_four}的卡"],
        "gift_card": ["礼物卡", "我的礼品卡"],
        "original": ["原本付款的地方", "原来的付款方式"],
        "option_no": ["没有{key}的", "不要{key}"],
        "option_yes": ["有{key}的", "要{key}"],
        "same_street": ["地址一样，只是现在是{unit}", "同一栋，{unit}"],
        "same_as_order": ["跟订单{order}一样的地址", "寄到订单{order}那个地址"],
        "hedge": ["；{item}就留着", "；{item}请不要动"],
        "same": ["跟原本一样", "一样的就好"],
        "correction": ["不是，不好意思，应该是{what}。", "我是说{what}，抱歉。"],
        "if_unavailable_cancel": ["如果没办法，那整笔订单取消好了。", "没货的话就把订单取消。"],
        "if_unavailable_return": ["如果没办法，我就退货。", "不行的话就办退货。"],
    },
}

FAMILY10_PRODUCTS: dict[str, tuple[list[str], list[str]]] = {
    "Laptop": (["ноутбучок"], ["笔电"]),
    "Smartphone": (["телефон"], ["手机"]),
    "Headphones": (["наушники большие"], ["耳罩式耳机"]),
    "Portable Charger": (["зарядку для телефона"], ["行动电源"]),
    "Sneakers": (["кроссовочки"], ["球鞋"]),
    "Electric Kettle": (["чайник"], ["快煮壶"]),
    "Office Chair": (["стул для компьютера"], ["电脑椅"]),
    "T-Shirt": (["маечку"], ["T恤"]),
    "Wireless Earbuds": (["беспроводные наушнички"], ["无线耳机"]),
    "Water Bottle": (["бутылочку для воды"], ["水壶"]),
}
