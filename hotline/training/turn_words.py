"""``hotline train turn-words``: the head that tells a finished turn from words cut off mid-request
(``speech.turn_words``).

Data, per language — whole messages, and each sentence of a message of several, are finished turns; the same
messages cut at a word boundary (characters for Chinese), one or two cuts each, are not:
- en: the demo company's generated customer messages, Bitext's customer requests, CLINC150's assistant requests,
  GoEmotions' comments;
- ru: the generated customer messages, the Russian GoEmotions' comments;
- zh: the generated customer messages, COLD's comments;
- in each language, the person head's composed requests for a person and sentences that mention one
  (``person_phrases.yaml``), and the yes and no words (a turn can be one word).
A fifth of the messages (by a hash of the text) is never trained on; the report measures there: how many cut-off
prefixes wait for the rest, how many whole messages wait for nothing. Each language's threshold is chosen on that
fifth's whole messages so that at most ``max_held`` of them would wait (3 % by default: on fresh conversational
turns the share held is several times that).
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from hotline.languages import load_packs
from hotline.speech.turn_words import TurnWords, tail_features, tokens_of, word_ends


def han_languages() -> frozenset[str]:
    """Languages written without spaces (the packs' ``script: han``): their words are characters."""
    return frozenset(code for code, language in load_packs().items() if language.script == "han")


# Each short answer counts this many times: "yes" is also the first word of many longer messages cut after it, and a
# caller's "Yes." must not wait the hold.
SHORT_ANSWER_WEIGHT = 10


@dataclass(frozen=True)
class TurnWordsTraining:
    per_source: int = 4000  # messages drawn from each source of a language
    cuts: int = 2  # prefixes cut from each message
    max_held: float = 0.03  # at most this share of a language's held-back whole messages waits
    min_count: int = 2  # features seen fewer times are dropped
    min_word_count: int = 5  # words in fewer finished training messages than this are <w> (a rare word)
    c: float = 1.0
    seed: int = 0


def held_back(text: str) -> bool:
    return hashlib.sha1(text.encode()).digest()[0] % 5 == 0


def _clean(text: str) -> str:
    text = re.sub(r"\{\{[^}]*\}\}", "", text)  # Bitext's template slots
    return re.sub(r"\s+", " ", text).strip()


def sources(shared_dir: Path, per_source: int, seed: int) -> dict[str, list[str]]:
    """Whole messages per language, each source drawn on its own (up to ``per_source``)."""
    from hotline.training.escalation import load_cold, load_ru_goemotions
    from hotline.training.escalation_data import BITEXT, customer_messages, goemotions_rows

    rng = random.Random(seed)

    def draw(texts: list[str]) -> list[str]:
        texts = sorted({cleaned for t in texts if len(cleaned := _clean(t)) > 1})
        drawn = rng.sample(texts, per_source) if len(texts) > per_source else texts
        return [unit for text in drawn for unit in (text, *sentences(text))]

    generated = customer_messages(shared_dir / "kb", per_language=per_source, seed=5)
    found = {code: draw(generated[code]) for code in ("en", "ru", "zh")}
    with (shared_dir / "dialogue" / BITEXT).open(encoding="utf-8") as handle:
        found["en"] += draw([row["instruction"] for row in csv.DictReader(handle)])
    clinc = json.loads((shared_dir / "dialogue" / "clinc150.json").read_text(encoding="utf-8"))
    found["en"] += draw([text for split in clinc.values() for text, _ in split])
    found["en"] += draw([text for text, _ in goemotions_rows(shared_dir / "emotion" / "train.tsv")])
    found["ru"] += draw(load_ru_goemotions(shared_dir / "emotion" / "ru_goemotions_validation.csv")[0])
    found["zh"] += draw(load_cold(shared_dir / "emotion" / "cold" / "train.csv")[0])
    from hotline.training.escalation_person import composed

    for code, parts in composed().items():  # requests for a person and sentences that mention one
        found[code] += draw([text for rows in parts.values() for text, _ in rows])
    for code in found:
        found[code] += short_answers(code) * SHORT_ANSWER_WEIGHT
    return found


_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*")


def sentences(text: str) -> list[str]:
    """The sentences of a message of several ("Это был подарок. Верните деньги."): each one a turn a caller could
    say alone — short finished turns, which whole messages alone are too few of (an empty list for one sentence)."""
    parts = [part.strip() for part in _SENTENCE_END.split(text) if len(part.strip()) > 1]
    return parts if len(parts) > 1 else []


def short_answers(code: str) -> list[str]:
    """A turn can be one word: the language pack's yes and no words, as heard ("yes", "Yes.", "Да.", "对。")."""
    from hotline.languages import pack

    language = pack(code)
    stop = "。" if language.script == "han" else "."
    words = [*language.yes_words, *language.no_words]
    return sorted({form for word in words for form in (word, word[:1].upper() + word[1:] + stop)})


def cut_offs(text: str, han: bool, count: int, rng: random.Random) -> list[str]:
    """``text`` cut after up to ``count`` of its words (not the last), as heard so far."""
    ends = word_ends(text, han)[:-1]
    return [text[:end] for end in sorted(rng.sample(ends, min(count, len(ends))))]


def examples(messages: dict[str, list[str]], cuts: int, seed: int) -> dict[str, dict[str, list[tuple[str, int]]]]:
    """language -> "train" / "held" -> (text, 1 finished / 0 cut off)."""
    rng = random.Random(seed)
    han = han_languages()
    out: dict[str, dict[str, list[tuple[str, int]]]] = {}
    for code, texts in messages.items():
        parts: dict[str, list[tuple[str, int]]] = {"train": [], "held": []}
        seen: set[str] = set()
        for text in texts:
            if held_back(text) and text in seen:
                continue  # a short answer counts once where it is measured (``SHORT_ANSWER_WEIGHT`` is for training)
            seen.add(text)
            part = parts["held" if held_back(text) else "train"]
            part.append((text, 1))
            part.extend((prefix, 0) for prefix in cut_offs(text, code in han, cuts, rng))
        out[code] = parts
    return out


def _matrix(rows: list[list[str]], index: dict[str, int]) -> Any:
    from scipy.sparse import csr_matrix

    indptr, indices = [0], []
    for features in rows:
        indices += sorted({index[f] for f in features if f in index})
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return csr_matrix((data, np.array(indices, dtype=np.int64), np.array(indptr)), shape=(len(rows), len(index)))


def fit(
    data: dict[str, dict[str, list[tuple[str, int]]]], config: TurnWordsTraining
) -> tuple[TurnWords, dict[str, Any]]:
    """The head and its report (per language on the held-back fifth: cut-offs that wait, whole messages held)."""
    from sklearn.linear_model import LogisticRegression

    han = han_languages()
    words: Counter[str] = Counter()
    for code, parts in data.items():
        for text, finished in parts["train"]:
            if finished:
                words.update({f"{code}|{token}" for token in tokens_of(text, code in han)})
    known = frozenset(word for word, n in words.items() if n >= config.min_word_count)
    train = [(tail_features(t, code, code in han, known), y) for code, parts in data.items() for t, y in parts["train"]]
    counts = Counter(f for features, _ in train for f in set(features))
    names = sorted(f for f, n in counts.items() if n >= config.min_count)
    index = {name: i for i, name in enumerate(names)}
    model = LogisticRegression(C=config.c, max_iter=2000, class_weight="balanced")
    model.fit(_matrix([f for f, _ in train], index), np.array([y for _, y in train]))
    coef = model.coef_[0].astype(np.float64)
    head = TurnWords(index, coef, float(model.intercept_[0]), {}, han, known)
    thresholds: dict[str, float] = {}
    report: dict[str, Any] = {"config": asdict(config), "features": len(index), "words": len(known), "languages": {}}
    for code, parts in data.items():
        scores = np.array([head.finished(t, code) for t, _ in parts["held"]])
        labels = np.array([y for _, y in parts["held"]])
        whole, cut = scores[labels == 1], scores[labels == 0]
        threshold = float(np.quantile(whole, config.max_held))
        thresholds[code] = round(threshold, 4)
        report["languages"][code] = {
            "threshold": thresholds[code],
            "train": len(parts["train"]),
            "held_whole": len(whole),
            "held_cut": len(cut),
            "whole_held_pct": round(100 * float(np.mean(whole < threshold)), 1),
            "cut_held_pct": round(100 * float(np.mean(cut < threshold)), 1),
            "cut_held_at_0.5_pct": round(100 * float(np.mean(cut < 0.5)), 1),
            "whole_held_at_0.5_pct": round(100 * float(np.mean(whole < 0.5)), 1),
        }
    return TurnWords(index, coef, head.intercept, thresholds, han, known), report


def train_turn_words(
    shared_dir: Path, out: Path, config: TurnWordsTraining, progress: Callable[[str], None]
) -> dict[str, Any]:
    messages = sources(shared_dir, config.per_source, config.seed)
    progress("messages: " + ", ".join(f"{code} {len(texts)}" for code, texts in messages.items()))
    head, report = fit(examples(messages, config.cuts, config.seed), config)
    head.save(out)
    out.with_suffix(".json").write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    for code, row in report["languages"].items():
        progress(f"{code}: {row}")
    return report
