"""``hotline train dataset``: question–background–answer triples for LoRA fine-tuning.

Sources: (a) stored conversations — agents' answers and bot answers rated thumbs-up (thumbs-down answers
go to a separate negatives file, never into the training set); (b) support transcripts (CSV or JSONL of
question/answer turns; the Bitext set is the first real one); (c) manuals and policies (Markdown/text/PDF):
each section becomes a question about its heading, answered by its first sentences, with the section as
background. Every other example gets the knowledge-base passages the gateway would retrieve for the question,
so training sees the same context as inference.

Cleaning, with counts reported per step: PII masked (the red-line's PII rules), template slots filled from
the company profile (examples with slots left are dropped: a model must never learn to emit braces), answers
cut to a few sentences (the bot's spoken style), too short/too long dropped, exact and near duplicates
removed, then a fixed train/validation/test split by conversation (a hash of its id: no leakage, stable as
data grows).
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from hotline.dialogue.sentences import split_sentences
from hotline.kb.documents import SourceDocument
from hotline.languages import pack
from hotline.redline.pii import mask_pii
from hotline.training.contradictions import CompanyKnowledge

log = logging.getLogger(__name__)

_SLOT = re.compile(r"\{\{\s*([^}]*?)\s*\}\}")
_WORD = re.compile(r"[^\W_]+")  # words in any script (Chinese runs count as one)
_LIST_MARK = re.compile(r"\s*(\d+|[a-z])[.)]\s*")
_TRAILING_MARK = re.compile(r"\s+\d+[.)]$")
_STOP = set(
    [
        "a",
        "an",
        "the",
        "i",
        "my",
        "me",
        "you",
        "your",
        "to",
        "of",
        "for",
        "and",
        "or",
        "is",
        "are",
        "be",
        "can",
        "do",
        "does",
        "how",
        "what",
        "please",
        "with",
        "on",
        "in",
        "it",
        "this",
    ]
)


@dataclass
class Example:
    id: str
    group: str  # the conversation it comes from: the unit of the split
    source: str  # "conversation", "transcript:<file>", "manual:<file>"
    question: str
    answer: str
    background: list[dict[str, str]] = field(default_factory=list)  # [{"heading", "text"}]
    intent: str = ""
    rating: int = 0  # +1 thumbs up / agent, -1 thumbs down


@dataclass
class CleanConfig:
    min_answer_chars: int = 20
    max_answer_chars: int = 600
    max_answer_sentences: int = 3
    min_question_chars: int = 3
    max_question_chars: int = 500
    split: tuple[int, int] = (80, 10)  # percent train, validation; the rest is test


@dataclass
class CompanyProfile:
    """Values for the template slots of third-party transcripts (a tenant setting)."""

    name: str = "Hotline Demo Store"
    values: dict[str, str] = field(
        default_factory=lambda: {
            "website name": "our website",
            "website url": "our website",
            "customer support phone number": "our support line",
            "customer support hours": "our support hours",
            "live chat": "live chat",
            "live chat support": "live chat",
            "company name": "",
        }
    )

    def fill(self, text: str) -> str:
        def replace(match: re.Match[str]) -> str:
            key = match.group(1).lower()
            if key == "company name":
                return self.name
            return self.values.get(key, match.group(0))

        return _SLOT.sub(replace, text)


# ---- sources ----


def from_transcripts(path: Path) -> list[Example]:
    """CSV or JSONL with a question column (instruction/question/customer/text) and an answer column
    (response/answer/agent/reply); optional intent and conversation id columns."""
    rows: Iterable[dict[str, Any]]
    if path.suffix.lower() == ".jsonl":
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    else:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    examples = []
    for index, row in enumerate(rows):
        question = _first(row, ("instruction", "question", "customer", "text", "utterance"))
        answer = _first(row, ("response", "answer", "agent", "reply"))
        if question is None or answer is None:
            continue
        group = str(row.get("conversation_id") or row.get("dialogue_id") or f"{path.name}:{index}")
        examples.append(
            Example(
                f"{path.name}:{index}",
                group,
                f"transcript:{path.name}",
                question,
                answer,
                intent=str(row.get("intent") or ""),
            )
        )
    return examples


def _first(row: dict[str, Any], keys: Sequence[str]) -> str | None:
    for key in keys:
        if row.get(key):
            return str(row[key])
    return None


def from_manual(path: Path, text: str | None = None) -> list[Example]:
    from hotline.kb.chunking import chunk_markdown
    from hotline.kb.ingest import read_text

    body = text if text is not None else read_text(path)
    examples = []
    for index, chunk in enumerate(chunk_markdown(body, max_chars=900, title=path.stem)):
        topic = chunk.heading.split(" > ")[-1].strip()
        sentences = [s for s in split_sentences(chunk.text) if len(s) > 15]
        if not topic or not sentences:
            continue
        for variant, question in enumerate(
            (f"What is your policy on {topic.lower()}?", f"Can you tell me about {topic.lower()}?")
        ):
            examples.append(
                Example(
                    f"{path.name}#{index}.{variant}",
                    f"{path.name}#{index}",
                    f"manual:{path.name}",
                    question,
                    " ".join(sentences[:2]),
                    background=[{"heading": chunk.heading, "text": chunk.text}],
                )
            )
    return examples


def from_help_centre(documents: Sequence[SourceDocument], variants: int = 2) -> list[Example]:
    """The company's own customer articles, in every language they are written in: the article's question (its
    title, and the same as a request) answered by its first sentences, with the article as background."""
    examples = []
    for document in documents:
        if document.visibility != "public":
            continue  # internal documents are never what the model learns to say to a customer
        sentences = [s for s in split_sentences(document.text.strip()) if len(s) > 8]
        if not sentences:
            continue
        asks = [document.title, *pack(document.lang).request_forms]  # the second way to ask, per language
        # One group per article across its languages: an article held out for testing is held out in all of
        # them (its Russian answer would otherwise teach the English test answer's facts).
        group = "help/" + document.name.rsplit("/", 1)[-1]
        for variant, form in enumerate(asks[:variants]):
            question = form.format(title=document.title.rstrip("?？ ")) if "{title}" in form else form
            examples.append(
                Example(
                    f"{document.name}#{variant}",
                    group,
                    f"help:{document.lang}",
                    question,
                    " ".join(sentences[:2]),
                    background=[{"heading": document.title, "text": document.text.strip()}],
                    rating=1,
                )
            )
    return examples


def from_conversations(sessions: Any) -> list[Example]:
    """Agent answers and rated bot answers, each with the customer message before it."""
    from sqlalchemy import select

    from hotline.storage.schema import Feedback, Message

    with sessions() as session:
        messages = session.scalars(select(Message).order_by(Message.conversation_id, Message.seq)).all()
        ratings: dict[int, int] = {}
        for feedback in session.scalars(select(Feedback).order_by(Feedback.id)).all():
            ratings[feedback.message_id] = feedback.rating  # the latest rating wins
    examples = []
    last_customer: dict[str, Any] = {}
    for message in messages:
        if message.role == "customer":
            last_customer[message.conversation_id] = message
            continue
        question = last_customer.get(message.conversation_id)
        if question is None or message.status != "ok":
            continue
        rating = 1 if message.role == "agent" else ratings.get(message.id, 0)
        if rating == 0:
            continue  # an unrated bot answer teaches nothing new
        examples.append(
            Example(
                f"msg:{message.id}",
                message.conversation_id,
                "conversation",
                question.text,
                message.text,
                intent=question.intent or "",
                rating=rating,
            )
        )
    return examples


# ---- cleaning ----


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _near_key(example: Example) -> tuple[str, str]:
    words = sorted({w for w in _WORD.findall(example.question.lower()) if w not in _STOP})
    return " ".join(words), _key(example.answer)[:120]


def clean(
    examples: list[Example],
    profile: CompanyProfile,
    config: CleanConfig,
    knowledge: CompanyKnowledge | None = None,
) -> tuple[list[Example], list[Example], dict[str, int]]:
    """Returns (kept, negatives, counts per step). With ``knowledge``, an answer stating a quantity the company
    never states (a generic corpus's "3 to 10 business days") is dropped: generic corpora teach style only."""
    counts: Counter[str] = Counter(collected=len(examples))
    negatives = [e for e in examples if e.rating < 0]
    examples = [e for e in examples if e.rating >= 0]
    counts["negatives (thumbs-down, kept apart)"] = len(negatives)
    kept: list[Example] = []
    for example in examples:
        example.question = profile.fill(example.question)
        example.answer = profile.fill(example.answer)
        if _SLOT.search(example.question) or _SLOT.search(example.answer):
            counts["dropped: unfilled template slot"] += 1
            continue
        masked_q, pii_q = mask_pii(example.question)
        masked_a, pii_a = mask_pii(example.answer)
        if pii_q or pii_a:
            counts["PII spans masked"] += len(pii_q) + len(pii_a)
        example.question, example.answer = masked_q.strip(), masked_a.strip()
        example.background = [{**b, "text": mask_pii(b["text"])[0]} for b in example.background]
        sentences = split_sentences(" ".join(example.answer.split()))
        if len(sentences) > config.max_answer_sentences:
            counts["answers cut to a few sentences"] += 1
        kept_sentences = sentences[: config.max_answer_sentences]
        # A cut inside a list leaves "...as follows: 1." behind: end on the last whole sentence instead.
        while kept_sentences:
            kept_sentences[-1] = _TRAILING_MARK.sub("", kept_sentences[-1])
            last = kept_sentences[-1]
            if len(kept_sentences) > 1 and (_LIST_MARK.fullmatch(last) or last.endswith(":")):
                kept_sentences.pop()
                continue
            break
        example.answer = " ".join(kept_sentences).strip()
        if not config.min_answer_chars <= len(example.answer) <= config.max_answer_chars:
            counts["dropped: answer too short or too long"] += 1
            continue
        if not config.min_question_chars <= len(example.question) <= config.max_question_chars:
            counts["dropped: question too short or too long"] += 1
            continue
        if knowledge is not None and knowledge.contradictions(example.answer):
            counts["dropped: contradicts the company"] += 1
            continue
        kept.append(example)
    exact: dict[str, Example] = {}
    for example in kept:
        exact.setdefault(_key(example.question) + "\x00" + _key(example.answer), example)
    counts["dropped: exact duplicate"] = len(kept) - len(exact)
    near: dict[tuple[str, str], Example] = {}
    for example in exact.values():
        near.setdefault(_near_key(example), example)
    counts["dropped: near duplicate"] = len(exact) - len(near)
    result = list(near.values())
    counts["kept"] = len(result)
    return result, negatives, dict(counts)


def split_of(group: str, config: CleanConfig) -> str:
    bucket = int(hashlib.sha256(group.encode()).hexdigest()[:8], 16) % 100
    train, validation = config.split
    return "train" if bucket < train else "validation" if bucket < train + validation else "test"


def attach_background(
    examples: list[Example], search: Callable[[str], list[Any]], progress: Callable[[str], None]
) -> None:
    """The passages the gateway would retrieve for each question (examples from manuals keep their section)."""
    for index, example in enumerate(examples, start=1):
        if not example.background:
            example.background = [{"heading": p.heading, "text": p.text} for p in search(example.question)]
        if index % 500 == 0:
            progress(f"retrieved background for {index}/{len(examples)}")


def write_dataset(
    out: Path, examples: list[Example], negatives: list[Example], counts: dict[str, int], config: CleanConfig
) -> dict[str, Any]:
    out.mkdir(parents=True, exist_ok=True)
    splits: dict[str, list[Example]] = {"train": [], "validation": [], "test": []}
    for example in sorted(examples, key=lambda e: e.id):
        splits[split_of(example.group, config)].append(example)
    digest = hashlib.sha256()
    for name, rows in splits.items():
        with (out / f"{name}.jsonl").open("w", encoding="utf-8") as handle:
            for row in rows:
                line = json.dumps(asdict(row), ensure_ascii=False)
                handle.write(line + "\n")
                digest.update(line.encode())
    with (out / "negatives.jsonl").open("w", encoding="utf-8") as handle:
        for row in negatives:
            handle.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")
    report = {
        "steps": counts,
        "splits": {name: len(rows) for name, rows in splits.items()},
        "sources": dict(Counter(e.source for e in examples)),
        "groups_per_split": {name: len({r.group for r in rows}) for name, rows in splits.items()},
        "data_hash": digest.hexdigest()[:16],
    }
    (out / "report.json").write_text(json.dumps(report, indent=2))
    return report


def load_split(path: Path) -> list[Example]:
    return [Example(**json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
