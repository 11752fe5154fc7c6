"""A twenty-fourth way simulated customers talk (``family`` 23): the held-out from session 36 on, written before any
transcript of it was read (family 22, the held-out before it, was read and tuned on in session 35).

Customers here tell the story before the request: what happened and when ("so the package came on Tuesday and …",
"my daughter picked these out for her dorm, and …", "long story short, …"), then ask indirectly ("I was hoping you
could …", "would it be possible to …", "I think what I'd like is …"), say yes as someone thinking aloud ("yeah, I
suppose that works, go on", "mm-hm, that's it") and no as "hmm, no, that's not quite it". Russian storytelling
("Понимаете, какая ситуация: …", "короче говоря", "Я вот думаю, может …", "Ну да, пожалуй, давайте"); Chinese
("是这样的，……", "长话短说", "我想的是……", "嗯，那就这样吧"). Product words of their own (FAMILY23_PRODUCTS).
"""

from __future__ import annotations

# lang -> key -> templates. Same keys and fields as phrasebook.T.
FAMILY23: dict[str, dict[str, list[str]]] = {
    "en": {
        "name_zip": [
            "oh, right, it's under {first} {last}, and the zip would be {zip}",
            "my son set the account up, but it's in my name, {first} {last}, zip {zip}",
            "{first} {last}. Zip code... {zip}, yes",
        ],
        "email": [
            "I think it's {email}, that's the one I use for shopping",
            "my grandson made it for me: {email}",
            "it should be {email}",
        ],
        "cancel": [
            "So I placed order {order} a few days ago, and then I talked it over with my husband. Long story short, "
            "I was hoping you could cancel it. {reason}",
            "I ordered some things last week, order {order}, and honestly I've been having second thoughts. Would it "
            "be possible to cancel it? {reason}",
            "Here's the thing: order {order} hasn't gone out yet, and I think what I'd like is to cancel it. {reason}",
        ],
        "cancel_gist": [
            "I placed an order the other day and, well, I've been thinking about it, and I'd like to cancel it",
            "so my plans changed this week, and I was hoping to cancel an order",
        ],
        "cancel_all": [
            "Things have changed a lot at home this month, so I was hoping you could cancel all my orders that "
            "haven't shipped yet. {reason}",
            "I went a bit overboard with shopping, to be honest. Would it be possible to cancel every order that "
            "hasn't gone out? {reason}",
        ],
        "return": [
            "So the package from order {order} came on Tuesday, and we opened it up, and I was hoping to send back "
            "{items}. Could the money go to {payment}?",
            "My daughter picked out a few things for her dorm in order {order}, and it turns out she doesn't need "
            "{items}. Would it be possible to return that? The refund to {payment}, please",
            "Long story short, {items} from order {order} just isn't working out for us, so I think I'd like to "
            "return it, with the refund to {payment}",
        ],
        "return_gist": [
            "so I got my package the other day, and some of it just isn't right for us, I'd like to send it back",
            "we received a delivery last week and I was hoping to return part of it",
        ],
        "exchange": [
            "So order {order} arrived, and when I looked it over I realised I'd picked wrong. What I'd like is "
            "{changes}. Anything owed can go through {payment}",
            "My wife noticed it first, actually: in order {order} we'd rather have {changes}. Would that be possible? "
            "Use {payment} for any difference",
        ],
        "exchange_gist": [
            "something I received last week turned out to be the wrong version, and I was hoping to swap it",
            "we got our delivery and, well, one thing isn't the kind we wanted, so I'd like to exchange it",
        ],
        "modify_items": [
            "I ordered order {order} in a hurry the other night, and looking at it again, I think I'd like {changes} "
            "before it ships. The difference can go to {payment}",
            "So I was telling my sister about order {order}, and she pointed out I should get {changes}. Is it too "
            "late to change that? Use {payment} for the difference",
        ],
        "modify_items_gist": [
            "I put in an order in a hurry, and I was hoping to change something in it before it ships",
            "looking over an order I haven't received yet, I think I picked the wrong version of something",
        ],
        "address": [
            "So we're in the middle of moving, and I just realised order {order} is going to the old place. Could it "
            "go to {address} instead?",
            "My mother is staying with us for a while, so I was hoping order {order} could be sent to {address}",
        ],
        "address_gist": [
            "we're moving house this month, and I think one of my orders is going to the old address",
            "I was hoping to change where an order is being sent, we've had a change of plans",
        ],
        "payment": [
            "My card got replaced last week, so for order {order} I was hoping to pay with {payment} instead",
            "Long story short, I'd rather order {order} went on {payment}. Would that be possible?",
        ],
        "payment_gist": [
            "there's been a mix-up with my cards, and I was hoping to change how an order is paid",
            "I think I paid for an order the wrong way, and I'd like to change it",
        ],
        "yes": ["yeah, I suppose that works, go on", "mm-hm, that's it", "yes, I think that's right", "alright, yes"],
        "no": ["hmm, no, that's not quite it", "oh, no, that's not what I meant", "no, I don't think so"],
        "also": ["oh, and while I have you: {request}", "and one more thing, now that I think of it: {request}"],
        "done": ["no, I think that's everything, thank you dear", "that's all, you've been very helpful"],
        "already": ["oh, I think I told you that at the start", "I believe I mentioned that already"],
        "order_ref": ["{id}", "order {id}", "the one that's {id}"],
        "order_desc": ["the order where I got the {item}", "the one with the {item} in it"],
        "everything": ["the whole lot", "all of it"],
        "except": ["all of it except the {item}", "everything but the {item}, we're keeping that"],
        "change_one": ["the {item} in {new}", "the {item}, but {new}"],
        "reason_no_longer_needed": ["We don't really need it anymore.", "It turns out we won't use it."],
        "reason_ordered_by_mistake": ["I think I ordered it by mistake.", "I clicked the wrong thing, honestly."],
        "paypal": ["my PayPal", "the PayPal account"],
        "credit_card": ["my {brand}, the one ending {last_four}", "the {brand} card that ends in {last_four}"],
        "gift_card": ["that gift card I have", "my gift card"],
        "original": ["however I paid the first time", "the same way I paid"],
        "option_no": ["one without {key}", "the kind without {key}"],
        "option_yes": ["one with {key}", "the kind with {key}"],
        "same_street": ["the same street, but {unit}", "same place, only {unit}"],
        "same_as_order": ["wherever order {order} went", "the same address as order {order}"],
        "hedge": [" — oh, but we're keeping the {item}", ", though the {item} we'll hang on to"],
        "same": ["just the same one again", "the same thing"],
        "correction": ["oh, sorry, I got that wrong: {what}", "wait, let me say that again: {what}"],
        "if_unavailable_cancel": [", and if that can't be done, I suppose just cancel it", ". Otherwise, cancel it"],
        "if_unavailable_return": [", and if you can't swap it, I'll just return it", ". Otherwise, a refund is fine"],
    },
    "ru": {
        "name_zip": [
            "а, да, записано на {first} {last}, индекс {zip}",
            "аккаунт сын заводил, но на моё имя: {first} {last}, индекс {zip}",
            "{first} {last}. Индекс… {zip}, да",
        ],
        "email": ["кажется, {email}, я её для покупок завела", "внук мне делал: {email}", "должна быть {email}"],
        "cancel": [
            "Понимаете, какая ситуация: я оформила заказ {order} пару дней назад, а потом мы с мужем посоветовались. "
            "Короче говоря, хотела бы его отменить. {reason}",
            "Я на прошлой неделе заказала кое-что, заказ {order}, и вот думаю — может, отменить его можно? {reason}",
        ],
        "cancel_gist": [
            "Я тут заказ сделала на днях, подумала-подумала и хочу его отменить",
            "У меня планы поменялись, хотела бы заказ отменить",
        ],
        "cancel_all": [
            "Дома всё поменялось в этом месяце, так что хотела бы отменить все заказы, которые ещё не отправлены. "
            "{reason}",
            "Я, честно говоря, увлеклась покупками. Можно отменить все заказы, что ещё не ушли? {reason}",
        ],
        "return": [
            "Посылка по заказу {order} пришла во вторник, мы открыли, и я вот хотела бы вернуть {items}. Деньги "
            "можно на {payment}?",
            "Дочка выбирала вещи в общежитие, заказ {order}, и оказалось, {items} ей не нужно. Можно вернуть? "
            "Деньги на {payment}",
        ],
        "return_gist": [
            "Мне на днях пришла посылка, и кое-что нам не подошло, хочу вернуть",
            "Мы получили доставку на прошлой неделе, и я бы хотела вернуть часть",
        ],
        "exchange": [
            "Заказ {order} пришёл, я посмотрела и поняла, что выбрала не то. Я бы хотела {changes}. Если что "
            "доплатить — через {payment}",
            "Жена первая заметила: в заказе {order} нам бы лучше {changes}. Так можно? Разницу через {payment}",
        ],
        "exchange_gist": [
            "Мне на прошлой неделе пришло не то исполнение, я бы хотела поменять",
            "Доставку получили, но одна вещь не того вида, хочу обменять",
        ],
        "modify_items": [
            "Я вечером второпях оформила заказ {order}, а сейчас посмотрела — я бы хотела {changes}, пока не "
            "отправили. Разницу на {payment}",
            "Рассказывала сестре про заказ {order}, и она говорит, надо {changes}. Ещё не поздно поменять? Разницу "
            "через {payment}",
        ],
        "modify_items_gist": [
            "Я второпях сделала заказ и хотела бы кое-что поменять, пока не отправили",
            "Смотрю на заказ, который ещё не пришёл, и, кажется, выбрала не тот вариант",
        ],
        "address": [
            "Мы сейчас переезжаем, и я только поняла, что заказ {order} идёт на старую квартиру. Можно отправить на "
            "{address}?",
            "У нас мама пока гостит, так что хотела бы, чтобы заказ {order} доставили на {address}",
        ],
        "address_gist": [
            "Мы в этом месяце переезжаем, и, кажется, один заказ идёт на старый адрес",
            "Хотела бы поменять, куда отправят заказ, у нас планы поменялись",
        ],
        "payment": [
            "Мне на прошлой неделе карту перевыпустили, так что за заказ {order} хотела бы заплатить через {payment}",
            "Короче говоря, я бы лучше оплатила заказ {order} через {payment}. Так можно?",
        ],
        "payment_gist": [
            "У меня путаница с картами, хотела бы поменять, как оплачен заказ",
            "Кажется, я не тем способом оплатила заказ, хочу поменять",
        ],
        "yes": ["ну да, пожалуй, давайте", "угу, вот так", "да, вроде всё верно", "хорошо, да"],
        "no": ["хм, нет, не совсем так", "ой, нет, я не то имела в виду", "нет, не думаю"],
        "also": ["ой, и раз уж я дозвонилась: {request}", "и ещё, вспомнила: {request}"],
        "done": ["нет, вроде всё, спасибо, милая", "всё, вы мне очень помогли"],
        "already": ["я же, кажется, в начале говорила", "я вроде уже это сказала"],
        "order_ref": ["{id}", "заказ {id}", "тот, что {id}"],
        "order_desc": ["заказ, где был {item}", "тот, где {item}"],
        "everything": ["всё целиком", "всё"],
        "except": ["всё, кроме {item}, это оставим", "всё, только {item} не трогайте"],
        "change_one": ["{item} в варианте {new}", "{item}, но {new}"],
        "reason_no_longer_needed": ["Нам это уже не очень нужно.", "Оказалось, не пригодится."],
        "reason_ordered_by_mistake": ["Кажется, я заказала по ошибке.", "Не туда нажала, честно."],
        "paypal": ["мой PayPal", "PayPal"],
        "credit_card": ["мою {brand}, та, что на {last_four}", "карту {brand}, которая заканчивается на {last_four}"],
        "gift_card": ["мою подарочную карту", "ту подарочную карту"],
        "original": ["как в первый раз платила", "тем же способом, что и платила"],
        "option_no": ["без {key}", "такой, где нет {key}"],
        "option_yes": ["с {key}", "такой, где есть {key}"],
        "same_street": ["та же улица, только {unit}", "там же, только {unit}"],
        "same_as_order": ["туда же, куда шёл заказ {order}", "тот же адрес, что у заказа {order}"],
        "hedge": [" — а {item} мы оставим", ", хотя {item} пусть остаётся"],
        "same": ["такой же", "то же самое"],
        "correction": ["ой, простите, я не так сказала: {what}", "подождите, скажу ещё раз: {what}"],
        "if_unavailable_cancel": [", а если нельзя — ну тогда отмените", ". А иначе отмените"],
        "if_unavailable_return": [", а если поменять нельзя — я верну", ". А иначе верните деньги"],
    },
    "zh": {
        "name_zip": [
            "哦对，是{first} {last}的名字，邮编{zip}",
            "账号是我儿子帮我弄的，名字是{first} {last}，邮编{zip}",
            "{first} {last}。邮编……{zip}，对",
        ],
        "email": ["应该是{email}，我网购用的那个", "我孙子帮我注册的：{email}"],
        "cancel": [
            "是这样的，我前几天下了订单{order}，后来跟我老公商量了一下。长话短说，我想把它取消。{reason}",
            "我上周买了点东西，订单{order}，想来想去还是觉得不太需要，能不能取消啊？{reason}",
        ],
        "cancel_gist": ["我前两天下了个单，想了想还是想取消", "我这周计划变了，想取消一个订单"],
        "cancel_all": [
            "这个月家里情况变了，所以我想把还没发货的订单都取消了。{reason}",
            "说实话我买得有点多了。能不能把还没发出的订单全部取消？{reason}",
        ],
        "return": [
            "是这样的，订单{order}的包裹周二到了，我们拆开看了，我想把{items}退回去。钱能退到{payment}吗？",
            "我女儿给宿舍挑了些东西，订单{order}，结果{items}她用不上。能退吗？退款到{payment}",
        ],
        "return_gist": ["我前两天收到包裹，有些东西不太合适，想退", "上周收到一批货，我想退掉一部分"],
        "exchange": [
            "订单{order}到了，我一看发现选错了。我想要的是{changes}。要补差价的话走{payment}",
            "其实是我老婆先发现的：订单{order}里我们更想要{changes}。可以吗？差价用{payment}",
        ],
        "exchange_gist": ["上周收到的东西款式不对，我想换一下", "货收到了，不过有一件不是我们要的那种，想换"],
        "modify_items": [
            "那天晚上我匆匆下了订单{order}，现在再看，我想在发货前{changes}。差价走{payment}",
            "我跟我姐说起订单{order}，她说应该{changes}。现在改还来得及吗？差价用{payment}",
        ],
        "modify_items_gist": ["我下单太匆忙了，想在发货前改一下", "看了一下还没收到的订单，好像选错款了"],
        "address": [
            "是这样的，我们正在搬家，我刚发现订单{order}还是寄到旧地址。能改寄到{address}吗？",
            "我妈妈最近住我们这儿，所以我想把订单{order}寄到{address}",
        ],
        "address_gist": ["我们这个月搬家，好像有个订单要寄到旧地址了", "我们计划变了，想改一下订单的收货地址"],
        "payment": [
            "我上周换了新卡，所以订单{order}我想改用{payment}付",
            "长话短说，订单{order}我更想用{payment}付。可以吗？",
        ],
        "payment_gist": ["我的卡搞混了，想改一下订单的付款方式", "我好像用错方式付款了，想改一下"],
        "yes": ["嗯，那就这样吧", "对，就是这样", "嗯，应该没错", "好的，行"],
        "no": ["嗯……不对，不是这样的", "哦，不是，我不是这个意思", "不，我觉得不是"],
        "also": ["哦，对了，趁这会儿：{request}", "还有一件事，我刚想起来：{request}"],
        "done": ["没有了，应该就这些，谢谢你啊", "就这些，你帮了大忙了"],
        "already": ["我一开始好像说过了", "我记得我已经说了"],
        "order_ref": ["{id}", "订单{id}", "那个{id}的"],
        "order_desc": ["买了{item}的那个订单", "里面有{item}的那单"],
        "everything": ["全部", "所有的"],
        "except": ["除了{item}都要，{item}我们留着", "除了{item}以外的全部"],
        "change_one": ["{item}要{new}", "{item}，不过要{new}"],
        "reason_no_longer_needed": ["我们其实用不上了。", "结果发现用不着。"],
        "reason_ordered_by_mistake": ["我好像下错单了。", "说实话我点错了。"],
        "paypal": ["我的PayPal", "PayPal账户"],
        "credit_card": ["我那张尾号{last_four}的{brand}", "尾号{last_four}的{brand}卡"],
        "gift_card": ["我那张礼品卡", "我的礼品卡"],
        "original": ["我当初怎么付的就怎么退", "原来的付款方式"],
        "option_no": ["不带{key}的", "没有{key}的那种"],
        "option_yes": ["带{key}的", "有{key}的那种"],
        "same_street": ["同一条街，不过是{unit}", "还是那儿，只是{unit}"],
        "same_as_order": ["订单{order}寄去的地方", "跟订单{order}一样的地址"],
        "hedge": ["——不过{item}我们留着", "，{item}就留下吧"],
        "same": ["一样的再来一个", "同样的"],
        "correction": ["哦，不好意思，我说错了：{what}", "等一下，我重新说：{what}"],
        "if_unavailable_cancel": ["，要是不行的话，那就取消吧", "。不然就取消"],
        "if_unavailable_return": ["，换不了的话我就退了", "。不然退款也行"],
    },
}

FAMILY23_PRODUCTS: dict[str, tuple[list[str], list[str]]] = {
    "Office Chair": (["кресло для работы"], ["办公的椅子"]),
    "Laptop": (["ноут"], ["笔电"]),
    "Desk Lamp": (["лампу на стол"], ["桌上的台灯"]),
    "Mechanical Keyboard": (["клавиатуру механическую"], ["机械键盘"]),
    "Water Bottle": (["бутылочку для воды"], ["喝水的瓶子"]),
    "Coffee Maker": (["кофемашинку"], ["煮咖啡的机器"]),
    "Headphones": (["наушники"], ["头戴耳机"]),
    "Backpack": (["рюкзачок"], ["双肩背包"]),
    "Notebook": (["тетрадки"], ["本子"]),
    "Wall Clock": (["часы на стену"], ["墙上挂的钟"]),
}
