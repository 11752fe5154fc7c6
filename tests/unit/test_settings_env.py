"""Settings from the environment, as an operator sets them."""

from __future__ import annotations

import pytest

from hotline.settings import Settings


def test_null_unsets_an_optional_setting_and_numbers_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOTLINE_VOICE__EARLY_TRANSCRIPT_MS", "null")
    monkeypatch.setenv("HOTLINE_VOICE__TALKING_END_SILENCE_MS", "null")
    monkeypatch.setenv("HOTLINE_VOICE__END_SILENCE_MS", "400")
    voice = Settings().voice
    assert voice.early_transcript_ms is None and voice.talking_end_silence_ms is None
    assert voice.end_silence_ms == 400.0


def test_a_bad_number_is_refused_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOTLINE_VOICE__END_SILENCE_MS", "soon")
    with pytest.raises(ValueError, match="end_silence_ms"):
        Settings()
