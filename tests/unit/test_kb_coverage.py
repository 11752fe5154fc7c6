"""Which names in a question the knowledge base never mentions (kb/coverage.py)."""

import pytest

from hotline.kb.coverage import KnowledgeVocabulary

KB = KnowledgeVocabulary(
    [
        "Refunds reach a card in 5 to 7 business days. We ship within the USA.",
        "Возврат денег на карту занимает 5–7 рабочих дней. Smart Thermostat works with Amazon Alexa.",
        "退款到银行卡需要5到7个工作日。",
    ]
)


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("Do you have a store in Paris?", ["Paris"]),
        ("What are your opening hours on Sundays?", ["Sundays"]),
        ("Есть ли у вас магазин в Париже?", ["Париже"]),
        ("Вы продаёте на Wildberries?", ["Wildberries"]),
        ("你们在Shopee上有店吗？", ["Shopee"]),
        ("Do you sell on Amazon?", []),  # the knowledge mentions Amazon (Alexa)
        ("How long until my refund reaches my card?", []),  # ordinary words: not names
        ("Hi, I'm Olivia Ito — how long does a refund take?", []),  # the customer's own name
        ("Меня зовут Анна Петрова, сколько ждать возврата?", []),
        ("Olivia here. How long is a refund?", []),  # a sentence's first word
        ("Can I pay by USB or DHL?", []),  # abbreviations are not looked up
        ("退款要多久？", []),  # Chinese words are not looked up (unspaced)
    ],
)
def test_names_the_knowledge_lacks(question: str, names: list[str]) -> None:
    assert KB.unknown_names(question) == names


def test_an_empty_knowledge_base_flags_nothing() -> None:
    assert KnowledgeVocabulary([]).unknown_names("Do you ship to Canada?") == []
