"""What a reply sounds like on the phone, in the caller's language: the written reply rewritten so a voice reads
ids, e-mails, phone numbers and amounts the way a person would say them. The words come from the language
pack's ``speech`` section; the rules (what is spelled, what is a number) are here, once for every language.

- chat wording a caller cannot follow ('type "human"') becomes the spoken one ('say "human"');
- amounts: "$1,234.50" → "1234 dollars and 50 cents" / "1234 доллара 50 центов" / "1234美元50美分" (the voice
  reads the number itself, in its language; the currency word agrees with it);
- order ids and other letter+digit codes, e-mail addresses, phone numbers and any run of five or more digits
  (zip codes, account numbers) are spelled out character by character: "#W2378156" → "W two three seven …",
  never "two million three hundred …".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hotline.languages import LanguagePack, pack

_MONEY = re.compile(r"\$(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{2}))?(?!\d)")
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_CODE = re.compile(
    r"#?(?<![A-Za-z0-9])[A-Za-z]{1,3}\d{4,}(?![A-Za-z0-9])|#\d{4,}(?!\d)"
)  # order ids (#W2378156), ticket and item codes
_PHONE = re.compile(r"(?<![\w+])\+?\d[\d\-\s().]{6,}\d(?!\w)")
_LONG_NUMBER = re.compile(r"(?<![\d.,])\d{5,}(?![\d])")


def plural_index(language: str, number: int, forms: int) -> int:
    """Which of a word's ``forms`` goes with ``number``: English one/other, Russian one/few/many."""
    if forms <= 1:
        return 0
    if language == "ru" and forms >= 3:
        if number % 10 == 1 and number % 100 != 11:
            return 0
        if 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14:
            return 1
        return 2
    return 0 if number == 1 else 1


def _word(language: LanguagePack, key: str, number: int) -> str:
    forms: Sequence[str] = language.speech.get(key) or [""]
    return forms[plural_index(language.code, number, len(forms))]


def say_money(language: LanguagePack, dollars: int, cents: int) -> str:
    speech = language.speech
    values = {"dollars": dollars, "cents": cents}
    values_words = {"dollar": _word(language, "dollar", dollars), "cent": _word(language, "cent", cents)}
    if cents and dollars:
        template = speech.get("money", "{dollars} {dollar} {cents} {cent}")
    elif cents:
        template = speech.get("money_cents", "{cents} {cent}")
    else:
        template = speech.get("money_dollars", "{dollars} {dollar}")
    return str(template).format(**values, **values_words)


def spell(language: LanguagePack, text: str) -> str:
    """Character by character: digits as words, Latin letters by name (where the pack names them), symbols as
    words; a run of letters (a name in an e-mail) stays a word. Groups (text between spaces or dashes in a
    phone number) are separated by commas, a pause in every voice."""
    digits: Sequence[str] = language.speech.get("digits") or list("0123456789")
    letters: dict[str, str] = language.speech.get("letters") or {}
    symbols: dict[str, str] = language.speech.get("symbols") or {}
    words: list[str] = []
    for token in re.findall(r"\d|[A-Za-z]+|\S", text):
        if token.isdigit():
            words.append(digits[int(token)])
        elif token.isalpha():
            # "W" in an id, "QQ", "qq" (no vowel: not a word) spelled; "zhang" said as a word
            single = len(token) == 1 or token.isupper() or not re.search(r"[aeiouy]", token, re.I)
            words.extend(letters.get(c.lower(), c) for c in token) if single else words.append(token)
        elif token in symbols:
            words.append(str(symbols[token]))
        elif token == "#":
            continue
    return " ".join(words)


def _spell_phone(language: LanguagePack, number: str) -> str:
    groups = [g for g in re.split(r"[\s\-().]+", number) if g]
    return ", ".join(spell(language, g) for g in groups)


def spoken_form(text: str, lang: str | None = None) -> str:
    """``text`` as it should be said to a caller in ``lang`` (the pack's words; English without a pack)."""
    language = pack(lang)
    for written, said in language.speech.get("chat_to_voice", []):
        text = text.replace(written, said)

    def money(match: re.Match[str]) -> str:
        dollars = int(match.group(1).replace(",", ""))
        return say_money(language, dollars, int(match.group(2) or 0))

    text = _MONEY.sub(money, text)
    text = _EMAIL.sub(lambda m: spell(language, m.group(0)), text)
    text = _CODE.sub(lambda m: spell(language, m.group(0)), text)
    text = _PHONE.sub(lambda m: _spell_phone(language, m.group(0)), text)
    return _LONG_NUMBER.sub(lambda m: spell(language, m.group(0)), text)
