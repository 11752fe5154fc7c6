"""Photo → catalog products: the catalog CLIP (or any real open_clip checkpoint, by setting), reference-photo
kNN, the appearance classifier and OCR text, fused and calibrated (see fusion.py). Blocking: call it off the event loop.

The default model is the one the project trains itself (``hotline train vision``), shipped in the repo. A
deployment may instead name a real open_clip architecture and a local checkpoint file; it is loaded with
``pretrained=<file>`` — never a named tag (hub downloads), and never silently random.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from hotline.vision.appearance import AppearanceClassifier, appearance_features
from hotline.vision.catalog import ProductCatalog
from hotline.vision.clip_model import build_image_tower, decode_square, eval_batch, join_members, mirror_embedding
from hotline.vision.fusion import FusionWeights, fuse, view_scores
from hotline.vision.pack_text import PackTextProfile

log = logging.getLogger(__name__)

SHIPPED_CHECKPOINT = Path(__file__).resolve().parent / "weights" / "catalog-clip.pt"
CHECKPOINT_FORMAT = "hotline-catalog-clip/2"


@dataclass(frozen=True)
class ProductMatch:
    class_id: int
    name: str
    score: float  # fused probability


@dataclass(frozen=True)
class MatchResult:
    matches: tuple[ProductMatch, ...]  # best first (top 5)
    confident: bool  # the best match may be named without asking
    elapsed_ms: float

    @property
    def best(self) -> ProductMatch:
        return self.matches[0]

    def as_dict(self) -> dict[str, Any]:
        return {
            "matches": [{"class_id": m.class_id, "name": m.name, "score": round(m.score, 4)} for m in self.matches],
            "confident": self.confident,
            "match_ms": round(self.elapsed_ms, 1),
        }


@dataclass(frozen=True)
class PhotoFeatures:
    embedding: np.ndarray
    looks: np.ndarray  # appearance features (empty for an open_clip checkpoint)
    elapsed_ms: float


class CheckpointError(ValueError):
    pass


_WORD = re.compile(r"[a-zåäöéü]{3,}")
_GENERIC = {"juice", "milk", "the", "and", "with", "from", "apple", "orange", "natural", "organic"}


def ocr_scores(text: str, names: list[str]) -> np.ndarray:
    """How much of each product's distinctive name words the photo's text contains (0..1 per product)."""
    words = set(_WORD.findall(text.lower()))
    out = np.zeros(len(names), dtype=np.float32)
    if not words:
        return out
    for index, name in enumerate(names):
        wanted = [w for w in _WORD.findall(name.lower()) if w not in _GENERIC] or _WORD.findall(name.lower())
        if wanted:
            out[index] = sum(1 for w in wanted if w in words) / len(wanted)
    return out


def text_evidence(ocr_text: str, names: list[str], pack_text: PackTextProfile | None) -> np.ndarray:
    """Evidence from the photo's text: product names, and what OCR read on each product's reference packs."""
    scores = ocr_scores(ocr_text, names)
    if pack_text is not None:
        scores = np.maximum(scores, pack_text.scores(ocr_text))
    return scores


class PhotoMatcher(Protocol):
    """The photo matcher port: a photo's features, then the catalog's products ranked for it (the text read on it
    taken into account). ``CatalogMatcher`` (our catalog model) and ``OpenClipMatcher`` are the real ones."""

    def features(self, image: bytes) -> PhotoFeatures: ...
    def rank(self, features: PhotoFeatures, ocr_text: str = "", top: int = 5) -> MatchResult: ...


class CatalogMatcher:
    """The shipped or trained catalog CLIP checkpoint (hotline-catalog-clip/2)."""

    def __init__(self, checkpoint: Path, catalog: ProductCatalog | None = None, threads: int = 2) -> None:
        import torch

        started = time.perf_counter()
        try:
            state = torch.load(checkpoint, map_location="cpu", weights_only=False)
        except FileNotFoundError:
            raise CheckpointError(f"no vision checkpoint at {checkpoint} (run `hotline train vision`)") from None
        if not isinstance(state, dict) or not str(state.get("format", "")).startswith("hotline-catalog-clip/"):
            raise CheckpointError(f"{checkpoint} is not a catalog CLIP checkpoint (see vision.model for open_clip)")
        if state["format"] != CHECKPOINT_FORMAT:
            raise CheckpointError(f"{checkpoint} is {state['format']}; this version reads {CHECKPOINT_FORMAT}: retrain")
        self.checkpoint = checkpoint
        self.image_size = int(state["image_size"])
        members = state["members"]  # an ensemble of towers, joined as in training (join_members)
        self.visuals = []
        for member in members:
            visual = build_image_tower(self.image_size, member["tower"])
            visual.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in member["visual"].items()})
            self.visuals.append(visual.eval().to(memory_format=torch.channels_last))
        self.names: list[str] = list(state["class_names"])
        if catalog is not None and [p.name for p in catalog.products] != self.names:
            raise CheckpointError(f"{checkpoint} was trained for another catalog: retrain with `hotline train vision`")
        self.class_text = join_members([m["class_text"].float().numpy() for m in members])
        self.ref_emb = join_members([m["references"].float().numpy() for m in members])
        self.ref_labels = state["reference_labels"].numpy()
        self.appearance = AppearanceClassifier.from_dict(state["appearance"])
        self.weights = FusionWeights(**state["fusion"])
        self.pack_text = PackTextProfile.from_dict(state["pack_text"]) if state.get("pack_text") else None
        self.metrics: dict[str, Any] = state.get("metrics", {})
        self.data_hash: str = state.get("data_hash", "")
        self.threads = threads
        self._lock = threading.Lock()
        from threadpoolctl import ThreadpoolController

        self._blas = ThreadpoolController()
        log.info(
            "catalog CLIP loaded",
            extra={
                "checkpoint": str(checkpoint),
                "products": len(self.names),
                "ms": (time.perf_counter() - started) * 1000,
            },
        )

    def embed(self, squares: Any, batch: int = 64) -> np.ndarray:
        """Normalised embeddings of cached squares, ``batch`` photos at a time."""
        if len(squares) > batch:
            return np.concatenate([self.embed(squares[i : i + batch], batch) for i in range(0, len(squares), batch)])
        import torch

        x = eval_batch(squares, self.image_size)
        with self._lock, torch.no_grad():
            previous = torch.get_num_threads()
            torch.set_num_threads(self.threads)
            try:
                parts = [mirror_embedding(visual, x).numpy() for visual in self.visuals]
            finally:
                torch.set_num_threads(previous)
        return join_members(parts)

    def text_scores(self, ocr_text: str) -> np.ndarray:
        return text_evidence(ocr_text, self.names, self.pack_text)

    def features(self, image: bytes) -> PhotoFeatures:
        """The expensive part (decode, embed): runs while OCR reads the same photo."""
        started = time.perf_counter()
        square = decode_square(image)
        return PhotoFeatures(
            self.embed([square])[0], appearance_features(square), (time.perf_counter() - started) * 1000
        )

    def rank(self, features: PhotoFeatures, ocr_text: str = "", top: int = 5) -> MatchResult:
        started = time.perf_counter()
        w = self.weights
        # One BLAS thread for these small products: OpenBLAS's workers keep spinning after a call and, on 2 cores,
        # starve the next photo's embedding (measured in `bench vision`: match median 125 → 34 ms).
        with self._blas.limit(limits=1, user_api="blas"):
            text, knn, looks = view_scores(
                features.embedding[None, :],
                features.looks[None, :],
                self.class_text,
                self.ref_emb,
                self.ref_labels,
                self.appearance,
                w.knn_k,
            )
        ocr = self.text_scores(ocr_text)[None, :] if ocr_text.strip() else None
        probs = fuse(text, knn, looks, ocr, w)[0]
        order = np.argsort(-probs)[:top]
        matches = tuple(ProductMatch(int(i), self.names[int(i)], float(probs[i])) for i in order)
        elapsed = features.elapsed_ms + (time.perf_counter() - started) * 1000
        return MatchResult(matches, matches[0].score >= w.confident_at, elapsed)

    def match(self, image: bytes, ocr_text: str = "", top: int = 5) -> MatchResult:
        return self.rank(self.features(image), ocr_text, top)


class OpenClipMatcher:
    """Any real open_clip checkpoint a deployment brings (architecture + local file): zero-shot over the product
    texts, with the same output as the catalog matcher."""

    def __init__(self, architecture: str, checkpoint: Path, catalog: ProductCatalog, confident_at: float = 0.5):
        import open_clip
        import torch

        if not checkpoint.is_file():
            raise CheckpointError(f"no open_clip checkpoint file at {checkpoint}")
        model, _, preprocess = open_clip.create_model_and_transforms(architecture, pretrained=str(checkpoint))
        self.model = model.eval()
        self.preprocess = preprocess
        tokenizer = open_clip.get_tokenizer(architecture)
        self.names = [p.name for p in catalog.products]
        with torch.no_grad():
            text = model.encode_text(tokenizer([f"a photo of {p.name}, a kind of {p.kind}" for p in catalog.products]))
        self.class_text = torch.nn.functional.normalize(text, dim=-1)
        self.confident_at = confident_at
        self._lock = threading.Lock()

    def embed_image(self, image: bytes) -> Any:
        import io

        import torch
        from PIL import Image

        with Image.open(io.BytesIO(image)) as opened:
            x = self.preprocess(opened.convert("RGB")).unsqueeze(0)
        with self._lock, torch.no_grad():
            return torch.nn.functional.normalize(self.model.encode_image(x), dim=-1)

    def features(self, image: bytes) -> PhotoFeatures:
        started = time.perf_counter()
        emb = self.embed_image(image)[0].detach().numpy()
        return PhotoFeatures(emb, np.zeros(0, dtype=np.float32), (time.perf_counter() - started) * 1000)

    def rank(self, features: PhotoFeatures, ocr_text: str = "", top: int = 5) -> MatchResult:
        scale = float(self.model.logit_scale.exp())
        logits = scale * (features.embedding @ self.class_text.numpy().T)
        if ocr_text.strip():
            logits = logits + 4.0 * ocr_scores(ocr_text, self.names)
        probs = np.exp(logits - logits.max())
        probs /= probs.sum()
        order = np.argsort(-probs)[:top]
        matches = tuple(ProductMatch(int(i), self.names[int(i)], float(probs[i])) for i in order)
        return MatchResult(matches, matches[0].score >= self.confident_at, features.elapsed_ms)

    def match(self, image: bytes, ocr_text: str = "", top: int = 5) -> MatchResult:
        return self.rank(self.features(image), ocr_text, top)


def load_matcher(model: str, checkpoint: str, catalog: ProductCatalog) -> CatalogMatcher | OpenClipMatcher:
    """``model``: "catalog" (the project's own; ``checkpoint`` empty = the shipped one) or "open_clip:ARCH" with
    ``checkpoint`` a local file."""
    if model == "catalog":
        return CatalogMatcher(Path(checkpoint) if checkpoint else SHIPPED_CHECKPOINT, catalog)
    if model.startswith("open_clip:"):
        if not checkpoint:
            raise CheckpointError("an open_clip model needs vision.checkpoint: a local weights file")
        return OpenClipMatcher(model.split(":", 1)[1], Path(checkpoint), catalog)
    raise CheckpointError(f"unknown vision model {model!r}: 'catalog' or 'open_clip:ARCH'")
