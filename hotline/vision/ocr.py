"""Text in photos and screenshots (order ids on labels, product names on packaging, error messages) with
RapidOCR: PP-OCR detection + recognition ONNX models shipped inside the registry package, run on the CPU."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from hotline.dialogue.references import order_ids

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OCRResult:
    lines: tuple[str, ...]
    scores: tuple[float, ...]
    elapsed_ms: float

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def order_ids(self) -> list[str]:
        """Order ids read from the photo ("#W1234567"; the "#" is often lost on labels)."""
        found = order_ids(self.text) + order_ids(" ".join(f"#{w}" for w in self.text.split() if w[:1] in "Ww"))
        return sorted(set(found))


class PhotoTextReader(Protocol):
    """The OCR port: the text lines on a photo (a label, a receipt, an order confirmation)."""

    def read(self, image: Path | bytes) -> OCRResult: ...


class TextReader:
    """One engine per process; calls are serialised (the ONNX sessions use the machine's cores anyway)."""

    def __init__(self, min_score: float = 0.5) -> None:
        from rapidocr import RapidOCR

        started = time.perf_counter()
        self._engine = RapidOCR()
        self._lock = threading.Lock()
        self.min_score = min_score
        log.info("ocr loaded", extra={"ms": round((time.perf_counter() - started) * 1000)})

    def read(self, image: Path | bytes) -> OCRResult:
        started = time.perf_counter()
        with self._lock:
            result = self._engine(image if isinstance(image, bytes) else str(image))
        texts = tuple(getattr(result, "txts", None) or ())
        scores = tuple(float(s) for s in (getattr(result, "scores", None) or ()))
        kept = [(t, s) for t, s in zip(texts, scores, strict=False) if s >= self.min_score and t.strip()]
        return OCRResult(tuple(t for t, _ in kept), tuple(s for _, s in kept), (time.perf_counter() - started) * 1000)
