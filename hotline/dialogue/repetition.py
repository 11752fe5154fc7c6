"""Saying the same thing again: the customer repeating a message (the bot did not understand it) and the bot giving
the same reply twice (it is stuck). Either is a turn without a useful answer for the escalation decision.

Language-agnostic: messages are compared by their character trigrams — bigrams for Chinese, whose characters carry
more each — with spaces and punctuation dropped, so unspaced Chinese works as Russian and English do; messages
with different numbers (another order id, another quantity) are different messages. Short
messages — "yes", an order id, a zip code — are not counted: a customer gives those again when asked again, which
is not the bot failing them.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field

# At least this many letters and digits (after normalising; a Chinese character counts as three) for a message to
# count as a repeat.
MIN_CHARACTERS = 12
# Trigram overlap (Jaccard) from which two messages say the same thing.
SAME = 0.6

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
_NUMBER = re.compile(r"\d+")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _normal(text: str) -> str:
    return _NOT_WORD.sub("", text.lower())


def _grams(text: str) -> set[str]:
    n = 2 if _CJK.search(text) else 3
    return {text[i : i + n] for i in range(len(text) - n + 1)}


def _length(text: str) -> int:
    return len(text) + 2 * len(_CJK.findall(text))


def similarity(a: str, b: str) -> float:
    """Character n-gram overlap of two texts (0..1) after dropping case, spaces and punctuation."""
    x, y = _grams(_normal(a)), _grams(_normal(b))
    return len(x & y) / len(x | y) if x and y else 0.0


def same_message(a: str, b: str, at_least: float = SAME) -> bool:
    """Long enough, mostly the same characters (overlap ``at_least``), and the same numbers: "cancel order
    #W1234567" and "cancel order #W7654321" are two requests, not one said twice."""
    if _NUMBER.findall(a) != _NUMBER.findall(b):
        return False
    return min(_length(_normal(a)), _length(_normal(b))) >= MIN_CHARACTERS and similarity(a, b) >= at_least


@dataclass
class Repetition:
    """What was said lately in one conversation: the customer's last messages and the bot's last reply."""

    window: int = 2  # the customer's messages a new one is compared with
    customer: deque[str] = field(default_factory=deque)
    bot: str = ""

    def customer_said(self, text: str) -> str | None:
        """The earlier message this one repeats (None if none), then remember it."""
        repeated = next((earlier for earlier in self.customer if same_message(text, earlier)), None)
        self.customer.append(text)
        while len(self.customer) > self.window:
            self.customer.popleft()
        return repeated

    def bot_said(self, reply: str) -> bool:
        """Whether the bot just gave the same reply as its last one, then remember it."""
        repeated = bool(self.bot) and same_message(reply, self.bot, at_least=0.9)
        self.bot = reply
        return repeated
