"""The adapter registry: every trained LoRA adapter with its eval metrics; exactly one (or none) is live.

Gateways poll ``live()`` and swap the adapter in place when it changes (dialogue/llm.py), so
``hotline adapters promote VERSION`` reaches running workers without a restart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from hotline.storage.schema import Adapter


class PromotionRefused(ValueError):
    pass


@dataclass(frozen=True)
class AdapterRecord:
    version: str
    path: str
    base_model: str
    data_hash: str | None
    metrics: dict[str, Any] | None
    promotable: bool
    live: bool
    created_at: datetime


def _record(row: Adapter) -> AdapterRecord:
    return AdapterRecord(
        row.version, row.path, row.base_model, row.data_hash, row.metrics, row.promotable, row.live, row.created_at
    )


class AdapterRegistry:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def register(
        self,
        version: str,
        path: str,
        base_model: str,
        data_hash: str | None = None,
        metrics: dict[str, Any] | None = None,
        promotable: bool = False,
    ) -> AdapterRecord:
        """Add a version, or update its path/metrics if it exists (re-running an eval updates the verdict)."""
        with self._sessions.begin() as session:
            row = session.get(Adapter, version)
            if row is None:
                row = Adapter(version=version, path=path, base_model=base_model, created_at=datetime.now(UTC))
                session.add(row)
            row.path, row.base_model = path, base_model
            row.data_hash = data_hash or row.data_hash
            row.metrics = metrics if metrics is not None else row.metrics
            row.promotable = promotable
            session.flush()
            return _record(row)

    def get(self, version: str) -> AdapterRecord | None:
        with self._sessions() as session:
            row = session.get(Adapter, version)
            return None if row is None else _record(row)

    def all(self) -> list[AdapterRecord]:
        with self._sessions() as session:
            return [_record(r) for r in session.scalars(select(Adapter).order_by(Adapter.created_at)).all()]

    def live(self) -> AdapterRecord | None:
        with self._sessions() as session:
            row = session.scalars(select(Adapter).where(Adapter.live.is_(True))).first()
            return None if row is None else _record(row)

    def promote(self, version: str, force: bool = False) -> AdapterRecord:
        """Make ``version`` the live adapter (one transaction: never two live, never none in between)."""
        with self._sessions.begin() as session:
            row = session.get(Adapter, version)
            if row is None:
                raise PromotionRefused(f"no adapter version {version!r}")
            if not row.promotable and not force:
                raise PromotionRefused(
                    f"{version} did not beat the base model on ROUGE-L in its evaluation (use --force to override)"
                )
            session.execute(update(Adapter).where(Adapter.version != version).values(live=False))
            row.live = True
            row.promoted_at = datetime.now(UTC)
            session.flush()
            return _record(row)

    def retire(self) -> None:
        """No adapter live: the base model answers."""
        with self._sessions.begin() as session:
            session.execute(update(Adapter).values(live=False))
