"""Angry and calm customers composed from ``anger_phrases.yaml``: the anger head's customers' own voice.

Each language's frames are filled with its parts (grievances, outbursts, demands, jabs, threats) by a seeded draw.
A quarter of the frames and of the parts (by a hash of the text) are held out: training texts use only the other
frames and parts, and the held-out texts only held-out frames (filled with held-out parts where a slot has any), so
the report's "held-out phrasings" share no frame and no held-out part with training.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

PER_FRAME = 40  # composed texts per frame, unless a training says otherwise
PHRASES = Path(__file__).with_name("anger_phrases.yaml")
_SLOT = re.compile(r"\{(\w+)\}")
_SENTENCE_START = re.compile(r"(^|[.!?]\s+)(\w)")
FRAMES = {"angry": 1, "calm": 0}


def held(text: str) -> bool:
    """Whether a frame or part of a composed phrase set is held out of training (a quarter, by a hash of its text):
    the anger and the person phrase sets alike."""
    return hashlib.sha1(text.encode()).digest()[0] % 4 == 0


def _fill(frame: str, parts: dict[str, list[str]], rng: random.Random) -> str:
    def one(match: re.Match[str]) -> str:
        slot = match.group(1)
        part = rng.choice(parts[slot.lower()])
        return part[:1].upper() + part[1:] if slot[:1].isupper() else part

    text = _SLOT.sub(one, frame)
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)


def composed(
    per_frame: int = PER_FRAME, seed: int = 0, path: Path = PHRASES
) -> dict[str, dict[str, list[tuple[str, int]]]]:
    """lang -> "train" / "held" -> (text, 1 angry / 0 calm), at most ``per_frame`` distinct texts per frame."""
    out: dict[str, dict[str, list[tuple[str, int]]]] = {}
    for lang, part, _order, texts, label in _drawn(per_frame, seed, path):
        out.setdefault(lang, {"train": [], "held": []})[part].extend((text, label) for text in texts)
    return out


def held_halves(
    per_frame: int = PER_FRAME, seed: int = 0, path: Path = PHRASES
) -> dict[str, dict[str, list[tuple[str, int]]]]:
    """The held-out texts in two halves by frame: lang -> "calibration" / "test" -> (text, label). Every other
    held-out frame of a kind (angry, calm), in the file's order, goes to the calibration half, so a threshold chosen
    on one half is measured on frames it never saw."""
    out: dict[str, dict[str, list[tuple[str, int]]]] = {}
    for lang, part, order, texts, label in _drawn(per_frame, seed, path):
        halves = out.setdefault(lang, {"calibration": [], "test": []})
        if part == "held":
            halves["calibration" if order % 2 == 0 else "test"].extend((text, label) for text in texts)
    return out


def _drawn(per_frame: int, seed: int, path: Path) -> Iterator[tuple[str, str, int, list[str], int]]:
    """(lang, "train" / "held", the frame's place among its part's frames of its kind, its texts, label)."""
    table = yaml.safe_load(path.read_text(encoding="utf-8"))
    for lang, kinds in table.items():
        rng = random.Random(f"{seed}/{lang}")
        slots = {name: items for name, items in kinds.items() if name not in FRAMES}
        pools = {
            "train": {name: [p for p in items if not held(p)] for name, items in slots.items()},
            "held": {name: [p for p in items if held(p)] or items for name, items in slots.items()},
        }
        for kind, label in FRAMES.items():
            seen = {"train": 0, "held": 0}
            for frame in kinds[kind]:
                part = "held" if held(frame) else "train"
                texts: set[str] = set()
                for _ in range(per_frame * 3):
                    if len(texts) >= per_frame:
                        break
                    texts.add(_fill(frame, pools[part], rng))
                yield lang, part, seen[part], sorted(texts), label
                seen[part] += 1
