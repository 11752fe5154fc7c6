"""A thirteenth way simulated customers talk (``family`` 12): the held-out from session 26 on, written before any
transcript of it was read (family 11, the held-out before it, was read and tuned on in session 26).

Customers here are callers whose words reach the bot through speech recognition: lower case, little or no
punctuation, fillers ("um", "uh", "like", "you know"), a false start ("i want to — i need to"), the request said
after the story, numbers and e-mails sometimes spelled out as spoken. Russian callers with "ну", "короче", "это
самое", "значит" and no commas; Chinese callers with "那个", "就是", "嗯", "然后", in one run without punctuation
but for a space here and there, with product words of their own (FAMILY12_PRODUCTS).
"""

from __future__ import annotations

# lang -> key -> templates. Same keys and fields as phrasebook.T.
FAMILY12: dict[str, dict[str, list[str]]] = {
    "en": {
        "name_zip": [
            "yeah it's um {first} {last} and the zip is {zip}",
            "{first} {last} zip code {zip}",
            "uh my name's {first} {last} {zip} is the zip",
        ],
        "email": [
            "it's {email}",
            "um the email is {email} i think yeah",
            "sure {email}",
        ],
        "cancel": [
            "hi so um i placed an order {order} and uh i want to cancel it {reason}",
            "yeah hi i need to like cancel order {order} because {reason}",
            "so the order {order} i don't uh i want to — i need to cancel that one {reason}",
        ],
        "cancel_gist": [
            "hi um i'm calling about an order i want to cancel",
            "yeah so i need to cancel something i ordered",
        ],
        "cancel_all": [
            "so basically um can you cancel all my orders that haven't gone out yet {reason}",
            "i want to cancel uh every order that's still pending {reason} all of them",
        ],
        "return": [
            "hi so i got order {order} and um i want to return {items} and the money back to {payment}",
            "yeah so the {items} from order {order} i'd like to send that back uh refund to {payment} please",
            "okay so um order {order} you know the {items} i'm returning those refund on {payment}",
        ],
        "return_gist": [
            "hi um i want to return some stuff i got",
            "yeah i'm calling because i need to send some things back",
        ],
        "exchange": [
            "hi so i got order {order} and um i need to exchange like {changes} and uh put the difference on {payment}",
            "yeah so for order {order} i want to swap uh {changes} and the difference on {payment} i guess",
        ],
        "exchange_gist": [
            "hi um i got the wrong size or whatever and i want to exchange it",
            "yeah i need to exchange something from my order",
        ],
        "modify_items": [
            "so order {order} hasn't shipped yet right um can you change {changes} difference on {payment}",
            "hi i want to uh — i need to change order {order} before it ships {changes} pay with {payment}",
        ],
        "modify_items_gist": [
            "um i ordered something and i picked the wrong option can i still change it",
            "yeah so i need to change what's in my order it hasn't shipped",
        ],
        "address": [
            "hi so um order {order} is going to the wrong address it should go to {address}",
            "yeah i moved and uh order {order} needs to go to {address} instead",
            "so the address on order {order} um can you change it to {address}",
        ],
        "address_gist": [
            "hi um i need to change where my order is going",
            "yeah the shipping address on my order is wrong",
        ],
        "payment": [
            "hi um can i pay for order {order} with {payment} instead",
            "yeah so order {order} i want to uh switch it to {payment}",
        ],
        "payment_gist": [
            "hi i want to change how i'm paying for an order",
            "um can i change the payment on my order",
        ],
        "yes": ["yeah", "yeah yeah go ahead", "uh yes please", "yep that's right"],
        "no": ["no no that's not right", "um no", "no that's wrong"],
        "also": ["oh and um {request}", "and uh one more thing {request}"],
        "done": ["no that's it thanks", "nope that's all thank you"],
        "already": ["um i just said that", "i told you already"],
        "order_ref": ["{id}", "order {id}", "the order number is {id}"],
        "order_desc": ["the one with the {item}", "um the order with {item} in it"],
        "everything": ["everything", "uh all of it the whole thing"],
        "except": ["everything except the {item}", "all of it but not the {item}"],
        "change_one": ["the {item} to {new}", "um the {item} i want {new}"],
        "reason_no_longer_needed": ["i don't really need it anymore", "i don't need it"],
        "reason_ordered_by_mistake": ["i ordered it by accident", "it was a mistake"],
        "paypal": ["paypal", "my paypal"],
        "credit_card": ["the {brand} ending in {last_four}", "my card ending {last_four}"],
        "gift_card": ["my gift card", "the gift card"],
        "original": ["the original payment", "um however i paid"],
        "option_no": ["no {key}", "without {key}"],
        "option_yes": ["with {key}", "the {key} one"],
        "same_street": ["same address just {unit}", "it's the same place um {unit}"],
        "same_as_order": ["the same address as order {order}", "where order {order} went"],
        "hedge": [" but um not the {item}", " and leave the {item}"],
        "same": ["the same one", "uh just the same"],
        "correction": ["no um {what}", "no no {what}"],
        "if_unavailable_cancel": [
            " and if you don't have it just cancel the order",
            " um if that's not available then cancel the whole thing",
        ],
        "if_unavailable_return": [
            " and if you can't then i'll just return it",
            " if that doesn't work i'll return it",
        ],
    },
    "ru": {
        "name_zip": [
            "ну {first} {last} индекс {zip}",
            "это самое {first} {last} индекс значит {zip}",
            "{first} {last} {zip}",
        ],
        "email": ["почта {email}", "ну {email} вроде", "{email}"],
        "cancel": [
            "здравствуйте ну короче я заказ {order} хочу отменить {reason}",
            "да здравствуйте мне надо отменить заказ {order} это самое {reason}",
            "ну значит заказ {order} я хочу — мне надо его отменить {reason}",
        ],
        "cancel_gist": ["здравствуйте ну мне заказ надо отменить", "короче я хочу отменить заказ"],
        "cancel_all": [
            "ну короче отмените все мои заказы которые ещё не отправили {reason}",
            "мне надо отменить все заказы что ещё не ушли {reason} все",
        ],
        "return": [
            "здравствуйте ну я получил заказ {order} и хочу вернуть {items} деньги на {payment}",
            "короче из заказа {order} {items} хочу сдать обратно деньги это самое на {payment}",
            "ну значит заказ {order} {items} я возвращаю деньги на {payment}",
        ],
        "return_gist": ["здравствуйте ну мне надо кое-что вернуть", "короче хочу вернуть товар"],
        "exchange": [
            "здравствуйте ну по заказу {order} мне надо обменять {changes} разницу с {payment}",
            "короче заказ {order} хочу поменять {changes} ну и разница с {payment}",
        ],
        "exchange_gist": ["здравствуйте ну мне прислали не тот размер хочу обменять", "короче надо обменять товар"],
        "modify_items": [
            "ну заказ {order} ещё не отправили да это самое поменяйте {changes} разницу с {payment}",
            "здравствуйте я хочу — мне надо поменять в заказе {order} пока не отправили {changes} платить с {payment}",
        ],
        "modify_items_gist": [
            "ну я в заказе не тот вариант выбрал можно ещё поменять",
            "короче надо изменить заказ пока его не отправили",
        ],
        "address": [
            "здравствуйте ну заказ {order} едет не туда надо на {address}",
            "короче я переехал и заказ {order} надо отправить на {address}",
            "ну адрес у заказа {order} это самое поменяйте на {address}",
        ],
        "address_gist": ["здравствуйте мне надо поменять адрес доставки", "ну в заказе адрес неправильный"],
        "payment": [
            "здравствуйте ну можно заказ {order} оплатить через {payment}",
            "короче заказ {order} хочу оплатить с {payment} а не как сейчас",
        ],
        "payment_gist": ["ну мне надо поменять оплату в заказе", "здравствуйте можно поменять способ оплаты"],
        "yes": ["ну да", "да да давайте", "да", "ага всё верно"],
        "no": ["нет нет не так", "ну нет", "нет это неправильно"],
        "also": ["а ещё это самое {request}", "и ещё одно значит {request}"],
        "done": ["нет всё спасибо", "ну всё больше ничего"],
        "already": ["ну я же только что сказал", "я уже говорил"],
        "order_ref": ["{id}", "заказ {id}", "номер заказа {id}"],
        "order_desc": ["тот где {item}", "ну заказ где был {item}"],
        "everything": ["всё", "ну всё целиком весь заказ"],
        "except": ["всё кроме {item}", "всё а {item} не надо"],
        "change_one": ["{item} на {new}", "ну {item} хочу {new}"],
        "reason_no_longer_needed": ["он мне уже не нужен", "ну не нужен больше"],
        "reason_ordered_by_mistake": ["я его по ошибке заказал", "ну случайно заказал"],
        "paypal": ["PayPal", "мой PayPal"],
        "credit_card": ["карту {brand} на {last_four}", "карту на {last_four}"],
        "gift_card": ["подарочную карту", "ну подарочную карту"],
        "original": ["туда откуда платил", "как платил так и верните"],
        "option_no": ["без {key}", "ну без {key}"],
        "option_yes": ["с {key}", "который с {key}"],
        "same_street": ["адрес тот же только {unit}", "ну тот же дом {unit}"],
        "same_as_order": ["тот же адрес что у заказа {order}", "туда же куда заказ {order}"],
        "hedge": [" а {item} не трогайте", " ну {item} оставьте"],
        "same": ["такой же", "ну точно такой же"],
        "correction": ["нет это самое {what}", "нет нет {what}"],
        "if_unavailable_cancel": [" а если нету то отмените заказ", " ну если не получится отмените весь заказ"],
        "if_unavailable_return": [" а если нельзя то я верну", " если не выйдет ну тогда возврат"],
    },
    "zh": {
        "name_zip": ["嗯 我叫{first} {last} 邮编是{zip}", "{first} {last} 邮编{zip}", "那个 名字{first} {last} {zip}"],
        "email": ["邮箱是{email}", "嗯 {email}", "就是{email}"],
        "cancel": [
            "喂 你好 那个订单{order}我想取消 {reason}",
            "就是我有个订单{order}嗯 要取消掉 {reason}",
            "那个 订单{order}我想 就是要取消 然后{reason}",
        ],
        "cancel_gist": ["喂 你好 我想取消一个订单", "那个 就是我要取消订单"],
        "cancel_all": ["那个 我还没发货的订单全都取消吧 {reason}", "就是所有没发出去的订单都取消 {reason}"],
        "return": [
            "喂 你好 订单{order}那个{items}我想退 钱退到{payment}",
            "就是订单{order}的{items}嗯 我要退货 然后钱退{payment}",
            "那个 {order}里面的{items}要退 退到{payment}就行",
        ],
        "return_gist": ["喂 你好 我想退点东西", "那个 就是我买的东西要退"],
        "exchange": [
            "喂 订单{order}那个 我要换一下 {changes} 然后差价用{payment}",
            "就是订单{order}嗯 {changes} 差价{payment}付",
        ],
        "exchange_gist": ["喂 你好 我收到的东西要换一下", "那个 东西发错了我要换"],
        "modify_items": [
            "那个 订单{order}还没发吧 嗯 帮我改一下 {changes} 差价用{payment}",
            "喂 就是订单{order}发货之前 我想 就是要改 {changes} 然后用{payment}",
        ],
        "modify_items_gist": ["嗯 我下单的时候选错了 还能改吗", "那个 订单还没发 我想改一下里面的东西"],
        "address": [
            "喂 你好 订单{order}的地址不对 要寄到{address}",
            "就是我搬家了 嗯 订单{order}改寄到{address}",
            "那个 订单{order}地址改一下 改成{address}",
        ],
        "address_gist": ["喂 我想改一下订单的收货地址", "那个 订单地址填错了"],
        "payment": ["喂 订单{order}能不能改成{payment}付款", "那个 订单{order}我想换成用{payment}支付"],
        "payment_gist": ["嗯 我想换一下订单的付款方式", "那个 付款方式能改吗"],
        "yes": ["嗯 对", "对对 可以", "好的 是", "嗯 没问题"],
        "no": ["不对不对", "嗯 不是", "不是这样的"],
        "also": ["然后那个 {request}", "还有就是 {request}"],
        "done": ["没了 谢谢", "嗯 就这些"],
        "already": ["我刚才说了啊", "那个 我已经说过了"],
        "order_ref": ["{id}", "订单{id}", "订单号{id}"],
        "order_desc": ["有{item}的那个", "就是买{item}那个订单"],
        "everything": ["全部", "嗯 全都要"],
        "except": ["除了{item}都要", "全部 那个{item}不要"],
        "change_one": ["{item}换成{new}", "那个{item}要{new}的"],
        "reason_no_longer_needed": ["不需要了", "就是用不着了"],
        "reason_ordered_by_mistake": ["下错了", "就是不小心买的"],
        "paypal": ["PayPal", "我的PayPal"],
        "credit_card": ["尾号{last_four}的{brand}卡", "尾号{last_four}的卡"],
        "gift_card": ["礼品卡", "那个礼品卡"],
        "original": ["原路退", "怎么付的就怎么退"],
        "option_no": ["不要{key}", "没有{key}"],
        "option_yes": ["要{key}", "带{key}的"],
        "same_street": ["地址一样 就是{unit}", "还是那个地址 {unit}"],
        "same_as_order": ["跟订单{order}一样的地址", "寄到订单{order}那个地址"],
        "hedge": [" 那个{item}不动", " {item}就别改了"],
        "same": ["一样的", "同款"],
        "correction": ["不是 {what}", "不对不对 {what}"],
        "if_unavailable_cancel": [" 没货的话就取消订单", " 如果不行就整个取消"],
        "if_unavailable_return": [" 不行的话我就退了", " 换不了就退货"],
    },
}

FAMILY12_PRODUCTS: dict[str, tuple[list[str], list[str]]] = {
    "Wireless Earbuds": (["беспроводные наушники"], ["蓝牙耳机"]),
    "Running Shoes": (["кроссовки для бега"], ["跑步鞋"]),
    "Water Bottle": (["бутылку для воды"], ["水杯"]),
    "Vacuum Cleaner": (["пылесос"], ["吸尘器"]),
    "Wristwatch": (["наручные часы"], ["手表"]),
    "Tablet": (["планшет"], ["平板"]),
    "Bookshelf": (["книжную полку"], ["书架"]),
    "Mechanical Keyboard": (["клавиатуру"], ["键盘"]),
    "Sunglasses": (["солнечные очки"], ["墨镜"]),
    "Yoga Mat": (["коврик для йоги"], ["瑜伽垫"]),
}
