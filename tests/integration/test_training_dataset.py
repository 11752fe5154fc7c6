"""The dataset builder on small real files: a slice of Bitext, the store's policy manual, a JSONL transcript
with PII, and stored conversations with thumbs up/down and an agent answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hotline.storage.conversations import ConversationStore
from hotline.storage.database import open_database
from hotline.training.dataset import (
    CleanConfig,
    CompanyProfile,
    Example,
    clean,
    from_conversations,
    from_manual,
    from_transcripts,
    load_split,
    split_of,
    write_dataset,
)
from tests.conftest import make_settings

pytestmark = pytest.mark.shared_data


ANSWER = "I am sorry about that. Please write to billing@example.com and we will look into the double charge."


def test_dataset_from_real_files(tmp_path: Path, shared_data: Path) -> None:
    bitext = from_transcripts(shared_data / "dialogue" / "bitext_cs_llm_v2023-08-18.csv")[:400]
    manual = from_manual(shared_data / "kb" / "retail_wiki.md")
    pii = tmp_path / "calls.jsonl"
    rows = [
        {
            "conversation_id": "c1",
            "question": "my card 4111 1111 1111 1111 was charged twice",
            "answer": ANSWER,
        },
        {
            "conversation_id": "c1",
            "question": "my card 4111 1111 1111 1111 was charged twice",
            "answer": ANSWER,
        },
        {"conversation_id": "c2", "question": "hi", "answer": "ok"},
    ]
    pii.write_text("\n".join(json.dumps(r) for r in rows))
    transcripts = from_transcripts(pii)

    settings = make_settings(tmp_path, load_models=False)
    _db, sessions = open_database(settings)
    store = ConversationStore(sessions)
    conversation = store.start("chat")
    store.add_message(conversation, "customer", "What is your return policy?")
    good = store.add_message(conversation, "bot", "Delivered orders can be returned within 30 days.")
    store.add_message(conversation, "customer", "And exchanges?")
    bad = store.add_message(conversation, "bot", "We never do exchanges, sorry about that.")
    store.add_message(conversation, "customer", "Can I talk to someone?")
    store.add_message(conversation, "agent", "Sure, I can help you with the exchange of delivered items.")
    store.add_feedback(conversation, good.id, 1, None)
    store.add_feedback(conversation, bad.id, -1, "wrong")
    stored = from_conversations(sessions)
    assert {e.rating for e in stored} == {1, -1}
    assert len(stored) == 3

    examples = bitext + manual + transcripts + stored
    kept, negatives, counts = clean(examples, CompanyProfile(), CleanConfig())
    assert counts["collected"] == len(examples)
    assert [n.answer for n in negatives] == ["We never do exchanges, sorry about that."]
    assert counts["dropped: exact duplicate"] >= 1  # the repeated transcript row
    assert counts["dropped: answer too short or too long"] >= 1  # "ok"
    assert counts["PII spans masked"] >= 2
    assert counts["kept"] == len(kept)
    for example in kept:
        assert "{{" not in example.answer and "{{" not in example.question
        assert "4111" not in example.question and "billing@example.com" not in example.answer
    assert any(e.source == "conversation" and e.answer.startswith("Sure, I can help") for e in kept)
    assert any(e.source.startswith("manual:") and e.background for e in kept)

    for example in kept:
        example.background = example.background or [{"heading": "h", "text": "t"}]
    report = write_dataset(tmp_path / "ds", kept, negatives, counts, CleanConfig())
    splits = {name: load_split(tmp_path / "ds" / f"{name}.jsonl") for name in ("train", "validation", "test")}
    assert sum(len(v) for v in splits.values()) == len(kept) == sum(report["splits"].values())
    groups = {name: {e.group for e in rows} for name, rows in splits.items()}
    assert not groups["train"] & groups["test"] and not groups["train"] & groups["validation"]
    assert len(splits["train"]) > len(splits["test"]) > 0
    # The split is a pure function of the conversation: rebuilding never moves an example.
    assert all(split_of(e.group, CleanConfig()) == "test" for e in splits["test"])
    assert len(report["data_hash"]) == 16


def test_near_duplicates_and_slots() -> None:
    profile = CompanyProfile(name="Acme")
    rows = [
        Example("1", "g1", "t", "How can I cancel my order?", "Go to {{Website Name}} and press cancel, then wait."),
        Example("2", "g2", "t", "how can i CANCEL order", "Go to {{Website Name}} and press cancel, then wait."),
        Example("3", "g3", "t", "Who are you?", "We are {{Company Name}}, happy to help you today."),
        Example("4", "g4", "t", "Phone?", "Call {{Unknown Slot}} any time you like, we answer."),
    ]
    kept, _, counts = clean(rows, profile, CleanConfig())
    assert counts["dropped: near duplicate"] == 1
    assert counts["dropped: unfilled template slot"] == 1
    assert any(e.answer.startswith("We are Acme") for e in kept)
    assert any("our website" in e.answer for e in kept)
