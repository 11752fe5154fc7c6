"""'Are you a real person or a bot?' is a question about the bot, answered; 'I want a real person' is a request for
one, handed over. The same language-pack patterns decide both (dialogue/bot_question.py, the red-line's
``unless_words``)."""

from __future__ import annotations

import pytest

from hotline.dialogue.bot_question import asks_if_bot, only_asks_if_bot
from hotline.redline.rules import RedLine

QUESTIONS = [
    "Are you a real person or a bot?",
    "yes, go ahead — are you a real person?",
    "is this a bot or a real person?",
    "am I talking to a human?",
    "r u a robot",
    "Вы живой человек или бот?",
    "да, делайте. Вы живой человек?",
    "я общаюсь с живым человеком?",
    "你是真人还是机器人？",
    "对，办吧。你是真人吗？",
    "请问是真人吗",
]
REQUESTS = [
    "I want a real person",
    "real person please",
    "can I talk to a human?",
    "are you a bot? get me a real person",
    "Am I talking to a bot? I want a human.",
    "позовите живого человека",
    "хочу поговорить с живым человеком",
    "соедините с оператором",
    "我要找真人",
    "转人工",
    "能转真人吗",
]


@pytest.fixture(scope="module")
def redline() -> RedLine:
    return RedLine()


@pytest.mark.parametrize("text", QUESTIONS)
def test_asking_whether_the_bot_is_a_person_is_no_request_for_one(redline: RedLine, text: str) -> None:
    assert asks_if_bot(text)
    assert not redline.check_input(text).wants_human


@pytest.mark.parametrize("text", REQUESTS)
def test_asking_for_a_person_still_hands_over(redline: RedLine, text: str) -> None:
    assert redline.check_input(text).wants_human


def test_only_the_question_or_more() -> None:
    assert only_asks_if_bot("Are you a bot?") and only_asks_if_bot("你是真人还是机器人？")
    assert not only_asks_if_bot("yes, go ahead. Are you a real person?")
    assert not only_asks_if_bot("When do you open?")
