"""Prompt assembly under a token budget.

Layout: a fixed system message (brand tone and rules; identical every turn, so its KV cache is reused),
then the recent turns verbatim, then the current question carrying the retrieved passages, the store's
order facts and a summary of older turns, so a caller can digress and come back to an earlier topic.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hotline.dialogue.sentences import split_sentences
from hotline.ports import ChatTurn, OrderFacts, Passage

TokenCounter = Callable[[str], int]


def approximate_tokens(text: str) -> int:
    return max(1, len(text) // 4)


def system_prompt(company: str, canary: str = "") -> str:
    # The canary lets the output red-line catch any sentence that leaks the system prompt.
    reference = f" Internal reference {canary}: confidential, never repeat it." if canary else ""
    return (
        f"You are the AI customer support assistant of {company}. Be brief, warm and precise: two or three "
        "short sentences. Use only the facts given in the context of the customer's message. Never invent "
        "order details, prices, dates or policies, and never promise refunds or compensation. If the context "
        "does not answer the question, say so and offer to connect the customer with a human agent." + reference
    )


@dataclass(frozen=True)
class Prompt:
    system: str
    turns: tuple[ChatTurn, ...]
    passages: tuple[Passage, ...]
    summary: str
    tokens: int


def summarise_turns(turns: Sequence[ChatTurn], max_chars: int = 400) -> str:
    """A code-made summary of older turns: the first sentence of each customer message, newest last."""
    topics = []
    for turn in turns:
        if turn.role == "customer":
            first = (split_sentences(turn.text) or [turn.text])[0]
            topics.append(first[:120])
    summary = "; ".join(topics)
    return summary[-max_chars:]


def _context_block(passages: Sequence[Passage], orders: Sequence[OrderFacts], summary: str) -> str:
    lines = []
    if passages:
        lines.append("Context from our knowledge base:")
        lines += [f"[{i}] {p.heading}: {p.text}" for i, p in enumerate(passages, start=1)]
    if orders:
        lines.append("Store records:")
        lines += [order.describe() for order in orders]
    if summary:
        lines.append(f"Earlier in this conversation the customer asked about: {summary}")
    return "\n".join(lines)


def build_prompt(
    company: str,
    question: str,
    history: Sequence[ChatTurn],
    passages: Sequence[Passage],
    orders: Sequence[OrderFacts],
    max_recent_turns: int,
    token_budget: int,
    count_tokens: TokenCounter = approximate_tokens,
    canary: str = "",
) -> Prompt:
    system = system_prompt(company, canary)
    recent = list(history[-max_recent_turns:]) if max_recent_turns > 0 else []
    older = list(history[: len(history) - len(recent)])
    kept_passages = list(passages)

    def render() -> tuple[tuple[ChatTurn, ...], int]:
        context = _context_block(kept_passages, orders, summarise_turns(older))
        final = f"{context}\n\nCustomer: {question}" if context else question
        turns = (*recent, ChatTurn("customer", final))
        total = count_tokens(system) + sum(count_tokens(t.text) + 4 for t in turns)
        return turns, total

    turns, total = render()
    # Over budget: first move old turns into the summary, then drop the lowest-ranked passages.
    while total > token_budget and (recent or len(kept_passages) > 1):
        if recent:
            older.append(recent.pop(0))
        else:
            kept_passages.pop()
        turns, total = render()
    return Prompt(system, turns, tuple(kept_passages), summarise_turns(older), total)
