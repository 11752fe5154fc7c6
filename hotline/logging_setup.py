"""Structured logs: one JSON object per line, with the ``extra={...}`` fields of each call."""

from __future__ import annotations

import json
import logging
import sys
import warnings
from datetime import UTC, datetime

# Warnings a library raises about its own internals, which nothing in the project can act on: ignored by message.
THIRD_PARTY_WARNINGS: tuple[tuple[type[Warning], str], ...] = (
    # peft reads transformers' deprecated alias when it wraps a model (loading the LLM's adapter, training a LoRA)
    (FutureWarning, r"`is_gradient_checkpointing` is deprecated"),
)

_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        entry.update({k: v for k, v in record.__dict__.items() if k not in _STANDARD})
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def quiet_third_party_warnings() -> None:
    for category, message in THIRD_PARTY_WARNINGS:
        warnings.filterwarnings("ignore", message=message, category=category)


def configure_logging(level: str = "INFO", as_json: bool = True) -> None:
    quiet_third_party_warnings()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        JsonFormatter() if as_json else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("httpx", "httpcore", "urllib3", "filelock", "alembic", "sentence_transformers", "aioice", "aiortc"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
