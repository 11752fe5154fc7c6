"""Stored customer photos: the cleaned file under the data dir, a row per photo."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from hotline.ports import CleanImage
from hotline.storage.schema import Photo


@dataclass(frozen=True)
class StoredPhoto:
    id: int
    conversation_id: str
    path: str
    mime: str
    width: int
    height: int
    sha256: str
    analysis: dict[str, Any] | None


def _stored(row: Photo) -> StoredPhoto:
    return StoredPhoto(row.id, row.conversation_id, row.path, row.mime, row.width, row.height, row.sha256, row.analysis)


class PhotoStore:
    def __init__(self, sessions: sessionmaker[Session], root: Path) -> None:
        self._sessions = sessions
        self.root = root

    def add(self, conversation_id: str, image: CleanImage) -> StoredPhoto:
        folder = self.root / conversation_id
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{image.sha256[:32]}.{image.extension}"
        partial = path.with_suffix(".partial")
        partial.write_bytes(image.data)
        partial.replace(path)  # the file is whole before the row points at it
        with self._sessions.begin() as session:
            row = Photo(
                conversation_id=conversation_id,
                path=str(path),
                sha256=image.sha256,
                mime=image.mime,
                width=image.width,
                height=image.height,
                bytes=len(image.data),
            )
            session.add(row)
            session.flush()
            return _stored(row)

    def get(self, photo_id: int) -> StoredPhoto | None:
        with self._sessions() as session:
            row = session.get(Photo, photo_id)
            return None if row is None else _stored(row)

    def for_conversation(self, conversation_id: str) -> list[StoredPhoto]:
        with self._sessions() as session:
            rows = session.scalars(select(Photo).where(Photo.conversation_id == conversation_id).order_by(Photo.id))
            return [_stored(r) for r in rows.all()]

    def set_analysis(self, photo_id: int, analysis: dict[str, Any]) -> None:
        with self._sessions.begin() as session:
            row = session.get(Photo, photo_id)
            if row is not None:
                row.analysis = analysis
