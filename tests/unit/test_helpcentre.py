"""The demo help centre: the same articles in every language, every number from facts.yaml, public, titled."""

import re
from pathlib import Path

import pytest

from hotline.kb.documents import DocumentError, from_text, help_centre, load_facts, placeholders, render
from hotline.settings import REPO_ROOT

HELP = REPO_ROOT / "demo" / "helpcentre"
LANGUAGES = ("en", "ru", "zh")


def articles(lang: str) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted((HELP / lang).glob("*.md"))}


def test_every_article_exists_in_every_language() -> None:
    names = {lang: set(articles(lang)) for lang in LANGUAGES}
    assert len(names["en"]) >= 10
    assert names["en"] == names["ru"] == names["zh"]


def test_numbers_come_from_the_facts_file_and_agree_across_languages() -> None:
    facts = load_facts(HELP)
    for name, english in articles("en").items():
        used = sorted(placeholders(english))
        for lang in ("ru", "zh"):
            assert sorted(placeholders(articles(lang)[name])) == used, f"{lang}/{name} states other facts"
        for lang in LANGUAGES:
            body = articles(lang)[name]
            assert not re.search(r"\d", body), f"{lang}/{name}: a number written in the text, not from facts.yaml"
            assert set(placeholders(body)) <= set(facts)


def test_rendered_articles_are_public_titled_and_language_tagged() -> None:
    documents = help_centre(HELP)
    assert {d.lang for d in documents} == set(LANGUAGES)
    for document in documents:
        assert document.visibility == "public" and document.whole
        assert document.title and not document.title.endswith(".md") and "{" not in document.text
    refunds = {d.lang: d.text for d in documents if d.name.endswith("/refunds")}
    assert "5 to 7 business days" in refunds["en"] and "5–7 рабочих дней" in refunds["ru"]
    assert "5至7个工作日" in refunds["zh"]


def test_unknown_fact_and_bad_front_matter_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"no value in facts\.yaml for \['refund_weeks'\]"):
        render("in {refund_weeks} weeks", {}, "a.md")
    with pytest.raises(DocumentError, match="visibility 'secret'"):
        from_text("a.md", "---\nvisibility: secret\n---\ntext", "a")
    internal = from_text("a.md", "---\ntitle: Refund rules\nvisibility: internal\nlang: en\n---\ntext", "a")
    assert (internal.title, internal.visibility, internal.lang, internal.text) == (
        "Refund rules",
        "internal",
        "en",
        "text",
    )
    assert from_text("b.md", "# Store policy\n\nbody", "b").title == "Store policy"  # the first heading, not the file


def test_asked_questions_are_read_from_front_matter_and_checked(tmp_path: Path) -> None:
    article = from_text("a.md", "---\ntitle: How do I return?\nasked:\n  - Can I send it back?\n---\nReturn it.", "a")
    assert article.asked == ("Can I send it back?",)
    with pytest.raises(DocumentError, match="'asked' must be a list of questions"):
        from_text("b.md", "---\nasked: Can I send it back?\n---\ntext", "b")
    with pytest.raises(DocumentError, match="'asked' must be a list of questions"):
        from_text("c.md", "---\nasked:\n  - ''\n---\ntext", "c")


def test_every_article_is_asked_several_ways_in_every_language() -> None:
    for document in help_centre(HELP):
        assert len(document.asked) >= 3, f"{document.name}: too few other ways to ask it"
        assert document.title not in document.asked and len(set(document.asked)) == len(document.asked)
