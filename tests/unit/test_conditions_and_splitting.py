"""Reading "if that isn't available, cancel" apart from the request, and cutting a message that holds several
requests (pure functions; the flows' tests run them against the store)."""

from __future__ import annotations

import pytest

from hotline.dialogue.conditions import split_condition
from hotline.dialogue.request_kinds import keyword_kind
from hotline.dialogue.several_requests import split_requests


@pytest.mark.parametrize(
    ("text", "fallback"),
    [
        ("Change the lamp to black. If that isn't available, just cancel the order.", "cancel"),
        ("Switch it to blue; should that be out of stock, cancel the whole order instead.", "cancel"),
        ("Swap the boots for size 10. In case you don't have it, just refund it.", "return"),
        ("Could you swap it to red? Otherwise cancel it.", "cancel"),
        ("Замените лампу на чёрную. Если такого нет в наличии, просто отмените заказ.", "cancel"),
        ("Обменяйте лампу. Если не получится, верните деньги.", "return"),
        ("把台灯换成黑色的。如果没货，就直接取消订单。", "cancel"),
        ("换成黑色的。要是换不了，就退款吧。", "return"),
        ("把背包改成蓝色的。如果没办法，那这单取消算了。", "cancel"),  # "no way to": 没办法
        ("跑鞋换成10号的，没办法的话就退货吧。", "return"),
        ("Поменяйте чайник на белый. Если даже этого не можете — отмените весь заказ.", "cancel"),  # "can't"
        ("Swap the kettle for the white one. If you are unable to, cancel the order.", "cancel"),
        ("Exchange the helmet for size S, please. Should that not work, a return would be fine.", "return"),
        ("请按以下内容修改：登山鞋 → 11。谢谢！如无货，请直接取消订单。", "cancel"),  # the formal 如/若
        ("申请换货：鼠标更换为白色。若不能换，则退款处理。", "return"),
        ("Прошу заменить лампу. При отсутствии товара прошу отменить заказ полностью.", "cancel"),
        ("把瑜伽垫换成绿色的，差价用PayPal付，没有就取消吧", "cancel"),  # "none: then cancel", without 的话
    ],
)
def test_a_fallback_is_read_apart_from_the_request(text: str, fallback: str) -> None:
    rest, found = split_condition(text)
    assert found == fallback
    assert "cancel" not in rest.lower() and "отмен" not in rest and "取消" not in rest


@pytest.mark.parametrize(
    ("text", "next_request"),
    [
        ("Change it to black; if not, cancel it, and one more thing: send #W7654321 to 1 Main St", "send #W7654321"),
        (
            "хочу коврик на зелёный, если не получится, отмена и ещё одно, если можно: заказ #W7654321 на новый адрес",
            "заказ #W7654321",
        ),
    ],
)
def test_the_next_request_is_no_part_of_the_fallback(text: str, next_request: str) -> None:
    rest, fallback = split_condition(text)
    assert fallback == "cancel" and next_request in rest


@pytest.mark.parametrize(
    "text",
    [
        "Cancel #W1234567 if it hasn't shipped yet, I no longer need it.",
        "If it is not too much trouble, cancel order #W1234567.",
        "Please cancel order #W1234567, I do not need it.",
        "If possible, cancel order #W1234567.",  # a courtesy, not a condition: the cancel is the request
        "One more thing, if possible: I'd like to return the lamp from #W1234567.",
    ],
)
def test_a_condition_that_names_no_fallback_stays(text: str) -> None:
    assert split_condition(text) == (text, None)


@pytest.mark.parametrize(
    ("text", "first_kind", "rest_kind"),
    [
        (
            "Cancel #W1234567, I no longer need it. Also, change the address of #W7654321 to 1 Main St.",
            "cancel",
            "address",
        ),
        ("Cancel #W1234567. Cancel #W7654321 too, it was a mistake.", "cancel", "cancel"),
        ("请取消订单#W1234567，不需要了。另外，把#W7654321的台灯换成黑色的。", "cancel", "change"),
        ("Отмените заказ #W1234567. Также верните лампу из заказа #W7654321.", "cancel", "return"),
    ],
)
def test_a_second_request_is_cut_off(text: str, first_kind: str, rest_kind: str) -> None:
    first, _raw, rest, raw_rest = split_requests(text, text, keyword_kind)
    assert keyword_kind(first, first) == first_kind
    assert keyword_kind(rest, raw_rest) == rest_kind
    assert rest and rest == raw_rest


@pytest.mark.parametrize(
    "text",
    [
        "My email is anya.patel@example.com. Exchange the 1.5L kettle in #W1234567 for the 2L one.",
        "Return the lamp from #W1234567. Refund to my gift card.",
        "Exchange the lamp. Also, I'll pay the difference with PayPal.",
        "把A换成黑色的，还有B换成白色的。",
    ],
)
def test_one_request_is_not_cut(text: str) -> None:
    assert split_requests(text, text, keyword_kind) == (text, text, "", "")


def test_the_order_a_request_waits_for_is_not_another_request_whatever_the_head_reads() -> None:
    # "Here it is: #W1, if I'm reading it right." names no request in words; a head that reads one into it (it
    # read "change") must not take the order away from the cancel before it.
    text = "I'd like to cancel my order. Let me see. Here it is: #W1234567, if I'm reading it right. Thanks"

    def head(part: str, raw: str) -> str | None:
        return keyword_kind(part, raw) or ("change" if "#W" in part else None)

    assert split_requests(text, text, head, keyword_kind) == (text, text, "", "")


def test_masked_and_raw_texts_are_cut_alike_or_not_at_all() -> None:
    raw = "I'm a.b@example.com. Cancel #W1234567. Also, return the lamp from #W7654321."
    masked = "I'm [email]. Cancel #W1234567. Also, return the lamp from #W7654321."
    _first, raw_first, rest, raw_rest = split_requests(masked, raw, keyword_kind)
    assert rest == raw_rest and "return" in rest and "a.b@example.com" in raw_first


@pytest.mark.parametrize(
    ("text", "fallback"),
    [
        ("Поменяйте часы на чёрные. Если не выйдет, тогда отмените заказ.", "cancel"),
        ("Поменяйте часы. Не получится — тогда возврат.", "return"),
        ("换成黑色的。没货的话，这单取消吧。", "cancel"),
        ("换成黑色的，不行就退了吧。", "return"),
    ],
)
def test_conditions_in_other_words(text: str, fallback: str) -> None:
    rest, found = split_condition(text)
    assert found == fallback and ("отмен" not in rest and "取消" not in rest)


@pytest.mark.parametrize(
    "text",
    [
        "Please change the lamp in #W1234567 to white. There's one more thing. Order #W7654321, I placed it by "
        "mistake, "
        "cancel it please.",
        "在发货前帮我把#W1234567的台灯换成白色的。还有一件事，麻烦您一下。不好意思，订单#W7654321是我下错单了，就不要了。",
        "#W1234567的台灯帮我换成白色的，差价用PayPal 再说一件事 订单#W7654321我不要了，取消吧",
    ],
)
def test_the_next_requests_own_words_go_with_it(text: str) -> None:
    # the second order is named before the second request's action word: it is the second request's, not the first's
    first, _, rest, _ = split_requests(text, text, lambda part, raw: keyword_kind(part, raw))
    assert "#W7654321" not in first and "#W7654321" in rest and "#W1234567" in first


def test_another_order_after_an_announcement_is_a_request_of_its_own() -> None:
    # the second request's words ("мне не нужен") are no keyword's: it is still not a part of the first
    text = (
        "Замените набор чемоданов в заказе #W1234567 на синий. Есть ещё одна просьба, если можно: заказ #W7654321 "
        "мне, к сожалению, не нужен."
    )
    first, _, rest, _ = split_requests(text, text, lambda part, raw: keyword_kind(part, raw))
    assert "#W7654321" not in first and rest.startswith("ещё одна просьба")
    alone = "Cancel #W1234567. Also, I don't need it anymore, I ordered the wrong size."
    assert split_requests(alone, alone, lambda part, raw: keyword_kind(part, raw))[2] == ""


def test_an_announcement_after_an_unworded_request_about_another_order_cuts_there() -> None:
    # "can u do the grill for charcoal" names no action word; the announcement and another order start the next
    text = (
        "my order #W1234567 hasnt shipped yet right? can u do the grill for charcoal 🙏 difference on my visa "
        "one more thing lol - i wanna send back the sunglasses from order #W7654321, refund to paypal"
    )
    first, _, rest, _ = split_requests(text, text, lambda part, raw: keyword_kind(part, raw))
    assert "#W1234567" in first and "charcoal" in first and "#W7654321" not in first
    assert rest.startswith("one more thing")
    same = "my order #W1234567 came broken. one more thing - I want to return it from #W1234567, refund to paypal"
    assert "return" in split_requests(same, same, lambda part, raw: keyword_kind(part, raw))[0]


def test_a_preamble_read_only_by_the_head_goes_with_the_request_said_in_words() -> None:
    # "came wrong" alone may read as any request; the next part says which in words, about the same order
    text = (
        "Order #W1234567 came wrong. I want swap hiking boots for 9 with waterproof. Charge any difference to paypal."
    )

    def head(part: str, raw: str) -> str | None:
        return keyword_kind(part, raw) or ("cancel" if "#W" in part else None)

    assert split_requests(text, text, head, keyword_kind)[2] == ""
    assert split_requests(text, text, head)[2] != ""  # without the words' routing the parts stay apart


def test_if_no_swap_is_a_condition() -> None:
    text = "can u swap the phone in order #W1? diff to my visa ending 1399 — if no swap, return it"
    kept, fallback = split_condition(text)
    assert fallback == "return" and "visa ending 1399" in kept and "return" not in kept
