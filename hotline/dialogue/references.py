"""Find what a customer refers to in free text: order ids and email addresses."""

from __future__ import annotations

import re

from hotline.languages import load_packs
from hotline.languages.script import simplified

# ASCII classes, not \w: in unspaced Chinese ("订单#W6619432里", "邮箱是a.b@qq.com。") a Chinese character is a
# word character, so \w would swallow it into the id or the address.
_ORDER_ID = re.compile(r"(?<![A-Za-z0-9#])#?\s?(W\d{7})(?!\d)", re.IGNORECASE)
# An e-mail address as a piece of a message (or the mask that stands for one: "[email]"), loosely: where a sentence
# gives who the customer is, not which address it is (``emails`` reads that, strictly)
EMAIL_PIECE = r"(?:\[email\]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])"
)


def keyed_text(entry: str) -> str:
    """Digits keyed on a phone's keypad as the turn's text: seven digits are an order number, keyed without its
    letter (a keypad has none); anything else (a zip, a card's last four) stays as keyed."""
    return f"#W{entry}" if re.fullmatch(r"\d{7}", entry) else entry


def order_ids(text: str) -> list[str]:
    """Order ids as written (#W1234567) and as said digit by digit ("w five four four …")."""
    written = [f"#{match.upper()}" for match in _ORDER_ID.findall(text)]
    return list(dict.fromkeys(written + spoken_order_ids(text)))


_LETTER = "A-Za-z\u0400-\u04ff"  # Latin and Cyrillic: a word of them is a word only between non-letters


def _said(symbol: str, extra: tuple[str, ...]) -> str:
    """The words for ``symbol`` in every language pack ("dot", "точка", "点"), as one alternation; a Latin or
    Cyrillic word only as a whole word ("dotty" holds no dot, "format" no at), a Chinese one anywhere ("zhang点wei")."""
    words = {*extra, *(str(p.speech.get("symbols", {}).get(symbol, "")) for p in load_packs().values())}

    def whole(word: str) -> str:
        if re.fullmatch(f"[{_LETTER}]+", word):
            return f"(?<![{_LETTER}]){re.escape(word)}(?![{_LETTER}])"
        return re.escape(word)

    return "|".join(whole(w) for w in sorted((w for w in words if w), key=len, reverse=True))


_DOT, _AT = _said(".", ("dot",)), _said("@", ("at",))
# "noah dot ito4296 at example dot com", "ivan точка petrov собака mail точка ru", "zhang点wei艾特qq点com": an
# address as it is said on the phone (or typed by some), in any pack's words; and as Whisper writes what it heard
# ("Noah.Brown7922 at example.com", "noah dot brown 7922 at example dot com": digits said apart from their word).
_LOCAL_PIECE = r"[A-Za-z0-9_+-]+(?:\s+\d+(?![\w.]))*"
# A written dot may have a space after it in the name ("Noah. Brown 7922"), never in the domain: "I left it at
# home. Thanks" is no address.
_SPOKEN_EMAIL = re.compile(
    rf"(?<![A-Za-z0-9.])({_LOCAL_PIECE}(?:\s*(?:{_DOT}|\.)\s*{_LOCAL_PIECE})*)\s*(?:{_AT})\s*"
    rf"([A-Za-z0-9-]+(?:(?:\s*(?:{_DOT})\s*|\.)[A-Za-z0-9-]+)+)",
    re.I,
)
_DOT_WORD = re.compile(rf"\s*(?:{_DOT}|\.)\s*", re.I)


def emails(text: str) -> list[str]:
    found = [match.lower() for match in _EMAIL.findall(text)]
    for local, domain in _SPOKEN_EMAIL.findall(text):
        words = local.split()
        if words[0].lower() in {"is", "me", "to", "email", "mail"}:
            words = words[1:]  # "email me at ..." is not an address's local part, nor "is" in "is 7922 at ..."
        if words:
            found.append(_DOT_WORD.sub(".", f"{' '.join(words)}@{domain}").replace(" ", "").lower())
    return list(dict.fromkeys(found))


def _digit_words() -> dict[str, str]:
    words = {"oh": "0", "o": "0"}
    for language in load_packs().values():
        for value, word in enumerate(language.speech.get("digits", [])):
            words[str(word).lower()] = str(value)
    words.update({"幺": "1", "两": "2", "〇": "0"})
    return words


_DIGITS = _digit_words()
_DIGIT = "|".join(sorted((re.escape(w) for w in _DIGITS), key=len, reverse=True))
# An order id said digit by digit: "W five four four two one nine eight", "дабл-ю 5 4 4 2 1 9 8",
# "W五四四二一九八", "W5-442-198" (as Whisper writes what it heard).
_W = r"(?:#\s*)?(?:double[\s-]?(?:u|you)|дабл[\s-]?ю|\bw\b|(?<![A-Za-z])w)"
_SPOKEN_ORDER = re.compile(
    rf"{_W}[\s,.:-]*((?:(?:\d|{_DIGIT})(?![A-Za-zА-Яа-яЁё])[\s,.-]*){{7}})(?![\s,.-]*(?:\d|{_DIGIT})(?![A-Za-zА-Яа-яЁё]))",
    re.I,
)


def spoken_order_ids(text: str) -> list[str]:
    """Order ids said (or transcribed) digit by digit, in any pack's digit words."""
    found = []
    for said in _SPOKEN_ORDER.findall(text):
        digits = "".join(_DIGITS.get(token.lower(), token) for token in re.findall(rf"\d|{_DIGIT}", said, flags=re.I))
        if len(digits) == 7:
            found.append(f"#W{digits}")
    return found


_HAN_DIGITS = "零〇一二三四五六七八九幺"
_HAN_DIGIT = "(?:一(?![样下个起些次共直定般切同点])|[零〇二三四五六七八九幺])"  # not the 一 of "一样", "一下"
_RUN_WORDS = "|".join(sorted((re.escape(w) for w in _DIGITS if len(w) > 1 or w.isdigit()), key=len, reverse=True))
_FIRST = rf"(?:\d|(?!oh\b)(?:{_RUN_WORDS})\b)"  # "oh" is a zero only after another digit ("two oh nine")
_NEXT = rf"(?:\d|(?:{_RUN_WORDS})\b)"
# four or more digits said one by one: "eight six oh nine", "9-5-1-5-4", "4 2 7 5", "один ноль один девять девять",
# "九五一五四" (four at least: a zip, a card's last four, an order number — not "one or two"); Chinese around them
# (\w would not end them there)
_SAID_RUN = re.compile(
    rf"(?:(?<![A-Za-z0-9А-Яа-яЁё.])|(?<=(?<![A-Za-z])[Ww]))"  # also right after an order number's W: "W6-0-6-7-4-6-4"
    rf"(?:{_FIRST})(?:(?:\s*[-,]\s*|\s+)(?:{_NEXT})(?!\d)){{3,}}(?![A-Za-z0-9А-Яа-яЁё])|"
    rf"(?<![{_HAN_DIGITS}])(?:{_HAN_DIGIT}){{4,}}(?!{_HAN_DIGIT})",
    re.I,
)


def said_numbers(text: str) -> str:
    """The message with numbers said digit by digit written as numbers ("zip nine four one oh two" -> "zip 94102",
    "尾号四六零八" -> "尾号4608"), as a keypad or a careful typist would give them; everything else as it was."""

    def digits(match: re.Match[str]) -> str:
        tokens = re.findall(rf"\d|{_RUN_WORDS}|[{_HAN_DIGITS}]", match.group(0), flags=re.I)
        return "".join(_DIGITS.get(token.lower(), token) for token in tokens)

    return _SAID_RUN.sub(digits, text)


# Hesitation sounds speech recognition writes down ("change the boots to uh just the same", "э-э", "嗯"): no words;
# "like", "ну", "那个" mean something too often to drop
_FILLERS = re.compile(
    r"(?<![\w'-])(?:u+m+|u+h+m*|e+r+m*|h+m+|a+h+)(?![\w'-]),?\s*|(?<![\w-])(?:э+(?:-э+)*|э+м+|м{3,}|хм+)(?![\w-]),?\s*|"
    r"[嗯呃]+[，,]?\s*",
    re.I,
)


def without_fillers(text: str) -> str:
    """The message without hesitation sounds; each leaves a space (a pause: "办公椅别动嗯 我要退" keeps its break)."""
    cleaned = _FILLERS.sub(" ", text)
    return re.sub(r"[ \t]{2,}", " ", cleaned).strip() if cleaned != text else text


def customer_text(text: str) -> str:
    """A customer's message as every later step reads it: Chinese in simplified characters (a customer in Taiwan
    types 訂單 for 订单), numbers said digit by digit written as numbers, hesitation sounds left out."""
    return without_fillers(said_numbers(simplified(text)))


# "order no. #W1", "Order ID: #W1", "ord# #W1", "order order number #W1", "my order number is #W1", "номер заказа:
# #W1", "订单订单号：#W1": the labels before an order number, however many, are one word (the first one's script's),
# so that what is read around the number ("same as order #W1", "в заказе #W1") does not depend on the label
_LABEL = (
    r"(?:(?<![A-Za-zА-Яа-яЁё])(?:order|ord|no|nr|number|num|id|ордер\w*|заказ\w*|номер\w*)\.?|订单号?|order号|单号)"
)
_ORDER_LABELS = re.compile(
    rf"{_LABEL}(?:\s*[:：#№.]?\s*{_LABEL})*\s*[:：№]?\s*(?:(?:it\s+)?is\s+|it'?s\s+)?(?=#?\s?W\d{{7}}(?!\d))", re.I
)


def plain_order_labels(text: str) -> str:
    """``text`` with the labels before each order number said as one: "order #W1", "заказ #W1", "订单#W1"."""

    def one(match: re.Match[str]) -> str:
        first = re.match(r"\s*([\u4e00-\u9fff]|[А-Яа-яЁё]+|[A-Za-z]+)", match.group(0))
        word = first.group(1) if first else ""
        if "\u4e00" <= word[:1] <= "\u9fff":
            return "订单"
        if re.match(r"[А-Яа-яЁё]", word):  # the case kept: "в ордере" is "в заказе"
            lowered = word.lower()
            return ("заказ" + lowered[5:] if lowered.startswith("ордер") else lowered) + " "
        return "order "

    return _ORDER_LABELS.sub(one, text)
