"""Warnings a library raises about its own internals are ignored by message; every other warning still shows."""

from __future__ import annotations

import warnings

from hotline.logging_setup import THIRD_PARTY_WARNINGS, quiet_third_party_warnings


def test_only_the_listed_library_warnings_are_ignored() -> None:
    with warnings.catch_warnings(record=True) as seen:
        warnings.resetwarnings()
        quiet_third_party_warnings()
        warnings.simplefilter("always", append=True)
        warnings.warn(
            "`is_gradient_checkpointing` is deprecated and will be removed in v6. Use `is_activation_checkpointing`",
            FutureWarning,
            stacklevel=1,
        )
        warnings.warn("`something_else` is deprecated", FutureWarning, stacklevel=1)
        warnings.warn("`is_gradient_checkpointing` is deprecated", UserWarning, stacklevel=1)  # another category
    assert [(w.category, str(w.message)) for w in seen] == [
        (FutureWarning, "`something_else` is deprecated"),
        (UserWarning, "`is_gradient_checkpointing` is deprecated"),
    ]
    assert THIRD_PARTY_WARNINGS
