"""Sentence chunker: turns a token stream into whole sentences, the unit red-line checks and TTS speak."""

from __future__ import annotations

import re
from collections.abc import Sequence

# End of sentence: terminal punctuation (Latin or CJK), optional closing quotes/brackets, then whitespace.
# CJK full stops end a sentence without a following space.
_BOUNDARY = re.compile(r"([.!?…]+[\"')\]]*)(\s+)|([。！？]+)")
_ABBREVIATION = re.compile(r"(\b(e\.g|i\.e|etc|approx|Mr|Mrs|Ms|Dr|St|No|vs)|\b[A-Z])\.$", re.IGNORECASE)


class SentenceChunker:
    """Feed text pieces with ``push`` to get the sentences completed so far; ``flush`` returns the rest."""

    def __init__(self, min_chars: int = 2) -> None:
        self._buffer = ""
        self._min_chars = min_chars

    def push(self, piece: str) -> list[str]:
        self._buffer += piece
        sentences: list[str] = []
        start = 0
        for match in _BOUNDARY.finditer(self._buffer):
            end = match.end(1) if match.group(1) else match.end(3)
            candidate = self._buffer[start:end].strip()
            if match.group(1) and _ABBREVIATION.search(candidate):
                continue
            if len(candidate) >= self._min_chars:
                sentences.append(candidate)
                start = match.end()
        self._buffer = self._buffer[start:]
        return sentences

    def flush(self) -> list[str]:
        rest = self._buffer.strip()
        self._buffer = ""
        return [rest] if rest else []


def split_sentences(text: str) -> list[str]:
    chunker = SentenceChunker()
    return chunker.push(text + " ") + chunker.flush()


def join_sentences(sentences: Sequence[str], lang: str | None) -> str:
    """Sentences as one reply: with a space between them, none in Chinese; empty ones dropped."""
    return ("" if lang == "zh" else " ").join(s for s in sentences if s)
