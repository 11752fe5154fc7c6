"""The composed angry and calm customers the anger head trains on: three languages, held-out phrasings kept apart."""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

from hotline.training.anger_phrases import PHRASES, composed, held


def test_every_language_has_angry_and_calm_customers_in_both_parts() -> None:
    table = composed(per_frame=10)
    assert set(table) == {"en", "ru", "zh"}
    for parts in table.values():
        for part in ("train", "held"):
            labels = {label for _, label in parts[part]}
            assert 1 in labels, part
        assert 0 in {label for _, label in parts["train"]}
        assert len({text for text, _ in parts["train"]}) == len(parts["train"])


def test_held_out_texts_share_no_frame_and_no_held_out_part_with_training() -> None:
    table = yaml.safe_load(PHRASES.read_text(encoding="utf-8"))
    parts = composed(per_frame=10)
    for lang, kinds in table.items():
        held_parts = [p for name, items in kinds.items() if name not in ("angry", "calm") for p in items if held(p)]
        train_texts = " ".join(text for text, _ in parts[lang]["train"])
        for part in held_parts:
            assert part not in train_texts, (lang, part)
        held_frames = [f for kind in ("angry", "calm") for f in kinds[kind] if held(f)]
        assert held_frames, lang
        for frame in held_frames:  # the frame's own words (outside its slots) never open a training text
            fixed = re.split(r"\{\w+\}", frame)
            longest = max(fixed, key=len).strip()
            if len(longest) >= 12:
                assert not any(longest in text for text, _ in parts[lang]["train"]), (lang, frame)


def test_slots_are_filled_and_sentences_start_with_a_capital() -> None:
    parts = composed(per_frame=10)
    for lang, rows in parts.items():
        for text, _ in random.Random(3).sample(rows["train"], 30):
            assert "{" not in text and "}" not in text
            if lang != "zh":
                for sentence in re.split(r"(?<=[.!?])\s+", text):
                    assert not sentence[:1].islower(), text


def test_the_draw_is_seeded() -> None:
    assert composed(per_frame=5, seed=1) == composed(per_frame=5, seed=1)
    assert composed(per_frame=5, seed=1) != composed(per_frame=5, seed=2)


def test_training_takes_the_composed_customers_and_russian_comments_only_when_asked(tmp_path: Path) -> None:
    from hotline.training.escalation import AngerTraining, training_texts

    (tmp_path / "train.tsv").write_text("so angry at this\t2\tid1\nnice day\t27\tid2\nlovely\t17\tid3\n")
    (tmp_path / "ru_goemotions_validation.csv").write_text(
        "ru_text,text,labels,id\nКакая радость,What joy,[17],a\nЗлюсь,Angry,[2],b\nНу и ладно,Whatever,[27],c\n",
        encoding="utf-8",
    )
    plain = training_texts(tmp_path, {}, AngerTraining(), multilingual=True)[2]
    assert not any(kind.startswith(("angry_customer", "calm_customer", "other_emotions_ru")) for kind in plain)
    texts, labels, counts = training_texts(
        tmp_path, {}, AngerTraining(composed_per_frame=5, other_emotions_ru=10), multilingual=True
    )
    assert counts["other_emotions_ru"] == 1  # joy only: angry and neutral comments are calibration's and test's
    assert "Какая радость" in texts and "Злюсь" not in texts
    by_text = dict(zip(texts, labels, strict=True))
    composed_rows = composed(per_frame=5)["ru"]["train"]
    for text, angry in composed_rows[:20]:
        assert by_text[text] == angry
    assert counts["angry_customer_ru"] and counts["calm_customer_ru"]


def test_a_third_of_the_russian_comments_trains_and_is_never_measured(tmp_path: Path) -> None:
    from hotline.training.escalation import AngerTraining, training_texts
    from hotline.training.escalation_data import load_sets, ru_part

    assert [ru_part(i) for i in "abcd"] == ["calibration", "test", "train", "train"]
    (tmp_path / "train.tsv").write_text("so angry at this\t2\tid1\n")
    (tmp_path / "ru_goemotions_validation.csv").write_text(
        "ru_text,text,labels,id\nБесит один,Annoying,[2],a\nБесит два,Annoying,[2],b\nБесит три,Annoying,[2],c\n"
        "Ну и ладно,Whatever,[27],d\nКакая радость,What joy,[17],i\n",
        encoding="utf-8",
    )
    plain = training_texts(tmp_path, {}, AngerTraining(), multilingual=True)[2]
    assert "angry_ru" not in plain and "calm_ru" not in plain
    texts, labels, counts = training_texts(tmp_path, {}, AngerTraining(ru_comments=3), multilingual=True)
    assert counts["angry_ru"] == 3 and counts["calm_ru"] == 1  # the angry comment repeated, the neutral one once
    by_text = dict(zip(texts, labels, strict=True))
    assert by_text["Бесит три"] == 1 and by_text["Ну и ладно"] == 0
    assert "Бесит один" not in texts and "Какая радость" not in texts  # joy is other_emotions_ru's, when asked
    sets = load_sets(tmp_path, {})
    measured = [t for half in sets.values() for t in half["ru"].texts.get("angry", []) + half["ru"].texts["neutral"]]
    assert sorted(measured) == ["Бесит два", "Бесит один"]
    assert sets["calibration"]["ru"].texts["angry"] == ["Бесит один"]


def test_the_held_out_frames_are_split_in_two_halves_by_frame() -> None:
    from hotline.training.anger_phrases import held_halves

    halves, table = held_halves(per_frame=10), composed(per_frame=10)
    for lang, parts in halves.items():
        assert {t for rows in parts.values() for t in rows} == set(table[lang]["held"])  # every held-out text, once
        assert not {t for t, _ in parts["calibration"]} & {t for t, _ in parts["test"]}
        assert 1 in {label for _, label in parts["calibration"]} and 1 in {label for _, label in parts["test"]}
