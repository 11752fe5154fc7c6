import pytest

from hotline.dialogue.references import emails, order_ids
from hotline.dialogue.smalltalk import smalltalk_reply


def test_order_ids_are_normalised_and_deduplicated() -> None:
    assert order_ids("is #W2611340 here? and w1234567, also #W2611340") == ["#W2611340", "#W1234567"]
    assert order_ids("no order W12 here") == []


def test_emails() -> None:
    assert emails("write to Noah.Brown7922@example.com.") == ["noah.brown7922@example.com"]


def test_smalltalk_only_answers_pure_greetings_thanks_and_goodbyes() -> None:
    assert smalltalk_reply("hi, my name is John").startswith("Hello John!")  # type: ignore[union-attr]
    assert smalltalk_reply("thanks!") is not None
    assert smalltalk_reply("bye") is not None
    assert smalltalk_reply("hi, where is my order?") is None
    assert smalltalk_reply("thanks, but my parcel is broken") is None


@pytest.mark.parametrize(
    ("said", "order"),
    [
        ("my order is W five four four two one nine eight", "#W5442198"),
        ("order w 5 4 4 2 1 9 8 please", "#W5442198"),
        ("it's W5-442-198", "#W5442198"),  # as Whisper writes digits said in groups
        ("double-u oh one two three four five six", "#W0123456"),
        ("заказ дабл-ю пять четыре четыре два один девять восемь", "#W5442198"),
        ("заказ W 5 4 4 2 1 9 8", "#W5442198"),
        ("订单W五四四二一九八要退货", "#W5442198"),
        ("订单号是W 幺二三四五六七", "#W1234567"),
    ],
)
def test_order_ids_said_digit_by_digit(said: str, order: str) -> None:
    assert order_ids(said) == [order]


@pytest.mark.parametrize("text", ["W one two three", "I have 2 orders", "call me at 555 1234", "w 1 2 3 4 5 6 7 8"])
def test_no_order_id_from_other_numbers(text: str) -> None:
    assert order_ids(text) == []


@pytest.mark.parametrize(
    ("said", "address"),
    [
        ("noah dot ito4296 at example dot com", "noah.ito4296@example.com"),
        ("почта ivan точка petrov собака mail точка ru", "ivan.petrov@mail.ru"),
        ("我的邮箱是zhang点wei艾特qq点com", "zhang.wei@qq.com"),
        # as Whisper writes a caller's address down
        ("My email is Noah.Brown7922 at example.com.", "noah.brown7922@example.com"),
        ("my email is noah dot brown 7922 at example dot com", "noah.brown7922@example.com"),
        ("it's sofia.kim 1 at example.com thanks", "sofia.kim1@example.com"),
        ("noah dot brown 7 9 2 2 at example dot com", "noah.brown7922@example.com"),
        ("My email is 7922 at example.com", "7922@example.com"),
        # a dot or at word inside a name is part of the name
        ("dotty dot lee at example dot com", "dotty.lee@example.com"),
        ("catalina dot atwood at example dot com", "catalina.atwood@example.com"),
    ],
)
def test_emails_said_on_the_phone_in_each_language(said: str, address: str) -> None:
    assert emails(said) == [address]


def test_email_me_at_is_not_an_address() -> None:
    assert emails("email me at home") == []


@pytest.mark.parametrize("text", ["I left it at home. Thanks", "bought it at walmart. then it broke", "me at 5. ok"])
def test_a_sentence_s_full_stop_is_not_a_domain_s_dot(text: str) -> None:
    assert emails(text) == []
