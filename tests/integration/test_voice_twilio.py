"""A phone call end to end over the Twilio Media Streams protocol: real clips in (mu-law 8 kHz, 20 ms frames,
paced in real time), Whisper, the conversation path, Piper out; barge-in; silence; malformed frames."""

from __future__ import annotations

import asyncio
import base64
import json
from typing import Any

import numpy as np
import pytest

from hotline.bench.twilio_caller import TwilioCaller
from hotline.gateway.voice_turn_end import CONTINUES_MS
from hotline.settings import DEV_BRIDGE_TOKEN
from hotline.speech.codecs import mulaw_decode, resample, to_float
from hotline.speech.wer import error_rate, word_error_rate
from tests.integration.voice_helpers import bot_texts, clips, customer_texts, load_clip, wait_for

pytestmark = [pytest.mark.models, pytest.mark.shared_data]


def twilio_url(server: Any) -> str:
    return f"{server.ws_url}/ws/twilio"


async def greeted(caller: TwilioCaller) -> None:
    assert await caller.silence_until(lambda: caller.played("greeting"), 30), "no greeting"


async def say_and_wait_reply(caller: TwilioCaller, audio: np.ndarray, rate: int, within_s: float = 60) -> float:
    """Speak, keep the line open until the reply has played out (its end mark heard, as a phone plays it: the
    gateway sends audio ahead of playback, and speaking when the mark arrives would talk over the reply's start,
    which takes the turn back); returns when the speech ended."""
    marks = len(caller.received.marks)
    end = await caller.play(audio, rate)
    await caller.silence_until(lambda: caller.played("turn-end", marks), within_s)
    return end


def conversation_of(services: Any, caller: TwilioCaller) -> str:
    found = wait_for(lambda: services.conversations.find_by_event("call", "call_sid", caller.call_sid), 10)
    assert found, "call not stored"
    return str(found)


async def test_real_clips_are_transcribed_and_answered_by_voice(real_server: Any, real_services: Any) -> None:
    """English clips in one call (WER per clip), then a Russian and a Chinese call (language detected)."""
    rows = clips()
    english = [r for r in rows if r["lang"] == "en" and r["file"].startswith("ps_")]
    results: list[tuple[str, float, str]] = []
    async with TwilioCaller(twilio_url(real_server), DEV_BRIDGE_TOKEN, pace=1.5) as caller:
        await greeted(caller)
        conversation = conversation_of(real_services, caller)
        for row in english:
            before = len(customer_texts(real_services, conversation))
            audio, rate = load_clip(row["file"])
            await say_and_wait_reply(caller, audio, rate)
            heard = " ".join(customer_texts(real_services, conversation)[before:])
            results.append((row["file"], word_error_rate(row["transcript"], heard), heard))
    print("\n".join(f"{name}: WER {wer:.2f} {heard!r}" for name, wer, heard in results))
    words = sum(len(r["transcript"].split()) for r in english)
    pooled = sum(wer * len(r["transcript"].split()) for (_, wer, _), r in zip(results, english, strict=True)) / words
    assert pooled <= 0.15, results
    # The bot answered each turn — unless the conversation went to a person (a customer who sounds unhappy and is
    # not helped is handed over: "rather cold-hearted and rather selfish" after two answers the help centre does
    # not have) — and its audio came back as mu-law media events.
    replies = len(bot_texts(real_services, conversation))
    handed_over = real_services.handoffs.latest_for(conversation) is not None
    assert replies >= len(english) or (handed_over and replies >= 1), (replies, handed_over)
    assert caller.received.media and all(0 < len(b) <= 160 for _, b in caller.received.media)

    for lang in ("ru", "zh"):
        row = next(r for r in rows if r["lang"] == lang)
        async with TwilioCaller(twilio_url(real_server), DEV_BRIDGE_TOKEN, pace=1.5) as caller:
            await greeted(caller)
            conversation = conversation_of(real_services, caller)
            audio, rate = load_clip(row["file"])
            await caller.play(audio, rate)
            await caller.silence_until(lambda c=conversation: customer_texts(real_services, c), 30)
            # A pause inside the clip may have cut it into several utterances, each transcribed in turn (seconds
            # apiece on a busy machine): keep the line open until what was heard is complete enough, or 30 s.
            await caller.silence_until(
                lambda c=conversation, r=row, lg=lang: (
                    error_rate(lg, r["transcript"], " ".join(customer_texts(real_services, c))) <= 0.6
                ),
                30,
            )
            await caller.silence(1.0)
        heard = " ".join(customer_texts(real_services, conversation))
        language = real_services.conversations.events(conversation, "language")
        print(lang, heard, language)
        assert language and language[0][1]["language"] == lang
        # Where the caller's pauses cut the clip depends on the bot's timing (the ru clip has pauses of 1.7 and
        # 0.9 s; a piece said over the bot's reply is a barge-in), and Whisper base hears a piece alone worse than
        # the whole: decoded offline over mu-law, the ru clip cut in two measured 0.22 and 0.44, in two elsewhere
        # 0.67, in three 0.78 ("Ведняга." "Liber. Liber." "Него меси должно быть я."). The codec's own cost, with
        # no cut, is measured deterministically below (test_whole_clips_over_mulaw_are_heard_in_their_language).
        assert error_rate(lang, row["transcript"], heard) <= 0.85, heard


async def test_whole_clips_over_mulaw_are_heard_in_their_language(real_services: Any) -> None:
    """Each language's clip, through the phone's codec (8 kHz mu-law) and back, heard in one piece: the language
    detected and the words right enough. Deterministic (greedy decode), unlike the call above, where the caller's
    pauses cut the clip where the bot's timing falls."""
    from hotline.speech.codecs import mulaw_encode

    stt = real_services.speech
    for lang in ("en", "ru", "zh"):
        row = next(r for r in clips() if r["lang"] == lang)
        audio, rate = load_clip(row["file"])
        phone = mulaw_decode(mulaw_encode(resample(audio, rate, 8_000)))
        heard = await asyncio.to_thread(stt.stt.transcribe, to_float(resample(phone, 8_000, 16_000)), stt.stt_options)
        error = error_rate(lang, row["transcript"], heard.text)
        print(lang, repr(heard.text), heard.language, round(error, 2))
        # Measured: en (jfk) 0.00, ru 0.33 ("Витняга. Ребят, на его месте должно быть я."), zh 0.20 ("杀自己的脚").
        assert heard.language == lang, heard
        assert error <= 0.45, heard


async def test_bot_audio_round_trips_through_whisper(real_server: Any, real_services: Any) -> None:
    """The audio we send is the bot's text: Whisper transcribes it back from the 8 kHz mu-law stream."""
    from hotline.speech.loader import synthesize_all

    question = synthesize_all(real_services.speech.voices.default, "What is your return policy?", 16_000)
    async with TwilioCaller(twilio_url(real_server), DEV_BRIDGE_TOKEN, pace=2.0) as caller:
        await greeted(caller)
        conversation = conversation_of(real_services, caller)
        end = await say_and_wait_reply(caller, question, 16_000)
        reply_end = caller.received.marks[-1][0]
    pcm8k = caller.received.audio_between(end, reply_end + 0.001)
    assert len(pcm8k) > 8_000, "less than a second of reply audio"
    codes = b"".join(b for t, b in caller.received.media if t >= end)
    assert mulaw_decode(codes).dtype == np.int16  # valid mu-law: every byte is a code
    audio16k = to_float(resample(pcm8k, 8_000, 16_000))
    stt = real_services.speech
    heard = await asyncio.to_thread(stt.stt.transcribe, audio16k, stt.stt_options, "en")
    spoken = bot_texts(real_services, conversation)[-1]
    wer = word_error_rate(spoken, heard.text)
    print(f"\nbot said {spoken!r}\nheard    {heard.text!r}\nWER {wer:.2f}")
    assert customer_texts(real_services, conversation)[-1].lower().startswith("what is your return policy")
    assert wer <= 0.25


async def test_caller_speech_during_the_reply_barges_in(real_server: Any, real_services: Any) -> None:
    from hotline.speech.loader import synthesize_all

    voice = real_services.speech.voices.default
    question = synthesize_all(voice, "How do I return an item that I bought?", 16_000)
    interruption, rate = load_clip("ps_sense_and_sensibility_01_austen_64kb-0930.wav")
    async with TwilioCaller(twilio_url(real_server), DEV_BRIDGE_TOKEN, pace=1.0) as caller:
        await greeted(caller)
        conversation = conversation_of(real_services, caller)
        end = await caller.play(question, 16_000)
        assert await caller.silence_until(lambda: caller.received.first_media_after(end) is not None, 30)
        await caller.play(interruption, rate)  # the caller talks over the bot
        assert await caller.silence_until(lambda: bool(caller.received.clears), 10), "no clear sent"
        await caller.silence(1.0)
    events = real_services.conversations.events(conversation)
    barge = [p for k, p in events if k == "barge_in"]
    assert (barge and barge[0]["unplayed_ms"] > 0) or barge[0]["turn_running"]
    turns = [p for k, p in events if k == "voice_turn"]
    if barge[0]["turn_running"]:
        assert turns[0]["cancelled"] is True  # generation and synthesis of the interrupted reply stopped
    assert caller.received.clears[0] > end
    # The interruption itself became the next customer turn.
    assert "amiable" in " ".join(customer_texts(real_services, conversation)).lower()


async def test_silence_and_noise_make_no_turn(real_server: Any, real_services: Any) -> None:
    rng = np.random.default_rng(7)
    t = np.arange(8_000 * 3) / 8_000
    noise = (rng.normal(0, 300, 8_000 * 3)).astype(np.int16)  # line hiss, about -40 dBFS
    hum = (np.sin(2 * np.pi * 50 * t) * 2000).astype(np.int16)
    async with TwilioCaller(twilio_url(real_server), DEV_BRIDGE_TOKEN, pace=3.0) as caller:
        await greeted(caller)
        conversation = conversation_of(real_services, caller)
        await caller.silence(3.0)
        await caller.play(noise, 8_000)
        await caller.play(hum, 8_000)
        await caller.silence(1.5)
    assert customer_texts(real_services, conversation) == []
    assert bot_texts(real_services, conversation) == []


async def _expect_close(server: Any, frames: list[str | bytes], token: str = DEV_BRIDGE_TOKEN) -> tuple[int, str]:
    import websockets
    import websockets.exceptions

    async with websockets.connect(twilio_url(server)) as ws:
        start = {
            "event": "start",
            "sequenceNumber": "1",
            "streamSid": "MZx",
            "start": {"streamSid": "MZx", "callSid": "CAx", "customParameters": {"token": token}},
        }
        for frame in frames:
            await ws.send(frame if frame != "START" else json.dumps(start))
        try:
            async with asyncio.timeout(20):
                async for _ in ws:
                    pass
        except TimeoutError:
            return (0, "still open")
        except websockets.exceptions.ConnectionClosedError:
            pass
        return ws.close_code or 0, ws.close_reason or ""


async def test_malformed_frames_are_refused_and_other_calls_go_on(real_server: Any, real_services: Any) -> None:
    media = json.dumps({"event": "media", "media": {"payload": base64.b64encode(b"\xff" * 160).decode()}})
    cases = {
        "bad token": (["START"], "wrong-token", 1008),
        "media before start": ([media], DEV_BRIDGE_TOKEN, 1008),
        "oversized frame": (["START", "x" * 70_000], DEV_BRIDGE_TOKEN, 1009),
        "binary frame": (["START", b"\x00\x01"], DEV_BRIDGE_TOKEN, 1007),
        "run of garbage": (["START", *["{not json"] * 50], DEV_BRIDGE_TOKEN, 1007),
    }
    async with TwilioCaller(twilio_url(real_server), DEV_BRIDGE_TOKEN, pace=4.0) as good:  # a call beside them
        await greeted(good)
        for name, (frames, token, code) in cases.items():
            got = await _expect_close(real_server, frames, token)
            assert got[0] == code, (name, got)
        # Tolerated: bad JSON, bad base64, unknown events, wrong types, duplicates: counted, the call goes on.
        for junk in [
            "{oops",
            json.dumps({"event": "media", "media": {"payload": "%%%not-base64"}}),
            json.dumps({"event": "teleport"}),
            json.dumps(["not", "an", "object"]),
            json.dumps({"event": "media", "sequenceNumber": "1", "media": {"payload": ""}}),
        ]:
            await good.send_raw(junk)
        await good.silence(0.5)
        assert not good.closed
        conversation = conversation_of(real_services, good)
    ended = wait_for(lambda: real_services.conversations.events(conversation, "call_ended"), 10)
    counts = ended[0][1]
    assert counts["bad"] == 3 and counts["unknown"] == 1 and counts["out_of_order"] >= 1


async def test_a_short_backchannel_does_not_interrupt(real_server: Any, real_services: Any) -> None:
    from hotline.speech.loader import synthesize_all
    from hotline.speech.vad import SileroVAD, UtteranceEnded, UtteranceSegmenter

    voice = real_services.speech.voices.default
    question = synthesize_all(voice, "How do I return an item that I bought?", 16_000)
    backchannel = synthesize_all(voice, "Okay.", 16_000)
    # Precondition: the VAD hears less voiced time in it than the barge-in threshold.
    segmenter = UtteranceSegmenter(SileroVAD(), real_services.speech.segmenter)
    heard = [
        e
        for e in segmenter.push(np.concatenate([backchannel, np.zeros(16_000, np.int16)]))
        if isinstance(e, UtteranceEnded)
    ]
    assert heard and heard[0].speech_ms < real_services.settings.voice.barge_in_ms
    async with TwilioCaller(twilio_url(real_server), DEV_BRIDGE_TOKEN, pace=1.0) as caller:
        await greeted(caller)
        conversation = conversation_of(real_services, caller)
        end = await caller.play(question, 16_000)
        frames_at_end = caller.chunk
        assert await caller.silence_until(lambda: caller.received.first_media_after(end) is not None, 30)
        # "Okay" while the bot talks, once the caller has heard some of it: speech within CONTINUES_MS of the
        # caller's own words goes on with their turn (a reply out in under a second used to hide this). Counted in
        # the line's audio time, as the gateway counts it: on a loaded machine the caller's frames fall behind the
        # wall clock (CI once sent "Okay" 1.3 s after the question by the clock and under 1 s by the audio).
        since_s = (caller.chunk - frames_at_end) * 0.02
        await caller.silence(max(0.0, CONTINUES_MS / 1000 + 0.3 - since_s))
        await caller.play(backchannel, 16_000)
        await caller.silence(2.0)
    assert not caller.received.clears
    kinds = [k for k, _ in real_services.conversations.events(conversation)]
    assert "barge_in" not in kinds
    assert len(customer_texts(real_services, conversation)) == 1  # the backchannel did not become a turn
    metrics = real_services.metrics.render().decode()
    assert 'hotline_voice_events_total{kind="backchannel"}' in metrics
    assert 'hotline_voice_stage_seconds_count{stage="first_audio"}' in metrics
