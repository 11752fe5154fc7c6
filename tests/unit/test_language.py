"""The customer's language: a trained detector per message, kept per conversation."""

import pytest

from hotline.dialogue.handoff import build_packet
from hotline.dialogue.language import conversation_language, follow, message_language, script_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Where is my order?", "en"),
        ("Привет, где мой заказ?", "ru"),
        ("我的订单在哪里", "zh"),
        ("我的邮箱是zhang.wei@qq.com", "zh"),  # the address is no sign of English
        ("Мой заказ #W2378156", "ru"),
        ("да", "ru"),
        ("是的", "zh"),
        ("I want to return the 台灯", "en"),  # a product named in another script
    ],
)
def test_message_language(text: str, lang: str) -> None:
    assert message_language(text)[0] == lang


@pytest.mark.parametrize("text", ["ok", "W1234567", "zhang.wei@qq.com", "12345", "yes"])
def test_too_little_to_tell_keeps_the_conversations_language(text: str) -> None:
    assert follow(text, "ru") == "ru"


def test_conversation_language_weighs_what_each_message_says() -> None:
    english = ["Hi, I need help with an order I placed last week", "It's the 台灯, the desk lamp", "ok", "谢谢"]
    assert conversation_language(english) == "en"
    assert conversation_language(["Здравствуйте, хочу вернуть заказ", "W1234567", "ok thanks"]) == "ru"


def test_the_handoff_packet_gives_the_customers_language() -> None:
    from datetime import UTC, datetime

    class Message:
        def __init__(self, seq: int, text: str) -> None:
            self.seq, self.role, self.text, self.sources = seq, "customer", text, []
            self.intent, self.anger, self.created_at = None, None, datetime.now(UTC)

    messages = [Message(1, "Hi, my 台灯 arrived broken and I want a refund"), Message(2, "yes, the one from last week")]
    assert build_packet("c1", "asked for a human", messages, [])["language"] == "en"


def test_script_language_of_generated_text() -> None:
    assert script_language("订单#W1234567要取消，PayPal") == "zh"  # Chinese characters win over Latin ones
    assert script_language("хочу кэнсел order #W1") == "ru"
    assert script_language("Name: Ann Lee, ZIP: 78701") == "en"
    assert script_language("ёж") == "ru"  # every Cyrillic letter, not only а-я


def test_a_name_beside_a_zip_code_keeps_the_conversations_language() -> None:
    from hotline.dialogue.message_reading import language_of

    assert language_of("Yusuf Taylor, 95154", "ru") == "ru"  # the account's name, as the account has it
    assert language_of("95154 Yusuf Taylor", "zh") == "zh"
    assert language_of("My name is Yusuf Taylor, zip 95154", "ru") == "en"  # English words around it: English
