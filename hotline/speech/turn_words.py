"""Do the words heard so far end where a caller ends a turn? A small head on the transcript's last words.

``sounds_unfinished`` (turn_end.py) knows a few endings by rule ("and", "my", a number shorter than a zip code); a
caller stops mid-request in many more places ("I want to return the desk", "Я хочу вернуть настольную", "我想退").
This head was trained (``hotline train turn-words``) on the company's customer messages and public comments whole
against the same messages cut at a word boundary, and scores how likely the words are a finished turn. Its features
are the tail of the text, computed here the same way in training and at run time: the last one, two and three words
(up to four characters for Chinese), the last word's ending, the first word, the length and a short text whole, each
tagged with the language. A number is one token, ``<n>``; a word seen rarely in training is one token, ``<w>``.
Sentence punctuation at the end is dropped first: Whisper puts a full stop after a cut-off prefix as readily as
after a finished sentence. A linear model over those: ~0.05 ms a transcript, no embedding.

Each language's threshold is stored with the head: chosen on held-back whole messages so that few of them would
wait (``TurnWordsTraining.max_held``). Off by default (``voice.turn_words``): on short conversational answers
("Они маленькие.", "这是礼物。") it holds several times that share.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

PACKAGED_TURN_WORDS = Path(__file__).with_name("heads") / "turn-words.npz"
_END_MARKS = ".!?。！？…\"'“”»)） \t\n"
_HAN_TOKEN = re.compile(r"[a-z']+|\d+|[^\W\d_]", re.IGNORECASE)
_TOKEN = re.compile(r"[\w']+")


def word_ends(text: str, han: bool) -> list[int]:
    """Where each word of ``text`` ends (each character for Chinese, Latin words and numbers whole)."""
    return [match.end() for match in (_HAN_TOKEN if han else _TOKEN).finditer(text)]


def tokens_of(text: str, han: bool) -> list[str]:
    """Lower-cased words (characters and Latin words for Chinese); a number is one token, ``<n>``."""
    tokens = (_HAN_TOKEN if han else _TOKEN).findall(text.lower())
    return ["<n>" if any(c.isdigit() for c in token) else token for token in tokens]


def _length(n: int) -> str:
    return str(min(n, 4)) if n <= 4 else ("6" if n <= 6 else ("9" if n <= 9 else ("14" if n <= 14 else "15+")))


def tail_features(text: str, language: str, han: bool, known: frozenset[str] | None = None) -> list[str]:
    """The tail of ``text`` as feature names (the same in training and at run time). A word not in ``known``
    ("en|laptop": words seen often enough in training) is ``<w>``: a rare word last says more about where turns end
    ("Can I return a laptop?") than the few times that word was seen."""
    words = tokens_of(text.rstrip(_END_MARKS), han)
    tokens = words if known is None else [t if t == "<n>" or f"{language}|{t}" in known else "<w>" for t in words]
    tag = f"{language}|"
    if not tokens:
        return [f"{tag}empty"]
    features = [f"{tag}lang", f"{tag}n:{_length(len(tokens))}", f"{tag}first:{tokens[0]}"]
    if len(tokens) <= 3:
        features.append(f"{tag}only:{' '.join(tokens)}")
    for size in (1, 2, 3) if not han else (1, 2, 3, 4):
        if len(tokens) >= size:
            features.append(f"{tag}{size}:{' '.join(tokens[-size:])}")
    if len(tokens) >= 2:
        features.append(f"{tag}before:{tokens[-2]}")
    last = tokens[-1]
    # The last word after a short text or a long one: "я" ends "Я" cut off, not "…должен быть я".
    features.append(f"{tag}last{'<4' if len(tokens) < 4 else '4+'}:{last}")
    if not han and len(words[-1]) > 3:  # the word's ending, rare or not ("настольную": an adjective before its noun)
        features += [f"{tag}end2:{words[-1][-2:]}", f"{tag}end3:{words[-1][-3:]}"]
    return features


@dataclass(frozen=True)
class TurnWords:
    """A linear model over ``tail_features``; ``finished`` is its probability that the words end a turn."""

    index: dict[str, int]
    coef: np.ndarray
    intercept: float
    thresholds: dict[str, float]  # per language: words scoring below it wait for the rest
    han: frozenset[str]  # languages written without spaces (tokens are characters)
    known: frozenset[str] | None = None  # "en|word": words kept as themselves (others are <w>); None: all

    def finished(self, text: str, language: str) -> float:
        features = tail_features(text, language, language in self.han, self.known)
        logit = self.intercept + sum(float(self.coef[self.index[f]]) for f in features if f in self.index)
        return 1.0 / (1.0 + math.exp(-logit))

    def unfinished(self, text: str, language: str) -> bool:
        """Whether the words sound cut off (a language the head was not trained for: never)."""
        threshold = self.thresholds.get(language)
        return threshold is not None and bool(text.strip()) and self.finished(text, language) < threshold

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        languages = sorted(self.thresholds)
        np.savez_compressed(
            path,
            features=np.array(list(self.index), dtype=np.str_),
            coef=self.coef.astype(np.float32),
            intercept=np.float32(self.intercept),
            languages=np.array(languages, dtype=np.str_),
            thresholds=np.array([self.thresholds[code] for code in languages], dtype=np.float32),
            han=np.array(sorted(self.han), dtype=np.str_),
            known=np.array(sorted(self.known or ()), dtype=np.str_),
            all_known=np.bool_(self.known is None),
        )

    @classmethod
    def load(cls, path: Path) -> TurnWords:
        if not path.is_file():
            raise FileNotFoundError(f"turn words head not found: {path} (hotline train turn-words makes it)")
        with np.load(path) as data:
            names = [str(name) for name in data["features"]]
            thresholds = {str(c): float(t) for c, t in zip(data["languages"], data["thresholds"], strict=True)}
            return cls(
                {name: i for i, name in enumerate(names)},
                data["coef"].astype(np.float64),
                float(data["intercept"]),
                thresholds,
                frozenset(str(code) for code in data["han"]),
                None if bool(data["all_known"]) else frozenset(str(word) for word in data["known"]),
            )


def load_turn_words(setting: str | None) -> TurnWords | None:
    """``packaged`` (the head in this package), a path to one, or None/"" (off)."""
    if not setting:
        return None
    return TurnWords.load(PACKAGED_TURN_WORDS if setting == "packaged" else Path(setting))
