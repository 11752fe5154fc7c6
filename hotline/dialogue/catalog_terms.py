"""Product names and option values said in Russian or Chinese, marked with the catalogue's English terms.

"верните чайник и синюю бутылку" -> "верните чайник [Tea Kettle] и синюю [blue] бутылку [Water Bottle]": the
store-grounded matchers downstream read English names and option values, so one annotation here lets every
one of them understand the customer's words. Longest names are taken first ("умные часы" is a Smart Watch,
not a Wristwatch; "笔记本电脑" a Laptop, not a Notebook). Russian entries are stems matched at a word's start.
"""

from __future__ import annotations

import re
from functools import lru_cache

from hotline.store.catalog_names import OPTION_VALUES, PRODUCT_NAMES

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@lru_cache(maxsize=1)
def _entries() -> list[tuple[re.Pattern[str], str]]:
    """(pattern, English term), longest alias first. A Russian alias is a run of word stems, each matched at a
    word's start and taken with its ending ("камер видеонаблюдени" finds "камеру видеонаблюдения")."""
    found: list[tuple[str, str]] = []
    for table in (PRODUCT_NAMES, OPTION_VALUES):
        for english, names in table.items():
            for lang in ("ru", "zh"):
                found += [(alias.lower(), english) for alias in names.get(lang, [])]
    found.sort(key=lambda e: -len(e[0]))
    compiled = []
    for alias, english in found:
        if _CYRILLIC.match(alias):
            stems = [re.escape(stem) + r"\w*" for stem in alias.split()]
            pattern = re.compile(r"(?<![\w-])" + r"[\s-]+".join(stems))
        else:
            pattern = re.compile(re.escape(alias))
        compiled.append((pattern, english))
    return compiled


def annotate(text: str) -> str:
    """``text`` with "[English term]" after each Russian or Chinese catalogue term it names."""
    if not re.search(r"[\u0400-\u04ff\u4e00-\u9fff]", text):
        return text
    lowered = text.lower()
    taken = [False] * len(text)
    marks: list[tuple[int, str]] = []
    for pattern, english in _entries():
        for match in pattern.finditer(lowered):
            at, end = match.span()
            if any(taken[at:end]):
                continue
            for i in range(at, end):
                taken[i] = True
            marks.append((end, english))
    out, last = [], 0
    for end, english in sorted(marks):
        out += [text[last:end], f" [{english}] "]
        last = end
    out.append(text[last:])
    return "".join(out)
