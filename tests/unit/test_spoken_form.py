"""Replies as they are said on the phone, per language: ids, e-mails, phone numbers spelled; amounts with the
currency word agreeing with the number; chat wording replaced."""

from __future__ import annotations

import pytest

from hotline.speech.spoken import plural_index, spoken_form


@pytest.mark.parametrize(
    ("lang", "text", "said"),
    [
        ("en", "Order #W2378156 is pending.", "Order W two three seven eight one five six is pending."),
        ("ru", "Заказ #W2378156 отменён.", "Заказ дабл-ю два три семь восемь один пять шесть отменён."),
        ("zh", "订单#W2378156已取消。", "订单W 二 三 七 八 一 五 六已取消。"),
        ("en", "I'll refund $1,234.50.", "I'll refund 1234 dollars and 50 cents."),
        ("en", "That is $1.00 or $0.01.", "That is 1 dollar or 1 cent."),
        ("ru", "Вернём $54.04.", "Вернём 54 доллара 4 цента."),
        ("ru", "$21.00, $11.00, $112.00 и $5.00", "21 доллар, 11 долларов, 112 долларов и 5 долларов"),
        ("zh", "退款$54.04。", "退款54美元4美分。"),
        ("en", "Write to mia.li3@example.com", "Write to mia dot li three at example dot com"),
        ("ru", "почта ivan_petrov@mail.ru", "почта ivan нижнее подчёркивание petrov собака mail точка ru"),
        ("zh", "邮箱是zhang.wei@qq.com，", "邮箱是zhang 点 wei 艾特 q q 点 com，"),
        ("en", "call +1-555-201-9988", "call plus one, five five five, two zero one, nine nine eight eight"),
        ("zh", "电话13800138000", "电话一 三 八 零 零 一 三 八 零 零 零"),
        ("en", "zip code 10001", "zip code one zero zero zero one"),
        ("en", 'Just type "human".', 'Just say "human".'),
        ("ru", "Если напишете «оператор», соединю.", "Если скажете «оператор», соединю."),
        ("zh", "输入“人工”即可", "说“人工”即可"),
        ("en", "It takes 5 to 7 business days, 2024 orders.", "It takes 5 to 7 business days, 2024 orders."),
        ("de", "Order #W1", "Order #W1"),  # no pack: English words, nothing to spell in "#W1"
    ],
)
def test_spoken_form(lang: str, text: str, said: str) -> None:
    assert spoken_form(text, lang) == said


@pytest.mark.parametrize(
    ("number", "index"), [(1, 0), (21, 0), (11, 2), (2, 1), (4, 1), (12, 2), (14, 2), (22, 1), (5, 2), (0, 2)]
)
def test_russian_plural(number: int, index: int) -> None:
    assert plural_index("ru", number, 3) == index


def test_english_and_chinese_plural() -> None:
    assert plural_index("en", 1, 2) == 0 and plural_index("en", 2, 2) == 1 and plural_index("zh", 5, 1) == 0
