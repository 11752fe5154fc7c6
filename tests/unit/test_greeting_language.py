"""The language a call is greeted in: the bridge's or page's word for the caller, else the line's configured
language, else the default — and only languages the gateway serves."""

from __future__ import annotations

from hotline.gateway.voice_out import greeting_language
from hotline.settings import VoiceSettings


def test_the_callers_language_wins_then_the_line_then_the_default() -> None:
    voice = VoiceSettings(bridge_languages={"moscow": "ru"}, default_language="zh")
    assert greeting_language(voice, {"lang": "en", "bridge": "moscow"}) == "en"
    assert greeting_language(voice, {"bridge": "moscow"}) == "ru"
    assert greeting_language(voice, {"bridge": "other"}) == "zh"
    assert greeting_language(voice, {}) == "zh"


def test_a_language_the_gateway_does_not_serve_is_passed_over() -> None:
    voice = VoiceSettings(languages=["en", "ru"], bridge_languages={"b": "de"}, default_language="fr")
    assert greeting_language(voice, {"lang": "xx", "bridge": "b"}) == "en"
    assert greeting_language(VoiceSettings(languages=["ru"], default_language="fr"), {}) == "ru"
