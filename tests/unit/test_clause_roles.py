"""The clause-role head: where a message is cut, what the head reads, and what it says on wordings that are in
none of its templates."""

from __future__ import annotations

from pathlib import Path

import pytest

from hotline.dialogue.catalog_terms import annotate
from hotline.dialogue.item_scope import HELD_P
from hotline.dialogue.understanding.clause_roles import ITEM, ClauseRoles, cut, masked, read_clauses
from hotline.dialogue.understanding.clause_training import train_clause_roles


def _pieces(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in cut(text)]


def test_clauses_are_cut_where_clauses_meet_and_words_stay_with_their_clause() -> None:
    assert _pieces("return everything except the tablet, and keep the lamp") == [
        "return everything",
        "except the tablet",
        "and keep the lamp",
    ]
    assert _pieces("верните всё, кроме лампы") == ["верните всё", "кроме лампы"]
    assert _pieces("台灯先别动，其他都退") == ["台灯先别动", "其他都退"]


def test_options_and_annotations_do_not_cut_a_clause() -> None:
    assert _pieces("L、蓝色的头盔退掉") == ["L、蓝色的头盔退掉"]
    assert _pieces(annotate("台灯先别动")) == [annotate("台灯先别动").strip()]


def test_the_head_reads_what_is_said_about_an_item_not_which_item() -> None:
    assert masked("the e-reader stays") == "the ⓘ stays"
    assert masked("#W1234567的台灯保持原样") == "#的ⓘ保持原样"
    assert "ⓘ" in masked(annotate("но не электронную книгу")) and "[" not in masked(annotate("гантели оставить"))
    # an option value named in Russian is a value, not a second item: "поменять ⓘ на ⓥ"
    values = ClauseRoles.load().value_pattern
    assert masked(annotate("поменять смарт-часы на серебристый"), values).split() == ["поменять", "ⓘ", "на", "ⓥ"]


@pytest.mark.parametrize(
    ("text", "held"),
    [
        # wordings in none of the templates (the item words are the catalogue's): which item clauses hold back
        ("please take back the kettle but I'm keeping the lamp", [False, True]),
        ("I want a refund on the laptop; the mouse I'll keep", [False, True]),
        ("everything apart from my running shoes please", [True]),
        ("the grill doesn't work, send it back", [False]),
        ("I'd like to exchange the watch, the charger is fine as is", [False, True]),
        ("верните чайник, а лампу я оставлю", [False, True]),
        ("хочу сдать ноутбук, мышку оставляю", [False, True]),
        ("退掉水壶，台灯留下", [False, True]),
        ("键盘我不要了，鼠标还留着", [False, True]),
        ("把电水壶退了吧，台灯先放一放", [False, True]),
    ],
)
def test_the_packaged_head_on_wordings_it_never_saw(text: str, held: list[bool]) -> None:
    naming = [c for c in read_clauses(annotate(text)) if ITEM in masked(c.text)]
    assert [c.held_p >= HELD_P for c in naming] == held, [(c.text, c.role, round(c.held_p, 2)) for c in naming]


@pytest.mark.parametrize(
    ("text", "held"),
    [
        (
            "Hi, I hope you're well. I'd like to return the kettle and the clock, though not the chair.",
            [False, False, True],
        ),
        (
            "Hello, sorry to trouble you. Please send back the pet bed and the tablet but not the camera.",
            [False, False, True],
        ),
        ("Добрый день, надеюсь, у вас всё хорошо. Верните чайник, а кресло оставьте.", [False, True]),
    ],
)
def test_a_pleasantry_before_the_request_colours_no_clause(text: str, held: list[bool]) -> None:
    """A sentence that names no item is no context for the next one ("I hope you're well" read as a hold)."""
    naming = [c for c in read_clauses(annotate(text)) if ITEM in masked(c.text)]
    assert [c.held_p >= HELD_P for c in naming] == held, [(c.text, c.role, round(c.held_p, 2)) for c in naming]


@pytest.mark.shared_data
def test_training_writes_a_head_and_reports_held_out_templates(tmp_path: Path, shared_data: Path) -> None:
    out = tmp_path / "clause-roles.npz"
    report = train_clause_roles(shared_data / "kb", out, seed=3, messages=600, progress=lambda _line: None)
    assert set(report["heldout_accuracy"]) == {"en", "ru", "zh"}
    head = ClauseRoles.load(out)
    assert sorted(head.labels) == ["act", "except", "hold"] and "not resistant" in head.values
    assert [c.role for c in head.read("return the lamp, keep the chair")][-1] in ("act", "except", "hold")


def test_a_missing_head_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="hotline train understanding"):
        ClauseRoles.load(tmp_path / "none.npz")
