"""Numbers a customer brings that no request needs, read past: when they ordered ("on March 3", "3 марта",
"3月3号"), how long they have waited ("9 days ago", "уже 4 дня", "3天前"), what they paid ("$54.99", "54,99 $",
"54.99美元"), an earlier case's number ("case 48213", "обращение № 48213", "工单48213"), a phone number to call
back on, a time of day ("after 4 pm", "после 4 вечера", "下午4点"). They sit beside the numbers a request does
need — the order, the zip code, a card's last four, a size — and were read as them: "I ordered 9 days ago … change
the boots for the same one" became size 9, "placed on September 17 to 964 Sunset Drive" an address at "17 to 964".
The flows read the message without them; the words are the language packs' ``asides``
(``languages.ASIDE_WORDS``). "10 hours" is a battery's option, so hours count only with an "ago".
"""

from __future__ import annotations

import functools
import re

from hotline.dialogue.hedges import said_alternatives, tidied
from hotline.languages import load_packs
from hotline.languages.script import HAN

_ORDINAL = r"(?:st|nd|rd|th)?"
# between an earlier case's word and its number: "case number was 402103", "обращение было № 48213", "工单号是587781"
_CASE_LINK = r"(?:\s*(?:number|no\.?|nr\.?|#|№|:|：|is|was|был[оа]?|是|-))*\s*"
_PHONE = r"(?<![\w#])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])?\d{3}-\d{4}(?!\d)"  # 555-0142, (212) 555-0142


def _words(key: str) -> set[str]:
    return {word for pack in load_packs().values() for word in pack.asides.get(key, ())}


def _split(words: set[str]) -> tuple[str, str]:
    """(the words in an alphabet as whole words, the Chinese ones anywhere); "(?!)" where there are none."""
    han = {w for w in words if HAN.search(w)}
    return said_alternatives(words - han) or "(?!)", said_alternatives(han) or "(?!)"


@functools.cache
def _pattern() -> re.Pattern[str]:
    months, han_months = _split(_words("months"))
    periods, han_periods = _split(_words("periods"))
    hours, han_hours = _split(_words("periods_ago"))
    ago, han_ago = _split(_words("ago"))
    symbols = "|".join(re.escape(w) for w in _words("currency") if not re.search(r"\w", w)) or "(?!)"
    money, han_money = _split({w for w in _words("currency") if re.search(r"\w", w)})
    cases, han_cases = _split(_words("case_words"))
    parts, han_parts = _split(_words("day_parts"))
    amount = r"\d[\d,]*(?:[.,]\d{1,2})?"
    return re.compile(
        "|".join(
            (
                rf"\b\d{{1,2}}{_ORDINAL}\s+(?:of\s+)?(?:{months})(?:,?\s+\d{{4}})?",  # 3rd of March, 3 марта
                rf"(?:{months})\.?\s+\d{{1,2}}{_ORDINAL}\b(?:,?\s+\d{{4}})?",  # March 3, Mar 3rd, 2026
                r"(?<![\d/])\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b(?!/)|\b\d{1,2}\.\d{1,2}\.\d{2,4}\b",  # 3/12, 03.12.2026
                rf"\d{{1,2}}(?:{han_months})(?:\d{{1,2}}[号日])?",  # 3月3号
                rf"\b\d+\s?(?:{periods})(?:\s+(?:{ago}))?",  # 9 days (ago), 4 дня (назад)
                rf"\d+(?:{han_periods})(?:{han_ago})?",  # 3天前, 6年
                rf"\b\d+\s?(?:{hours})\s+(?:{ago})|\d+(?:{han_hours})(?:{han_ago})",  # 2 hours ago, 2小时前
                rf"(?:{symbols})\s?{amount}|{amount}\s?(?:{symbols})",  # $54.99, 54,99 $
                rf"\b{amount}\s?(?:{money})|{amount}\s?(?:{han_money})",  # 54.99 dollars, 54.99美元
                rf"(?:{cases}|{han_cases}){_CASE_LINK}\d{{3,}}(?!\d)",  # case 48213, обращение № 48213, 工单48213
                rf"\b\d{{1,2}}(?::\d{{2}})?\s?(?:{parts})|\d{{1,2}}(?::\d{{2}})?(?:{han_parts})",  # 4 pm, 下午4点
                _PHONE,
            )
        ),
        re.I,
    )


def _in_chinese(text: str, start: int, end: int) -> bool:
    """Whether what is cut sits against Chinese (where no space stands between words)."""
    before, after = text[start - 1 : start], text[end : end + 1]
    return bool(HAN.search(before + after) or re.search(r"[，。、：；（）！？]", before + after))


def without_asides(text: str) -> str:
    """The message without the numbers no request needs (and the brackets they leave empty)."""
    said = _pattern().sub(lambda m: "" if _in_chinese(m.string, m.start(), m.end()) else " ", text)
    said = re.sub(r"[(（]\s*[,，]?\s*[)）]", " ", said)  # "(paid $117.95)" -> ""
    return tidied(re.sub(r"\s+(?=[)）])", "", said))  # "(paid )" -> "(paid)"
