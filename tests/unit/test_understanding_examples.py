"""The understanding head's training messages put together from parts: every list in every language, labels that
match the lists, wordings held out of training, and the ways people type."""

from __future__ import annotations

import random

import pytest

from hotline.dialogue.understanding.examples_composed import composed, held_out_cores, parts, typed
from hotline.store.actions import REQUEST_KINDS

VALUES = {
    "order": "#W1234567",
    "item": "desk lamp",
    "reason": "I don't need it",
    "payment": "paypal",
    "value": "black",
    "address": "1 Main St, Austin, TX 78701",
    "email": "ann.lee1@example.com",
    "first": "Ann",
    "last": "Lee",
    "zip": "78701",
}


def test_every_list_has_all_three_languages_and_yes_no_are_words_not_booleans() -> None:
    p = parts()
    assert {"yes", "no"} <= set(p)  # quoted in the YAML: a bare yes/no key is read as a boolean
    for kind in set(REQUEST_KINDS.values()):
        assert set(p["requests"][kind]) == {"en", "ru", "zh"}, kind
    for name in ("questions", "informs", "openers", "closers", "order_ref", "fallbacks"):
        assert set(p[name]) == {"en", "ru", "zh"}, name


def test_composed_messages_carry_the_label_of_their_list() -> None:
    rng = random.Random(3)
    for lang in ("en", "ru", "zh"):
        seen = list(composed(rng, lang, VALUES, ["cancel", "return"]))
        acts = {act for _text, act, _action, _core in seen}
        assert acts == {"request", "question", "inform", "yes", "no"}
        for text, act, action, core in seen:
            assert text.strip() and "{" not in text, text
            assert core[1] == lang
            if act == "request":
                assert core[0] == f"requests.{action}" and action in ("cancel", "return")
            else:
                assert action == "none"


def test_about_one_wording_in_five_is_held_out_in_every_list_and_language() -> None:
    held = held_out_cores(7)
    assert held == held_out_cores(7)  # the same split every run
    for lang in ("en", "ru", "zh"):
        for kind in set(REQUEST_KINDS.values()):
            n = len(parts()["requests"][kind][lang])
            kept = sum(1 for name, lg, _i in held if name == f"requests.{kind}" and lg == lang)
            assert 1 <= kept <= max(1, n // 5), (kind, lang)
        assert any(name == "yes" and lg == lang for name, lg, _i in held)


def test_typed_keeps_the_message_recognisable() -> None:
    rng = random.Random(0)
    forms = {typed("I want to return the desk lamp.", "en", rng) for _ in range(200)}
    assert "I want to return the desk lamp." in forms
    assert any(f.startswith("i want") for f in forms) and any(not f.endswith(".") for f in forms)
    assert any("want return" in f.lower() for f in forms)  # "to" and the article dropped


def test_what_is_said_beside_a_core_is_never_a_held_out_wording(monkeypatch: pytest.MonkeyPatch) -> None:
    import hotline.dialogue.understanding.examples_composed as module

    monkeypatch.setattr(module, "typed", lambda text, _lang, _rng: text)  # compare the words as they were filled
    p = parts()
    for lang in ("en", "ru", "zh"):
        questions = p["questions"][lang]
        held = frozenset(
            {("informs", lang, 1), ("informs", lang, 2)} | {("questions", lang, i) for i in range(1, len(questions))}
        )
        rng = random.Random(5)
        for _ in range(60):
            for text, act, action, core in composed(rng, lang, VALUES, ["cancel"], held=held):
                if act == "yes":
                    assert not any(q in text for q in questions[1:]), text
                if act == "request":
                    for index in (1, 2):
                        who = module._fill(p["informs"][lang][index], VALUES, lang, action, random.Random(0))
                        assert core == ("informs", lang, index) or who not in text, text
