"""Intent recognition: the head trained by ``hotline train intents`` over the profile's sentence embeddings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from hotline.dialogue.head_files import head_file

OUT_OF_SCOPE = "out_of_scope"


def intent_head_path(embedder_name: str) -> Path:
    return head_file("intents", embedder_name)


class IntentClassifier:
    def __init__(self, embedder: Any, head_path: Path) -> None:
        head = np.load(head_path, allow_pickle=False)
        if str(head["embedder"]) != embedder.name:
            raise ValueError(f"intent head {head_path.name} was trained on {head['embedder']}, not {embedder.name}")
        self.embedder = embedder
        self.coef = head["coef"].astype(np.float32)
        self.intercept = head["intercept"].astype(np.float32)
        self.classes = [str(c) for c in head["classes"]]
        self.threshold = float(head["threshold"])

    def predict(self, text: str) -> tuple[str, float]:
        """(intent, probability); out_of_scope when the head is not confident enough."""
        vector = np.asarray(self.embedder.embed_queries([text]), dtype=np.float32)[0]
        logits = self.coef @ vector + self.intercept
        probabilities = np.exp(logits - logits.max())
        probabilities /= probabilities.sum()
        best = int(probabilities.argmax())
        confidence = float(probabilities[best])
        return (self.classes[best] if confidence >= self.threshold else OUT_OF_SCOPE), confidence
