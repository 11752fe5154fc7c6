"""Language packs: each pack complete (every English key translated, the same placeholders), and the tables the
rest of the code reads derived from them — adding a language is one pack."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from hotline.dialogue import flow_phrases, handoff
from hotline.dialogue.answer_words import NO, YES, confirmation_answer
from hotline.languages import PACKS_DIR, LanguagePackError, load_packs, pack, read_packs
from hotline.redline.rules import RedLine

SECTIONS = ("phrases", "notices", "statuses", "policy_reasons", "redline", "ui", "agent", "intents")
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_the_served_languages_have_packs() -> None:
    assert {"en", "ru", "zh"} <= set(load_packs())


@pytest.mark.parametrize("code", sorted(load_packs()))
@pytest.mark.parametrize("section", SECTIONS)
def test_every_pack_is_complete_with_the_same_placeholders(code: str, section: str) -> None:
    english, other = getattr(pack("en"), section), getattr(pack(code), section)
    assert set(english) - set(other) == set(), f"{code}.yaml lacks {section} keys"
    assert set(other) - set(english) == set(), f"{code}.yaml has {section} keys English lacks"
    for key, text in english.items():
        assert set(PLACEHOLDER.findall(other[key])) == set(PLACEHOLDER.findall(text)), f"{code} {section}.{key}"
        assert other[key].strip(), f"{code} {section}.{key} is empty"


@pytest.mark.parametrize("code", sorted(load_packs()))
def test_every_pack_has_yes_no_words_and_a_script(code: str) -> None:
    language = pack(code)
    assert language.yes_words and language.no_words
    assert not set(language.yes_words) & set(language.no_words)
    assert language.script in {"latin", "cyrillic", "han"}


def test_tables_are_derived_from_the_packs() -> None:
    assert set(flow_phrases.PHRASES) == set(pack("ru").phrases)
    assert flow_phrases.phrase("ru", "not_caught") == pack("ru").phrases["not_caught"]
    assert handoff.notice("closed", "zh") == pack("zh").notices["closed"]
    assert flow_phrases.status_word("zh", "pending") == pack("zh").statuses["pending"]
    assert flow_phrases.listing("zh", ["a", "b"]) == "a、b" and flow_phrases.listing("ru", ["a", "b"]) == "a, b"
    for code in load_packs():
        for word in pack(code).yes_words:  # "no problem", "нет проблем": a yes that starts with a no word is a yes
            assert YES.search(word) and (not NO.search(word) or confirmation_answer(word) == "yes"), (code, word)
        for word in pack(code).no_words:
            assert NO.search(word), (code, word)


def test_a_language_without_a_pack_falls_back_to_english() -> None:
    assert pack("de") is pack("en")
    assert flow_phrases.phrase("de", "not_caught") == pack("en").phrases["not_caught"]


def test_redline_texts_come_from_the_packs_unless_the_rules_file_words_them(tmp_path: Path) -> None:
    redline = RedLine()
    for code in ("en", "ru", "zh"):
        assert redline.disclosure_templates[code] == pack(code).redline["ai_disclosure"]
        assert redline.money_disclaimers[code] == pack(code).redline["money_disclaimer"]
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "version: 2\ntenant: t\nai_disclosure: 'Hello from {company}: {human_hint}.'\n"
        "ai_disclosure_translations:\n  ru: 'Привет от {company}.'\ninput: []\noutput: []\n",
        encoding="utf-8",
    )
    tenant = RedLine(rules)
    assert tenant.disclosure_template == "Hello from {company}: {human_hint}."
    assert tenant.disclosure_templates["ru"] == "Привет от {company}."
    assert tenant.disclosure_templates["zh"] == pack("zh").redline["ai_disclosure"]


def test_a_new_language_is_one_pack(tmp_path: Path) -> None:
    folder = tmp_path / "packs"
    shutil.copytree(PACKS_DIR, folder)
    german = (folder / "en.yaml").read_text(encoding="utf-8").replace("code: en", "code: de", 1)
    (folder / "de.yaml").write_text(german.replace("name: English", "name: Deutsch", 1), encoding="utf-8")
    packs = read_packs(folder)
    assert "de" in packs and packs["de"].name == "Deutsch"
    assert packs["de"].phrases == packs["en"].phrases


def test_broken_packs_are_clear_errors(tmp_path: Path) -> None:
    (tmp_path / "ru.yaml").write_text("code: ru\nname: x\nscript: cyrillic\n", encoding="utf-8")
    with pytest.raises(LanguagePackError, match=r"no en\.yaml"):
        read_packs(tmp_path)
    (tmp_path / "en.yaml").write_text("code: en\nname: [unclosed\n", encoding="utf-8")
    with pytest.raises(LanguagePackError, match="not valid YAML"):
        read_packs(tmp_path)
    (tmp_path / "en.yaml").write_text("code: en\nname: English\n", encoding="utf-8")
    with pytest.raises(LanguagePackError, match="missing 'script'"):
        read_packs(tmp_path)


@pytest.mark.parametrize("code", sorted(load_packs()))
def test_every_pack_says_numbers_and_symbols(code: str) -> None:
    speech = pack(code).speech
    assert set(pack("en").speech) <= set(speech), f"{code}.yaml lacks speech keys"
    assert len(speech["digits"]) == 10
    assert {"@", ".", "-", "_", "+"} <= set(speech["symbols"])
    assert speech["dollar"] and speech["cent"]


def test_the_disclosure_is_one_rule_for_chat_and_voice_in_every_language() -> None:
    from hotline.redline.rules import RedLine

    redline = RedLine()
    for lang in ("en", "ru", "zh"):
        chat = redline.disclosure(lang, "Acme", "chat", None)
        voice = redline.disclosure(lang, "Acme", "voice", None)
        assert "Acme" in chat and "Acme" in voice and chat != voice
    assert "press 0" in redline.disclosure("en", "Acme", "voice", "press 0")
    assert "press 0" not in redline.disclosure("zh", "Acme", "voice", "press 0")  # an English hint stays English
    assert "按0" in redline.disclosure("zh", "Acme", "voice", {"zh": "按0", "en": "press 0"})
