"""The person head's training phrases: composed in three languages, a held-out quarter kept apart."""

from __future__ import annotations

import re

from hotline.training.escalation_person import composed


def test_every_language_composes_requests_and_mentions_with_a_held_out_part() -> None:
    sets = composed()
    assert set(sets) == {"en", "ru", "zh"}
    for lang, parts in sets.items():
        for part in ("train", "held"):
            labels = {label for _, label in parts[part]}
            assert labels == {0, 1}, (lang, part)
        texts = [t for part in parts.values() for t, _ in part]
        assert not [t for t in texts if re.search(r"[{}|]", t)], lang  # every slot filled, every case chosen
        train = {t for t, _ in parts["train"]}
        assert not train & {t for t, _ in parts["held"]}, lang
        assert 0.1 < len(parts["held"]) / len(texts) < 0.7, lang


def test_russian_staff_words_take_the_verbs_case() -> None:
    texts = {t for parts in composed()["ru"].values() for t, _ in parts}
    assert "соедините меня с оператором" in texts
    assert "позовите менеджера" in texts
    assert "нужен специалист" in texts
    assert "хочу поговорить о возврате" in texts  # about a topic: asks for no one
