"""The handoff packet as an agent reads it, in the agent's language.

Every sentence an agent reads about a conversation — why it was transferred, the summary of its state, the intent
and the mood in words — is written here from the packs' ``agent`` and ``intents`` sections, for each served
language; the packet carries one view per language and the console shows the agent's. The English view is the
same sentences in English: the reason an escalation stores and logs is its English view (one wording, not two).
The customer's own words (quoted evidence, the transcript) stay as they were said.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from hotline.dialogue.sentences import join_sentences, split_sentences
from hotline.languages import languages, pack


def words(lang: str, key: str, /, **values: Any) -> str:
    """One of the agent's sentences in ``lang`` (English where the pack lacks it), its placeholders filled."""
    text = pack(lang).agent.get(key) or pack("en").agent[key]
    return text.format(**values)


def evidence(text: str, limit: int = 140) -> str:
    """The customer's words as the agent will read them in the reason (masked, one line, shortened)."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def reason_words(kind: str, values: Mapping[str, str], lang: str) -> str:
    """Why a conversation went to a person (``kind`` and ``values``: see ``escalation.decide``)."""
    filled = {"said": "", **values}
    if kind in ("angry", "abusive"):
        scale = "reason_scale_language" if filled.get("lang") else "reason_scale"
        filled["scale"] = words(lang, scale, **filled)
    again = filled.get("again")
    filled["again"] = words(lang, f"reason_again_{again}") if again else ""
    return words(lang, f"reason_{kind}", **filled)


def intent_words(label: str | None, lang: str = "en") -> str:
    """An intent label as words for the agent: "bitext:contact_human_agent" → "talk to a person"; a label the
    packs do not name reads as its own words ("clinc:card_declined" → "card declined")."""
    if not label or label in ("other", "out_of_scope"):
        return words(lang, "intent_unknown")
    named = pack(lang).intents.get(label) or pack("en").intents.get(label)
    return named or label.split(":")[-1].replace("_", " ")


def mood(
    anger: Sequence[float], angry_at: float | None = None, calm_below: float | None = None
) -> dict[str, str] | None:
    """The customer's mood as a key, from the last turns' anger, and which way it is going. ``angry_at`` and
    ``calm_below``: the customer's language's thresholds (the decision's), so the word agrees with the transfer."""
    if not anger:
        return None
    last = anger[-1]
    angry_at = 0.6 if angry_at is None else angry_at
    calm_below = min(0.3, angry_at) if calm_below is None else calm_below
    word = "angry" if last >= angry_at else "annoyed" if last >= calm_below else "calm"
    if len(anger) < 2 or abs(anger[-1] - anger[0]) < 0.15:
        trend = "steady"
    else:
        trend = "rising" if anger[-1] > anger[0] else "easing"
    return {"word": word, "trend": trend}


def said_summary(customer_texts: Sequence[str], lang: str = "en", max_items: int = 4) -> str:
    """What the customer said: the first sentence of the first message and of the last few."""
    firsts = [(split_sentences(t) or [t])[0][:160] for t in customer_texts if t.strip()]
    if not firsts:
        return words(lang, "summary_silent")
    picked = firsts[:1] + firsts[-(max_items - 1) :] if len(firsts) > max_items else firsts
    return words(lang, "summary_said", said=" / ".join(dict.fromkeys(picked)))


def _text(item: Mapping[str, Any], lang: str) -> str:
    return str((item.get("texts") or {}).get(lang) or item["text"])


def _pending(state: Mapping[str, Any], lang: str) -> str:
    """The plan waiting for the customer's yes, in ``lang`` when it was kept in it, else as the customer read it."""
    return str((state.get("pending_by_language") or {}).get(lang) or state.get("pending") or "")


def state_summary(state: Mapping[str, Any], lang: str = "en") -> str:
    """Who the customer is, what they want, what was done, what waits for their yes, what failed: one line each."""
    parts = []
    if customer := state.get("customer"):
        parts.append(words(lang, "summary_identified", name=customer["name"], zip=customer["zip"]))
    if wants := (state.get("wants_by_language") or {}).get(lang) or state.get("wants"):
        parts.append(words(lang, "summary_wants", wants=wants))
    parts += [words(lang, "summary_done", text=_text(d, lang)) for d in state.get("done", [])]
    if state.get("pending"):
        parts.append(words(lang, "summary_pending", text=_pending(state, lang)))
    parts += [words(lang, "summary_failed", text=_text(d, lang)) for d in state.get("failed", [])]
    return join_sentences(parts, lang)


def packet_view(
    packet: Mapping[str, Any], state: Mapping[str, Any], customer_texts: Sequence[str], lang: str
) -> dict[str, str]:
    """The packet's sentences in ``lang``: reason, summary, customer, done, pending, failed, intent, mood."""
    customer = packet.get("customer")
    feeling = packet.get("sentiment")
    kind = state.get("reason_kind")
    return {
        "reason": reason_words(kind, state.get("reason_values") or {}, lang) if kind else str(packet["reason"]),
        "summary": join_sentences([state_summary(state, lang), said_summary(customer_texts, lang)], lang),
        "customer": words(lang, "identified", **customer) if customer else words(lang, "not_identified"),
        "done": "; ".join(_text(d, lang) for d in packet.get("done", [])) or words(lang, "nothing"),
        "pending": _pending(state, lang) if state.get("pending") else str(packet.get("pending") or ""),
        "failed": "; ".join(_text(d, lang) for d in packet.get("failed", [])),
        "intent": intent_words(packet.get("intent"), lang),
        "mood": words(
            lang, "mood", mood=words(lang, f"mood_{feeling['word']}"), trend=words(lang, f"trend_{feeling['trend']}")
        )
        if feeling
        else "",
    }


def packet_views(
    packet: Mapping[str, Any], state: Mapping[str, Any], customer_texts: Sequence[str]
) -> dict[str, dict[str, str]]:
    """One view per served language."""
    return {lang: packet_view(packet, state, customer_texts, lang) for lang in languages()}
