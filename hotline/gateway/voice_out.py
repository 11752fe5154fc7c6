"""What the caller hears: the transport port (AudioOut) and the audio helpers a call uses to speak — text cut
into pieces quick to synthesise, synthesis at the line's rate, and the "all lines are busy" message."""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any, Protocol

import numpy as np

from hotline.conversation.events import CustomerEvent
from hotline.dialogue.flow_phrases import phrase
from hotline.gateway.call_admission import LinesBusy
from hotline.gateway.services import Services
from hotline.ports import SpeechSynthesizer
from hotline.speech.codecs import Int16Array, resample
from hotline.speech.loader import SpeechModels

log = logging.getLogger(__name__)

_PIECE_END = re.compile(r"(?<=[.!?;])\s+")  # punctuation then a space: "$13.50" stays whole


def speakable_pieces(text: str, max_chars: int = 160, first_clause: bool = False) -> list[str]:
    """Lines and sentences, each short enough to synthesise quickly; list markers dropped. With ``first_clause``
    (the caller is waiting in silence) a long first sentence is said clause first: its first words are out
    after a fraction of the sentence's synthesis."""
    pieces = _pieces(text, max_chars)
    if first_clause and pieces and len(pieces[0]) > _CLAUSE_MIN * 3:
        cut = next((m.end() for m in _CLAUSE_END.finditer(pieces[0], _CLAUSE_MIN)), None)
        if cut is not None and len(pieces[0]) - cut >= _CLAUSE_MIN:
            pieces[0:1] = [pieces[0][:cut].strip(), pieces[0][cut:].strip()]
    return pieces


_CLAUSE_END = re.compile(r"[,:;]\s+|[，、：；]")  # a clause's end ("1,250.00" and "12:30" are no ends); zh's marks
_CLAUSE_MIN = 20  # characters: a clause shorter than this is not worth a break in the intonation


def _pieces(text: str, max_chars: int) -> list[str]:
    pieces: list[str] = []
    for line in text.splitlines():
        line = line.strip().lstrip("-*• ").strip()
        for part in _PIECE_END.split(line):
            piece = part.strip()
            while len(piece) > max_chars:  # a run-on without punctuation: cut at a space
                cut = piece.rfind(" ", 0, max_chars)
                cut = cut if cut > 0 else max_chars
                pieces.append(piece[:cut])
                piece = piece[cut:].strip()
            if any(c.isalnum() for c in piece):
                pieces.append(piece)
    return pieces


def synthesize(voice: SpeechSynthesizer, text: str, rate: int) -> list[Int16Array]:
    return [resample(chunk, voice.sample_rate, rate) for chunk in voice.synthesize(text)]


async def lines_busy(speech: SpeechModels, out: AudioOut, lang: str) -> float:
    """Tell a caller who cannot be taken now that all lines are busy, in their language when the bridge says it;
    the seconds of audio queued."""
    text = phrase(lang, "lines_busy")  # English where the language has no pack
    await out.event({"type": "busy", "text": text, "lang": lang})
    seconds = 0.0
    for chunk in await asyncio.to_thread(synthesize, speech.voices.for_language(lang), text, out.sample_rate):
        if len(chunk):
            seconds += len(chunk) / out.sample_rate
            await out.play(np.asarray(chunk, dtype=np.int16))
    await out.mark("busy")
    return seconds


def greeting_for(services: Services, speech: SpeechModels, tenant: str, lang: str, rate: int) -> tuple[str, Int16Array]:
    """The AI disclosure a caller hears first, naming the company they called: the gateway's (synthesised at
    start-up) or, for a tenant with its own brand (``HOTLINE_BRANDS``), that tenant's (synthesised on first use).
    Blocking: run it off the event loop."""
    settings = services.settings
    company = settings.company_name(tenant)
    if company == settings.chat.company_name:
        return speech.greeting_text_for(lang), speech.greeting(rate, lang)
    text = services.redline.disclosure(lang, company, "voice", settings.voice.human_hint)
    return text, speech.fixed_phrase(text, rate, lang)


async def take_a_line(
    services: Services, speech: SpeechModels, out: AudioOut, lang: str, browser: bool, details: dict[str, Any]
) -> None:
    """Admission: a line is taken for this call, or LinesBusy is raised once the caller has been told (a phone
    caller hears it; a browser is told by its refused offer, before any audio flows)."""
    services.metrics.call_limit.set(services.calls.limit)
    if services.calls.admit():
        return
    services.metrics.calls_refused.inc()
    log.warning("all lines busy: call refused", extra={"limit": services.calls.limit, **details})
    if browser:
        raise LinesBusy(phrase(lang, "lines_busy"))
    seconds = await lines_busy(speech, out, lang)
    raise LinesBusy(f"all {services.calls.limit} lines are busy", seconds)


class AudioOut(Protocol):
    """What a transport offers the call: audio to the caller at its own rate, and control."""

    sample_rate: int

    async def play(self, pcm: Int16Array) -> None: ...

    async def clear(self) -> None: ...

    async def mark(self, name: str) -> None: ...

    async def event(self, payload: CustomerEvent) -> None: ...


def greeting_language(voice: Any, details: dict[str, Any]) -> str:
    """The language a call is greeted in: the one its bridge or page says the caller uses, else the bridge's
    configured language (``voice.bridge_languages``), else ``voice.default_language`` — each only if served."""
    for wanted in (
        details.get("lang"),
        voice.bridge_languages.get(str(details.get("bridge", ""))),
        voice.default_language,
    ):
        if wanted and str(wanted) in voice.languages:
            return str(wanted)
    return "en" if "en" in voice.languages else voice.languages[0]
