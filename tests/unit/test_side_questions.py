"""A question asked on the way beside a request ("Is it safe to change it here? I'd like #W1 paid with …") is left out
of what decides the request; a question that names what the request needs, or is the request, stays."""

from __future__ import annotations

import pytest

from hotline.dialogue.message_reading import is_request
from hotline.dialogue.side_questions import without_side_questions

QUESTIONS = {
    "is it safe to change it here?",
    "is there a charge for this?",
    "сколько идёт возврат?",
    "周末送货吗？",
    "how long does a refund take?",
}


def asked(sentence: str) -> bool:  # the trained head, as a table: these read as questions about no request
    return sentence.lower() in QUESTIONS


@pytest.mark.parametrize(
    ("text", "left"),
    [
        (
            "also, Is it safe to change it here? I'd like order #W1 paid with my visa instead",
            "I'd like order #W1 paid with my visa instead",
        ),
        ("I want to cancel order #W1. Is there a charge for this?", "I want to cancel order #W1."),
        ("Сколько идёт возврат? Хочу вернуть заказ #W1", "Хочу вернуть заказ #W1"),
        ("周末送货吗？请取消订单#W1。", "请取消订单#W1。"),
    ],
)
def test_a_question_on_the_way_is_left_out(text: str, left: str) -> None:
    kept, raw_kept, questions = without_side_questions(text, text, asked, is_request)
    assert (kept, raw_kept) == (left, left)
    assert len(questions) == 1 and questions[0].lower() in QUESTIONS  # for the help centre, without its "also,"


@pytest.mark.parametrize(
    "text",
    [
        "Is it safe to change it here?",  # the question is all there is
        "Is it safe to change it here? Thanks.",  # nothing asks for an act once it is left out
        "Is there a charge for this? order #W1",  # an order alone asks for nothing
    ],
)
def test_nothing_is_left_out_when_no_request_would_remain(text: str) -> None:
    assert without_side_questions(text, text, asked, is_request) == (text, text, [])


def test_a_question_that_names_what_the_request_needs_stays() -> None:
    always = lambda sentence: True  # noqa: E731 - even were the head to read each as a question
    for text in [
        "Can I return the lamp? Order #W1, refund to PayPal.",  # a product
        "I don't need it anymore, is that ok? Please cancel #W1.",  # a reason
        "Could it go to my PayPal? Please return #W1.",  # a way of paying
    ]:
        assert without_side_questions(text, text, always, is_request) == (text, text, [])


def test_masked_and_raw_texts_that_cut_differently_are_left_as_they_are() -> None:
    masked, raw = "Is it safe? Cancel #W1 for [email]", "Is it safe? Cancel #W1. for a@b.com"
    assert without_side_questions(masked, raw, asked, is_request) == (masked, raw, [])


def test_a_question_after_a_dash_goes_and_the_reason_before_it_stays() -> None:
    text = "Можете отменить заказ #W1? заказала по ошибке — сколько идёт возврат?"
    kept, _, questions = without_side_questions(text, text, asked, is_request)
    assert kept == "Можете отменить заказ #W1? заказала по ошибке —" and questions == ["сколько идёт возврат?"]


def test_the_e_mail_said_with_a_question_stays_with_the_request() -> None:
    masked = "[email] How long does a refund take? Cancel order #W1, I ordered it by mistake"
    raw = "jo@x.com How long does a refund take? Cancel order #W1, I ordered it by mistake"
    kept, raw_kept, questions = without_side_questions(masked, raw, asked, is_request)
    assert kept == "[email] Cancel order #W1, I ordered it by mistake"
    assert raw_kept == "jo@x.com Cancel order #W1, I ordered it by mistake"
    assert questions == ["How long does a refund take?"]


@pytest.mark.parametrize(
    "text",
    [
        "I'd like to cancel order #W1, I placed it last week. Would it be possible to cancel it today?",
        "Хочу отменить заказ #W1 — может, отменить его можно сегодня?",
        "我想取消订单#W1。能不能今天就取消啊？",
    ],
)
def test_the_request_asked_as_whether_it_can_be_done_stays(text: str) -> None:
    kept, _, questions = without_side_questions(text, text, lambda sentence: True, is_request)
    assert (kept, questions) == (text, [])
