"""The word rules of message_reading, on ordinary phrasings in en/ru/zh: a confirmation's yes/no after fillers,
the two cancellation reasons in any words, a payment change vs an item change paying some way, a shipping
address vs an e-mail address, and an account address vs an order's."""

from __future__ import annotations

import pytest

from hotline.dialogue.answer_words import confirmation_answer
from hotline.dialogue.message_reading import (
    ADDRESS_CHANGE,
    REASON_MISTAKE,
    REASON_NOT_NEEDED,
    SAME_AS,
    USER_ADDRESS,
    payment_change,
)
from hotline.dialogue.request_kinds import keyword_kind


@pytest.mark.parametrize(
    "text",
    [
        "Perfect, go ahead.",
        "That's right, please proceed.",
        "yep, sounds good",
        "Hmm, yes please.",
        "Верно, оформляйте.",
        "Ну, давайте.",
        "Всё так.",
        "没错，办吧。",
        "嗯，对的。",
        "没问题",
        "yesss pls",  # typed stretched, as in a text to a friend
        "okk 就这样",
        "дааа, давайте",
    ],
)
def test_yes_in_many_words(text: str) -> None:
    assert confirmation_answer(text) == "yes"


@pytest.mark.parametrize(
    "text",
    [
        "Hmm, no — that's not it.",
        "Sorry, no: the other order.",
        "nah, wrong order",
        "That's not what I asked for.",
        "Извините, нет — ошибся при заказе.",
        "Не совсем.",
        "抱歉，不是这个。",
        "不对，不是这样",
        "nooo wait",
    ],
)
def test_no_in_many_words(text: str) -> None:
    assert confirmation_answer(text) == "no"


@pytest.mark.parametrize(
    "text", ["What is the refund time?", "Can you tell me more?", "请问多久到账", "yesterday it came", "nothing yet"]
)
def test_neither_yes_nor_no(text: str) -> None:
    assert confirmation_answer(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "I've decided I don't want it",
        "I don't have a use for it anymore",
        "turns out I won't need it",
        "not interested any more",
        "Я решил, что он мне не нужен",
        "он мне не пригодится",
        "现在用不着了",
        "我不想要了",
        "I no longer require it",  # the formal words (family 14's e-mail writers)
        "Необходимость в заказе отпала",
        "目前已无需此订单",
    ],
)
def test_no_longer_needed_in_other_words(text: str) -> None:
    assert REASON_NOT_NEEDED.search(text) and not REASON_MISTAKE.search(text)


@pytest.mark.parametrize(
    "text",
    [
        "the order was placed in error",
        "ошибся при заказе",
        "заказал нечаянно",
        "是误操作下的单",
        "不要了，下错了",
        "не туда тыкнула",  # clicked the wrong thing, as one texts it
    ],
)
def test_a_mistake_in_other_words(text: str) -> None:
    assert REASON_MISTAKE.search(text)


@pytest.mark.parametrize(
    "text",
    [
        "Could you move the charge for #W1234567 over to my gift card?",
        "For #W1234567 I'd rather pay with PayPal.",
        "订单#W1234567的钱能换成礼品卡扣吗？",
        "Переведите оплату заказа #W1234567 на карту visa.",
        "I'd prefer to use my card ending 4417 for order #W1234567 instead.",
        "can I use my mastercard ending in 0032 on the order #W1234567",
        "Good afternoon — could I possibly switch order #W1234567 over to the card ending 9182?",
        "可以把订单#W1234567改用尾号9182的卡付款吗？",
    ],
)
def test_a_payment_change_without_the_word_payment(text: str) -> None:
    assert payment_change(text)
    assert keyword_kind(text, text) == "payment"


@pytest.mark.parametrize(
    "text",
    [
        "For #W1234567 I'd like the bookshelf swapped for a taller one, paying with paypal",
        "Exchange the lamp in #W1234567 for the blue one, paypal for the difference",
        "Return the kettle from #W1234567, refund to my gift card",
        "订单#W1234567的台灯换成蓝色的，差价用礼品卡",
        "#W1234567发货之前——最好还没发——我要black的蓝牙音箱换成红色，用尾号4608那张卡付。",  # pays for the change
        "单号#W1234567我要rotisserie代替烧烤炉，用礼品卡付。",
    ],
)
def test_an_item_change_or_return_paying_some_way_is_no_payment_change(text: str) -> None:
    assert not payment_change(text)


def test_an_email_address_is_no_shipping_address() -> None:
    assert not ADDRESS_CHANGE.search("My e-mail address: a.b@example.com. Cancel #W1234567.")
    assert not ADDRESS_CHANGE.search("Мой адрес электронной почты a.b@example.com")
    assert not ADDRESS_CHANGE.search("我的邮箱地址是a.b@example.com")
    assert ADDRESS_CHANGE.search("Please ship it to another address")
    assert ADDRESS_CHANGE.search("Поменяйте адрес доставки")


def test_account_address_words() -> None:
    assert USER_ADDRESS.search("Please update my default address")
    assert USER_ADDRESS.search("change the address on my account")
    assert not USER_ADDRESS.search("The address for #W1234567 should be 1 Main St. The account email is a@b.com.")


@pytest.mark.parametrize(
    "text",
    [
        "Обмен: полку на 5 ft. Доплата или возврат разницы — подарочная карта.",
        "Swap the lamp for the blue one; refund the difference to PayPal.",
        "台灯换蓝色的，差价退到礼品卡",
    ],
)
def test_the_refund_of_a_price_difference_is_no_return(text: str) -> None:
    assert keyword_kind(text, text) != "return"


@pytest.mark.parametrize(
    "text",
    [
        "Please update where #W1234567 is delivered: the address #W7654321 is going to.",
        "Ship #W1234567 to the same place as #W7654321",
        "Use the address of order #W7654321 for #W1234567",
    ],
)
def test_another_orders_address(text: str) -> None:
    assert SAME_AS.search(text)


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("the address for order w 6002467 is wrong, it should be where order w 1866533 went", "#W1866533"),
        ("订单#W6002467现在需要寄到订单#W1866533寄过的地址", "#W1866533"),
        ("ship #W6002467 to the same address as #W1866533", "#W1866533"),
    ],
)
def test_an_order_named_as_where_to_ship_is_a_reference(text: str, reference: str) -> None:
    from hotline.dialogue.message_reading import SAME_AS, referenced_orders

    assert referenced_orders(text) == {reference}
    assert SAME_AS.search(text)


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("帮我把electric的烤架要rotisserie的，差价用礼品卡", True),
        ("麻烦把外套弄成L的", True),
        ("我想把钱要回来", False),
        ("我要黑色的", False),  # an answer to "which option", not a request by itself
        ("把这个订单取消", False),
    ],
)
def test_the_colloquial_chinese_make_it_the_other_one(text: str, change: bool) -> None:
    from hotline.dialogue.message_reading import CHANGE

    assert bool(CHANGE.search(text)) is change


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("sorry, correct is order no. #W3746173", "no"),  # the yes word brings a correction
        ("the right one is the blue", None),
        ("сорри, правильно: подарочную карту", "no"),
        ("对的是#W1234567", "no"),
        ("yes correct. will I get email for the same?", "yes"),
        ("yes: go ahead", "yes"),
        ("yes is fine", "yes"),
        ("是是是", "yes"),
        ("да, окей, делайте. а рефанд сколько идёт?", "yes"),
        ("OK，办吧。refund要多久？", "yes"),
    ],
)
def test_a_yes_word_that_leads_a_correction_is_no_go_ahead(text: str, answer: str | None) -> None:
    assert confirmation_answer(text) == answer


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("it is not required anymore", "no longer needed"),
        ("уже неактуально", "no longer needed"),
        ("I placed it wrongly", "ordered by mistake"),
        ("это был мисклик", "ordered by mistake"),
        ("手滑点错了", "ordered by mistake"),
        ("it was mistakenly ordered", "ordered by mistake"),
    ],
)
def test_more_words_for_the_two_reasons(text: str, reason: str) -> None:
    mistake = bool(REASON_MISTAKE.search(text))
    assert ("ordered by mistake" if mistake else "no longer needed" if REASON_NOT_NEEDED.search(text) else None) == (
        reason
    )


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("please to cancel ord# order no. #W6577842. reason: x", "please to cancel order #W6577842. reason: x"),
        ("Order ID: W1234567 now", "order W1234567 now"),
        ("привет, в ордере номер заказа: #W7602708 хочу", "привет, в заказе #W7602708 хочу"),
        ("你好，订单订单号：#W4860251我想", "你好，订单#W4860251我想"),
        ("cancel #W1234567", "cancel #W1234567"),
        ("my order number is W1234567", "my order W1234567"),
        ("exchange it, order no. it is #W8727985", "exchange it, order #W8727985"),
    ],
)
def test_order_labels_are_said_as_one(text: str, plain: str) -> None:
    from hotline.dialogue.references import plain_order_labels

    assert plain_order_labels(text) == plain


@pytest.mark.parametrize(
    "text",
    [
        "address same as order #W1866533",
        "the address which is in order #W1866533",
        "адрес как в заказе #W1866533",
        "寄到订单#W1866533的address",
    ],
)
def test_more_ways_to_name_where_another_order_went(text: str) -> None:
    from hotline.dialogue.message_reading import referenced_orders

    assert SAME_AS.search(text)
    assert referenced_orders(text) == {"#W1866533"}


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("yes ok do it. how long refund will take?", "how long refund will take?"),
        ("OK，办吧。refund要多久？", "refund要多久？"),
        ("да, окей, делайте. а рефанд сколько идёт?", "а рефанд сколько идёт?"),
        ("yes yes, go ahead", ""),
        ("Yes. Thanks!", ""),
    ],
)
def test_the_question_asked_with_a_yes(text: str, question: str) -> None:
    from hotline.dialogue.message_reading import follow_up_question

    assert follow_up_question(text) == question


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("你好，订单#W3657213的payment method改成尾号9182的visa卡", True),
        ("hi，order #W3657213想换成card尾号9182付款", True),
        ("订单#W1的烤架换成rotisserie，差价用礼品卡付款", False),  # an item change paying the difference
    ],
)
def test_a_payment_change_in_code_switched_chinese(text: str, change: bool) -> None:
    assert payment_change(text) is change


@pytest.mark.parametrize(
    "text",
    [
        "订单#W1234567我要用PayPal付，不要现在这个。",
        "我要用尾号1234的卡付",
        "改用礼品卡付",
        "請問編號#W3657213可以改成用尾數9182的visa信用卡付嗎？",  # "改成" leads to the payment, no item
    ],
)
def test_paying_another_way_without_an_item_is_a_payment_change(text: str) -> None:
    assert payment_change(text)


@pytest.mark.parametrize(
    ("said", "cancels"),
    [
        ("so I'd rather not go ahead with order #W3525030", True),
        ("I placed it by accident, so I'd prefer not to proceed with the order", True),
        ("I no longer want to go ahead with my order #W1", True),
        ("I'd rather not go ahead with the order change", False),  # the change is what is not wanted
        ("please go ahead with the order", False),
        ("no, don't go ahead", False),  # a confirmation's no, not a cancellation
    ],
)
def test_not_going_ahead_with_an_order_cancels_it(said: str, cancels: bool) -> None:
    from hotline.dialogue.message_reading import CANCEL

    assert bool(CANCEL.search(said)) is cancels
