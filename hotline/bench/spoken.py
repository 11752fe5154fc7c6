"""``hotline bench spoken``: do callers hear ids, amounts, e-mails and phone numbers right, in each language?

Sentences with an order id, an amount, an e-mail address and a phone number (drawn by seed) are synthesised by
the language's voice twice — the reply as written, and its spoken form (hotline/speech/spoken.py) — then
transcribed by Whisper in that language. A value counts as heard when the transcript gives it back: the id's
digits in order, the amount's dollars and cents, the e-mail (its "at"/"dot" words read back as symbols), the phone
number's digits. Whisper is a strict listener here: it is what a caller's ear is standing in for.
"""

from __future__ import annotations

import json
import random
import re
import statistics
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from hotline.languages import pack
from hotline.speech.codecs import resample
from hotline.speech.spoken import spoken_form

_TEMPLATES = {
    "id": {
        "en": "Your order {value} has been cancelled.",
        "ru": "Ваш заказ {value} отменён.",
        "zh": "您的订单{value}已取消。",
    },
    "amount": {
        "en": "We will refund {value} to your card.",
        "ru": "Мы вернём {value} на вашу карту.",
        "zh": "我们会把{value}退回到您的卡上。",
    },
    "email": {
        "en": "The receipt goes to {value}.",
        "ru": "Чек придёт на {value}.",
        "zh": "收据会发到{value}。",
    },
    "phone": {
        "en": "An agent will call you at {value}.",
        "ru": "Оператор перезвонит вам по номеру {value}.",
        "zh": "客服会打{value}联系您。",
    },
}
_NAMES = ["mia", "ivan", "zhang", "olga", "li", "james", "anna", "wei"]
_DOMAINS = ["example.com", "mail.ru", "qq.com", "gmail.com"]
# What the listener may write for a digit or a symbol: the language pack's own words (hotline/languages), plus
# forms a pack does not say but a transcript may ("одна", "эт").
_HEARD_DIGITS = {"ru": {"одна": "1", "две": "2"}}
_HEARD_AT = {"en": ["at"], "ru": ["эт"], "zh": ["at"]}


def _digit_words(lang: str) -> dict[str, str]:
    spoken = pack(lang).speech.get("digits", [])
    extra = {"oh": "0"} if lang == "en" else {"幺": "1", "两": "2", "〇": "0"} if lang == "zh" else {}
    return {str(word).lower(): str(value) for value, word in enumerate(spoken)} | extra | _HEARD_DIGITS.get(lang, {})


def _symbol_words(lang: str, symbol: str) -> list[str]:
    extra = _HEARD_AT.get(lang, []) if symbol == "@" else []
    return [str(pack(lang).speech.get("symbols", {}).get(symbol, "")), *extra]


@dataclass
class Case:
    lang: str
    kind: str
    value: str
    expected: str  # what the transcript must give back (digits, "54|4" for an amount, an e-mail)
    held_out: bool


def cases(seed: int, per_kind: int, languages: tuple[str, ...]) -> list[Case]:
    rng = random.Random(seed)
    result = []
    for lang in languages:
        for kind in _TEMPLATES:
            for index in range(per_kind):
                if kind == "id":
                    digits = "".join(rng.choice("0123456789") for _ in range(7))
                    value, expected = f"#W{digits}", digits
                elif kind == "amount":
                    dollars, cents = rng.randint(2, 999), rng.randint(1, 99)
                    value, expected = f"${dollars}.{cents:02d}", f"{dollars}|{cents}"
                elif kind == "email":
                    value = f"{rng.choice(_NAMES)}.{rng.choice(_NAMES)}@{rng.choice(_DOMAINS)}"
                    expected = value
                else:
                    digits = "".join(rng.choice("0123456789") for _ in range(7))
                    value = {"en": f"+1-555-{digits[:3]}-{digits[3:]}", "ru": f"+7 912 {digits[:3]} {digits[3:]}"}.get(
                        lang, f"138{digits}{rng.randint(0, 9)}"
                    )
                    expected = re.sub(r"\D", "", value)
                result.append(Case(lang, kind, value, expected, held_out=index % 4 == 3))
    return result


def _digits(text: str, lang: str) -> str:
    words = _digit_words(lang)
    if lang == "zh":
        text = "".join(words.get(c, c) for c in text)
    else:
        text = re.sub(r"\w+", lambda m: words.get(m.group(0).lower(), m.group(0)), text)
    return re.sub(r"\D", "", text)


def heard(case: Case, transcript: str) -> bool:
    lang = case.lang
    if case.kind == "email":
        text = transcript.lower()
        for word in _symbol_words(lang, "@"):
            text = re.sub(rf"(?<!\w){word}(?!\w)" if lang != "zh" else word, "@", text)
        for word in _symbol_words(lang, "."):
            text = re.sub(rf"(?<!\w){word}(?!\w)" if lang != "zh" else word, ".", text)
        text = re.sub(r"[\s,，。、]+", "", text).replace("..", ".")
        return case.expected.replace(".", "") in text.replace(".", "") and "@" in text
    digits = _digits(transcript, lang)
    if case.kind == "amount":
        dollars, cents = case.expected.split("|")
        at = digits.find(dollars)
        return at >= 0 and cents in digits[at + len(dollars) :]
    return case.expected in digits


def run_spoken_bench(
    settings: Any, seed: int, per_kind: int, out: Path, console: Any, languages: tuple[str, ...] = ("en", "ru", "zh")
) -> dict[str, Any]:
    from hotline.model_paths import resolve_piper_voice, resolve_whisper
    from hotline.ports import SpeechSynthesizer
    from hotline.speech.loader import stt_options
    from hotline.speech.stt import WhisperTranscriber
    from hotline.speech.tts import EspeakSynthesizer, PiperSynthesizer

    voice_settings = settings.voice
    stt = WhisperTranscriber(resolve_whisper(voice_settings.stt_model, settings.model_cache_dir), "whisper")
    voices: dict[str, SpeechSynthesizer] = {"en": PiperSynthesizer(resolve_piper_voice(voice_settings.tts_voice), "en")}
    for code, voice in voice_settings.espeak_voices.items():
        voices[code] = EspeakSynthesizer(voice)
    options = stt_options(voice_settings, languages)  # as the gateway runs Whisper
    rows = []
    started = time.perf_counter()
    all_cases = cases(seed, per_kind, languages)
    for number, case in enumerate(all_cases, start=1):
        text = _TEMPLATES[case.kind][case.lang].format(value=case.value)
        row: dict[str, Any] = {**asdict(case), "text": text}
        for variant, said in (("written", text), ("spoken", spoken_form(text, case.lang))):
            voice = voices.get(case.lang, voices["en"])
            audio = np.concatenate(list(voice.synthesize(said)))
            audio16 = resample(audio, voice.sample_rate, 16_000).astype(np.float32) / 32768.0
            transcript = stt.transcribe(audio16, options, language=case.lang).text
            row[variant] = {"said": said, "transcript": transcript, "heard": heard(case, transcript)}
        rows.append(row)
        console.print(
            f"[{number}/{len(all_cases)}] {case.lang} {case.kind}: written "
            f"{'ok' if row['written']['heard'] else 'MISSED'}, spoken {'ok' if row['spoken']['heard'] else 'MISSED'}"
        )
    summary: dict[str, Any] = {}
    for lang in languages:
        for kind in [*_TEMPLATES, "all"]:
            for split in ("all", "held_out"):
                chosen = [
                    r
                    for r in rows
                    if r["lang"] == lang and kind in (r["kind"], "all") and (split == "all" or r["held_out"])
                ]
                if chosen:
                    summary[f"{lang}/{kind}/{split}"] = {
                        "n": len(chosen),
                        "written": statistics.fmean(r["written"]["heard"] for r in chosen),
                        "spoken": statistics.fmean(r["spoken"]["heard"] for r in chosen),
                    }
    report = {"seed": seed, "seconds": round(time.perf_counter() - started, 1), "summary": summary, "rows": rows}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return report
