"""multilingual-e5-small's forward pass for inference, in a few torch calls per layer rather than transformers'
module tree.

On 2 cores the matrix products over the encoder's ~85 MB of fp32 weights are most of a short message's forward pass,
and measured here nothing made them cheaper without changing the numbers: fp16 or bf16 weights were slower, and
torch's 4-bit product is exact for the file's Q4_0 weights only with fp32 inputs, 20–30 times slower (with bf16
inputs about as fast as fp32). What is left to cut is the work around them: ``BertModel`` spends about a quarter
of a short message's forward pass on its modules, masks and checks.
``E5Forward`` holds the same tensors (the query, key and value projections joined into one product) and computes
the same numbers — mean-pooled, unit-length embeddings — for one message or a padded batch. Training keeps the
``BertModel`` (peft wraps its modules); the gateway's tuned anger head scores with this.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hotline.e5_torch import pool


@dataclass(frozen=True)
class _Layer:
    qkv_w: Any  # [3 · hidden, hidden]: query, key, value stacked
    qkv_b: Any
    attention_out_w: Any
    attention_out_b: Any
    attention_norm: tuple[Any, Any]
    up_w: Any
    up_b: Any
    down_w: Any
    down_b: Any
    out_norm: tuple[Any, Any]


class E5Forward:
    """The pooled embeddings of a ``BertModel`` (e5's: mean over the tokens, L2-normalised), computed from its
    weights as they are when this is made (merge an adapter first)."""

    def __init__(self, model: Any) -> None:
        import torch

        config = model.config
        if config.hidden_act != "gelu" or getattr(config, "position_embedding_type", "absolute") != "absolute":
            raise ValueError("E5Forward computes BERT with absolute positions and erf GELU (multilingual-e5)")
        self.hidden, self.heads, self.eps = config.hidden_size, config.num_attention_heads, config.layer_norm_eps
        embeddings = model.embeddings
        self.words = embeddings.word_embeddings  # a module: the 4-bit table dequantizes the rows it looks up
        self.positions = embeddings.position_embeddings.weight.detach()
        self.token_type = embeddings.token_type_embeddings.weight.detach()[0]
        self.embedding_norm = (embeddings.LayerNorm.weight.detach(), embeddings.LayerNorm.bias.detach())
        self.layers = []
        for layer in model.encoder.layer:
            attention, mine, norm = layer.attention, layer.attention.self, layer.attention.output.LayerNorm
            self.layers.append(
                _Layer(
                    qkv_w=torch.cat([mine.query.weight, mine.key.weight, mine.value.weight]).detach().contiguous(),
                    qkv_b=torch.cat([mine.query.bias, mine.key.bias, mine.value.bias]).detach().contiguous(),
                    attention_out_w=attention.output.dense.weight.detach(),
                    attention_out_b=attention.output.dense.bias.detach(),
                    attention_norm=(norm.weight.detach(), norm.bias.detach()),
                    up_w=layer.intermediate.dense.weight.detach(),
                    up_b=layer.intermediate.dense.bias.detach(),
                    down_w=layer.output.dense.weight.detach(),
                    down_b=layer.output.dense.bias.detach(),
                    out_norm=(layer.output.LayerNorm.weight.detach(), layer.output.LayerNorm.bias.detach()),
                )
            )

    def pooled(self, ids: Any, mask: Any) -> Any:
        """[batch, hidden] unit-length embeddings of ``ids`` ([batch, tokens]; ``mask`` 1 on tokens, 0 on padding)."""
        import torch
        from torch.nn import functional as F

        batch, tokens = ids.shape
        hidden, heads = self.hidden, self.heads
        width = hidden // heads
        with torch.inference_mode():
            x = self.words(ids) + self.positions[:tokens] + self.token_type
            x = F.layer_norm(x, (hidden,), *self.embedding_norm, self.eps)
            padded = bool((mask == 0).any())
            keys = mask.bool()[:, None, None, :] if padded else None  # padding is never attended to
            for layer in self.layers:
                qkv = F.linear(x, layer.qkv_w, layer.qkv_b).view(batch, tokens, 3, heads, width).permute(2, 0, 3, 1, 4)
                attended = F.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2], attn_mask=keys)
                attended = attended.transpose(1, 2).reshape(batch, tokens, hidden)
                x = F.layer_norm(
                    F.linear(attended, layer.attention_out_w, layer.attention_out_b) + x,
                    (hidden,),
                    *layer.attention_norm,
                    self.eps,
                )
                up = F.gelu(F.linear(x, layer.up_w, layer.up_b))
                x = F.layer_norm(F.linear(up, layer.down_w, layer.down_b) + x, (hidden,), *layer.out_norm, self.eps)
            return pool(x, mask)
