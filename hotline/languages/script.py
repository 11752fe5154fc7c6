"""The script a language is read in: Chinese in simplified characters.

Customers in Taiwan and Hong Kong type traditional characters (訂單, 退貨, 麻煩您) and Whisper often writes them
too; the company's phrase tables, catalogue names, red-line patterns and understanding heads are in simplified.
Every Chinese message is read in simplified (OpenCC's Taiwan-to-mainland table, phrases included: 軟體 -> 软件);
Latin and Cyrillic text is returned as it is, without loading the converter.
"""

from __future__ import annotations

import functools
import re
from typing import Any

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@functools.lru_cache(maxsize=1)
def _to_simplified() -> Any:
    import opencc

    return opencc.OpenCC("tw2sp")


def simplified(text: str) -> str:
    """``text`` with its Chinese in simplified characters; anything without Chinese unchanged."""
    if not _HAN.search(text):
        return text
    return str(_to_simplified().convert(text))
