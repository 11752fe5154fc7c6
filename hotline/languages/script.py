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

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")  # a Chinese character, in either script


@functools.lru_cache(maxsize=4)
def converter(config: str) -> Any:
    """OpenCC's converter for ``config`` ("tw2sp": Taiwan to mainland, phrases too), loaded once."""
    import opencc

    return opencc.OpenCC(config)


def simplified(text: str) -> str:
    """``text`` with its Chinese in simplified characters; anything without Chinese unchanged."""
    if not HAN.search(text):
        return text
    return str(converter("tw2sp").convert(text))
