"""Where a call's CPU goes: an open silent line's own cost, and a turn's stages replayed one at a time."""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

from hotline.bench.voice_calls import Utterance


async def idle_call_cpu(open_call: Any, calls: int, seconds: float) -> dict[str, float]:
    """Gateway CPU for calls that are open and silent (the transport's own cost: codecs, crypto, VAD).

    The callers run in this thread; the gateway in others: process CPU minus this thread's is the gateway's."""
    async with contextlib.AsyncExitStack() as stack:
        for _ in range(calls):
            await stack.enter_async_context(open_call())
        await asyncio.sleep(2)  # past the greeting
        process, mine = time.process_time(), time.thread_time()
        await asyncio.sleep(seconds)
        gateway_cpu = (time.process_time() - process) - (time.thread_time() - mine)
    return {"calls": calls, "seconds": seconds, "gateway_cpu_percent_per_call": 100 * gateway_cpu / (calls * seconds)}


async def stage_cpu(
    services: Any, calls: list[tuple[Utterance, str]], level: int, call_s: float, idle: dict[str, float]
) -> dict[str, Any]:
    """CPU seconds per call-second by stage at ``level`` calls: each call's turn replayed one stage at a time with
    nothing else running (Whisper on its utterance; the conversation's turn on what was heard — understanding,
    escalation, the answer, with the language model's detail as that load allows; Piper on the reply as spoken),
    plus an open line's own cost (codecs, VAD). Process CPU: the runtimes' own threads count."""
    from hotline.conversation.session import ConversationSession
    from hotline.gateway import voice_out
    from hotline.kb.embeddings import forget_queries
    from hotline.speech.codecs import to_float

    forget_queries()  # the questions were just asked: their embeddings count again, as for a new caller
    speech = services.speech
    spent = {"stt": 0.0, "dialogue": 0.0, "tts": 0.0}
    detail = level <= services.calls.model_detail_calls
    for utterance, reply in calls:
        started = time.process_time()
        text = speech.stt.transcribe(to_float(utterance.audio), speech.stt_options, "en").text
        spent["stt"] += time.process_time() - started
        session = await ConversationSession.open(services, "phone")
        assert session is not None
        session.model_detail = lambda: detail
        started = time.process_time()
        async for _ in session.answer(await session.receive(text)):
            pass
        spent["dialogue"] += time.process_time() - started
        started = time.process_time()
        for piece in voice_out.speakable_pieces(reply):
            voice_out.synthesize(speech.voices.default, piece, 8_000)
        spent["tts"] += time.process_time() - started
    if not calls or not call_s:
        return {"level": level, "calls": len(calls)}
    per_turn = {k: v / len(calls) for k, v in spent.items()}
    per_call_s = {k: v / call_s for k, v in per_turn.items()}
    per_call_s["line"] = idle.get("gateway_cpu_percent_per_call", 0.0) / 100
    per_call_s["total"] = sum(per_call_s.values())
    return {
        "level": level,
        "calls": len(calls),
        "call_s": call_s,
        "cpu_s_per_turn": per_turn,
        "cpu_s_per_call_s": per_call_s,
    }


def tts_first_audio_ms(services: Any) -> list[float]:
    voice = services.speech.voices.default
    timings = []
    for text in (
        "An order can only be returned if its status is delivered.",
        "Refunds take 5 to 7 business days.",
        "I can connect you with a human agent.",
        "Your order has been cancelled.",
    ):
        started = time.perf_counter()
        next(iter(voice.synthesize(text)))
        timings.append((time.perf_counter() - started) * 1000)
    return timings
