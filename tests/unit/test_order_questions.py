"""Where is my order, in the customer's words and language (dialogue/order_questions.py)."""

from pathlib import Path

import pytest
import yaml

from hotline.dialogue.order_questions import asks_where_order_is
from hotline.dialogue.references import customer_text

POLICY_QUESTIONS = Path(__file__).resolve().parents[2] / "hotline" / "evaluation" / "policy_questions.yaml"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("My package still hasn't arrived, it's been two weeks", "en"),
        ("I still haven't received my order", "en"),
        ("Is my order coming today?", "en"),
        ("я жду посылку уже месяц", "ru"),
        ("Моя посылка до сих пор не пришла", "ru"),
        ("Когда доставят мой заказ?", "ru"),
        ("我的包裹什么时候到？", "zh"),
        ("我的快递到哪了？", "zh"),
        ("我的訂單在哪裡？", "zh"),  # traditional characters, read as the session reads them
    ],
)
def test_where_is_my_order(text: str, lang: str) -> None:
    assert asks_where_order_is(customer_text(text), lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Do you deliver to Alaska?", "en"),
        ("Where can I buy a gift card?", "en"),
        ("the package is still on its way, can i already start a return for it", "en"),  # asks about returns
        ("Где оформить возврат заказа?", "ru"),
        ("Можно ли отменить заказ, если его уже отправили?", "ru"),
        ("订单状态“已处理”是什么意思？", "zh"),
        ("你们在哪里发货？", "zh"),
    ],
)
def test_not_where_is_my_order(text: str, lang: str) -> None:
    assert not asks_where_order_is(customer_text(text), lang)


def test_no_policy_question_is_taken_for_one() -> None:
    """The team's policy questions (all three languages, held-out ones too) keep their help-centre answers."""
    questions = yaml.safe_load(POLICY_QUESTIONS.read_text(encoding="utf-8"))["questions"]
    assert [q["q"] for q in questions if asks_where_order_is(customer_text(q["q"]), q["lang"])] == []


def test_the_intent_head_adds_what_the_words_miss_about_the_customer_s_own_order() -> None:
    """ "Did my order go out yet?" has none of the pack's where-is words: the intent head's label says it; it
    still needs the customer's own order named, and no request or "what does … mean" in it."""
    said = customer_text("Did my order go out yet?")
    assert not asks_where_order_is(said, "en") and asks_where_order_is(said, "en", "clinc:order_status")
    assert not asks_where_order_is("Do you ship to Canada?", "en", "clinc:order_status")  # whose order?
    assert not asks_where_order_is("What does processed mean for my order?", "en", "clinc:order_status")
    assert not asks_where_order_is("Can I return my order if it arrived damaged?", "en", "clinc:order_status")
    assert not asks_where_order_is("Did my order go out yet?", "en", "bitext:delivery_options")
