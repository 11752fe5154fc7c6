"""The bench's callers: the utterances (real clips, the store questions spoken by Piper, other wordings for the
concurrent rounds) and one call each over the Twilio protocol or WebRTC, with the figures the gateway stored."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import math
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from hotline.bench.twilio_caller import FRAME, TwilioCaller
from hotline.settings import Settings
from hotline.tasks import cancel_and_wait

FRAME_S = FRAME / 8_000  # one 20 ms frame of the line

QUESTIONS = (
    "What is your return policy?",
    "How long does a refund take?",
    "Which payment methods do you accept?",
    "Can I change the shipping address of my order?",
    "How do I cancel an order?",
    "Do you sell office chairs?",
    "Can I exchange a T-shirt for another size?",
    "I want to talk to a human.",
)
# Asked only in the concurrent rounds, never one at a time: their wording is new to the gateway there (no query
# embedding cached), as a real caller's would be; the articles they reach were read in the sequential pass.
CONCURRENT_QUESTIONS = (
    "How many days do I have to send something back?",
    "When will I get my money back after a return?",
    "Can I pay with PayPal?",
    "I need to update the delivery address on an order.",
    "Is it possible to cancel an order I just placed?",
    "Do you have any gaming mice?",
    "Could I swap my shirt for a bigger one?",
    "Can I change how I paid for my order?",
    "What happens to my refund if I used a gift card?",
    "Do you sell mechanical keyboards?",
    "How do I exchange an item that I already received?",
    "Can I return just one item from my order?",
    "What's your policy on cancelling an order?",
    "Which cards do you take?",
    "How long until a refund shows up on my card?",
    "Can I get a different color of the same item?",
    "Do you carry office chairs with armrests?",
    "I ordered by mistake, can you stop it?",
    "Is a gift card refund instant?",
    "Where can I see what payment methods I have saved?",
    "Can you send my order somewhere else?",
    "What if my item arrived and I don't like it?",
    "Do you have wireless headphones?",
    "Can I return a laptop?",
    "How do I change my default address?",
    "Is there a fee to exchange an item?",
    "Can I cancel after it has shipped?",
    "What kinds of payment do you support?",
)
# Flow steps, one call each: a request that starts a store flow, then the caller's account (the demo store's first
# user's e-mail, said as the language pack says an address: "noah dot brown seven nine two two at example dot com").
# Both replies are the flow's, made by code without the language model. ("Where is my order?" is not here: it is
# answered from the help centre, not by a flow.)
FLOW_REQUESTS = (
    "I want to cancel my order.",
    "I'd like to return something I bought.",
    "I need to change the shipping address on my order.",
    "I want to exchange something I got.",
)


@dataclass
class Utterance:
    id: str
    audio: Any  # int16 ndarray
    rate: int


@dataclass
class CallResult:
    id: str
    concurrency: int
    voice_to_voice_ms: float | None
    transcript_ms: float | None
    first_token_ms: float | None
    first_audio_ms: float | None
    hold_ms: float | None
    stt_rtf: float | None
    heard: str
    reply: str
    transport: str = "twilio"
    late_frames: int = 0  # 20 ms frames of dropout inside the reply (it arrived after the audio before it played)
    longest_gap_ms: float = 0.0


def load_utterances(settings: Settings, services: Any) -> list[Utterance]:
    import soundfile as sf

    from hotline.speech.loader import synthesize_all

    found: list[Utterance] = []
    speech_dir = settings.shared_data_dir / "speech"
    tsv = speech_dir / "transcripts.tsv"
    if tsv.exists():
        with tsv.open(encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                if row["lang"] != "en" or row["file"] == "fw_jfk.flac":  # JFK pauses for effect: several turns
                    continue
                audio, rate = sf.read(speech_dir / row["file"], dtype="int16")
                if audio.ndim > 1:
                    audio = audio.mean(axis=1).astype(np.int16)
                found.append(Utterance(f"clip:{row['file']}", audio, rate))
    voice = services.speech.voices.default
    for index, text in enumerate(QUESTIONS):
        found.append(Utterance(f"question:{index}", synthesize_all(voice, text, 16_000), 16_000))
    return found


def flow_utterances(settings: Settings, services: Any) -> list[list[Utterance]]:
    """Each flow call's steps, spoken by the Piper voice: the request, then "my email is …" for a demo user."""
    import json

    from hotline.speech.loader import synthesize_all
    from hotline.speech.spoken import spoken_form

    voice = services.speech.voices.default
    users = json.loads((settings.demo_kb_dir / "retail_data_users.json").read_text())
    said = spoken_form(f"My email is {next(iter(users.values()))['email']}.", "en")

    def say(text: str, index: int, step: int) -> Utterance:
        return Utterance(f"flow:{index}:{step}", synthesize_all(voice, text, 16_000), 16_000)

    return [[say(text, i, 1), say(said, i, 2)] for i, text in enumerate(FLOW_REQUESTS)]


def concurrent_utterances(services: Any) -> list[Utterance]:
    from hotline.speech.loader import synthesize_all

    voice = services.speech.voices.default
    return [
        Utterance(f"question:new{index}", synthesize_all(voice, text, 16_000), 16_000)
        for index, text in enumerate(CONCURRENT_QUESTIONS)
    ]


async def one_call(url: str, token: str, utterance: Utterance, services: Any, concurrency: int) -> CallResult:
    async with TwilioCaller(url, token) as caller:
        # Let the greeting play out: speech over it would be a barge-in (or, if short, a backchannel).
        await caller.silence_until(lambda: caller.played("greeting"), 30)
        marks = len(caller.received.marks)
        end = await caller.play(utterance.audio, utterance.rate)
        await caller.silence_until(lambda: any(n.startswith("turn-end") for _, n in caller.received.marks[marks:]), 60)
        first = caller.received.first_media_after(end)
    conversation = services.conversations.find_by_event("call", "call_sid", caller.call_sid)
    result = call_result(services, conversation, utterance.id, concurrency, end, first, "twilio")
    # Gaps under one frame are timer noise on this side; each longer one is frames the caller did not hear in time.
    gaps = [g for g in caller.received.gaps_after(first) if g >= FRAME_S] if first is not None else []
    result.late_frames = sum(math.ceil(g / FRAME_S) for g in gaps)
    result.longest_gap_ms = max(gaps, default=0.0) * 1000
    return result


async def flow_call(url: str, token: str, steps: list[Utterance], services: Any) -> list[CallResult]:
    """One call, its steps said in turn, each once the reply before it has played out."""
    async with TwilioCaller(url, token) as caller:
        await caller.silence_until(lambda: caller.played("greeting"), 30)
        said: list[tuple[float, float | None]] = []
        for step in steps:
            marks = len(caller.received.marks)
            end = await caller.play(step.audio, step.rate)
            await caller.silence_until(lambda: caller.played("turn-end", marks), 60)  # noqa: B023 - awaited here
            said.append((end, caller.received.first_media_after(end)))
            await caller.silence(0.5)
    conversation = services.conversations.find_by_event("call", "call_sid", caller.call_sid)
    return [
        call_result(services, conversation, step.id, 1, end, first, "twilio", turn=index)
        for index, (step, (end, first)) in enumerate(zip(steps, said, strict=True))
    ]


def call_result(
    services: Any,
    conversation: str | None,
    utterance_id: str,
    concurrency: int,
    end: float,
    first: float | None,
    transport: str,
    turn: int = -1,
) -> CallResult:
    """One call's figures: the caller's voice to voice, and the server's stages from its ``turn``-th voice_turn
    event (the last by default); what was heard and answered, that turn's (the whole call's for the last)."""
    turns = [p for _, p in services.conversations.events(conversation, "voice_turn")] if conversation else []
    stages = turns[turn] if -len(turns) <= turn < len(turns) else {}
    messages = services.conversations.messages(conversation) if conversation else []
    if turn >= 0:
        customer = [i for i, m in enumerate(messages) if m.role == "customer"]
        upto = customer[turn + 1] if turn + 1 < len(customer) else len(messages)
        messages = messages[customer[turn] : upto] if turn < len(customer) else []
    return CallResult(
        id=utterance_id,
        concurrency=concurrency,
        voice_to_voice_ms=None if first is None else (first - end) * 1000,
        transcript_ms=stages.get("transcript_ms"),
        first_token_ms=stages.get("first_token_ms"),
        first_audio_ms=stages.get("first_audio_ms"),
        hold_ms=stages.get("hold_ms"),
        stt_rtf=stages.get("stt_rtf"),
        heard=" ".join(m.text for m in messages if m.role == "customer"),
        reply=next((m.text for m in reversed(messages) if m.role == "bot"), ""),
        transport=transport,
    )


async def one_webrtc_call(base_url: str, utterance: Utterance, services: Any) -> CallResult:
    from hotline.bench.webrtc_caller import WebRTCCaller

    greeting_s = len(services.speech.greeting(48_000)) / 48_000
    caller = WebRTCCaller(base_url)
    try:
        conversation = (await caller.connect())["conversation_id"]
        greeting = await caller.until(lambda: caller.first_speech_after(0.0), 30)
        await asyncio.sleep(max(0.0, greeting + greeting_s + 0.5 - time.monotonic()))  # speech over it barges in
        caller.say(utterance.audio, utterance.rate)

        def turn_stored() -> bool:
            return bool(services.conversations.events(conversation, "voice_turn"))

        await caller.until(lambda: turn_stored() and caller.first_speech_after(caller.speech_end), 60)
        end = caller.speech_end  # the utterance has gone out by now: when it really ended, stalls included
        first = caller.first_speech_after(end)
        await caller.hang_up("channel")
    finally:
        await caller.close()
    return call_result(services, conversation, utterance.id, 1, end, first, "webrtc")


@contextlib.asynccontextmanager
async def twilio_line(url: str, token: str) -> AsyncIterator[Any]:
    """An open phone line: 20 ms frames of silence, as a bridge streams them."""
    async with TwilioCaller(url, token) as caller:
        streaming = asyncio.create_task(caller.silence_until(lambda: False, 3600))
        try:
            yield caller
        finally:
            await cancel_and_wait(streaming)


@contextlib.asynccontextmanager
async def webrtc_line(base_url: str) -> AsyncIterator[Any]:
    from hotline.bench.webrtc_caller import WebRTCCaller

    caller = WebRTCCaller(base_url)  # its microphone sends silence between utterances, like a browser's
    try:
        await caller.connect()
        yield caller
    finally:
        await caller.hang_up("channel")
