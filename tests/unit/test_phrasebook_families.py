"""Every phrasing family of the simulated customers says every thing the first one says, in every language, with
the same fields: a family missing a key or a field would fail a simulated conversation, not the bot."""

from __future__ import annotations

import string

import pytest

from hotline.evaluation.simulate.phrasebook import _LATER_FAMILIES, T


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("family", sorted(_LATER_FAMILIES))
def test_a_later_family_has_every_key_and_field(family: int) -> None:
    table = _LATER_FAMILIES[family][0]
    for lang, keys in T.items():
        assert set(table[lang]) == set(keys), (family, lang)
        for key in keys:  # the fields the simulated customer fills for this key (in any language)
            expected = set().union(*(_fields(t) for by_lang in T.values() for opts in by_lang[key] for t in opts))
            for template in table[lang][key]:
                assert _fields(template) <= expected, (family, lang, key, template)
