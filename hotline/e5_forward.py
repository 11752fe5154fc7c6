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

``quantize`` then runs three of each layer's four products in int8 (torch's dynamic int8 product, fbgemm): about
45 % less time a message (the tuned head, 200 customers' messages one at a time: p50 13.7 -> 7.7 ms). Their inputs'
per-channel ranges are measured on a few sentences first (``RANGE_TEXTS``) and moved into the weights (SmoothQuant,
α 0.7): BERT's activations have a few channels far larger than the rest, and one int8 scale for a whole input matrix
loses the others. Against fp32 on the 6,075 test texts of ``hotline bench escalation`` (GoEmotions, Bitext and
customers' messages in en, ru and zh) the tuned anger head's logit moved by 0.023 (median), 0.09 (95th percentile),
0.32 at most. Quantizing the fourth product (the feed-forward's down projection, whose inputs after GELU are the
least regular) as well moved it by 0.26 at the 95th percentile, so that one stays fp32.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass
from typing import Any

from hotline.e5_torch import pool

log = logging.getLogger(__name__)

SMOOTHING = 0.7  # SmoothQuant's α: how much of an input channel's range moves into the weights
# What the input ranges are measured on: customers' messages of every kind the head scores, in its three languages
# (the outlier channels are the encoder's, the same for any text: 30 random test messages gave the same drift).
RANGE_TEXTS = (
    "Hi, I ordered a pair of running shoes last week and they still haven't arrived. Can you check order #W2378156?",
    "How long does the warranty on the espresso machine last, and does it cover the grinder?",
    "This is the third time I'm asking. Your service is a joke and I want my money back NOW!!!",
    "thanks, that's all",
    "I'd like to return the hiking backpack, it's too small. My email is anna.lee@example.com",
    "Are you even listening to me? Stop sending me the same useless answer.",
    "Здравствуйте! Где мой заказ? Я жду посылку уже две недели.",
    "Можно ли обменять куртку на другой размер?",
    "Это просто безобразие, верните деньги немедленно, я больше ничего у вас не куплю!",
    "Спасибо, всё понятно.",
    "您好，我想查询一下我的订单什么时候到。",
    "这个耳机可以退货吗？包装已经拆开了。",
    "你们到底在干什么？太过分了，我要投诉！",
    "谢谢，没有别的问题了。",
)


class _Product:
    """``x @ w.T + b`` in fp32."""

    def __init__(self, w: Any, b: Any) -> None:
        self.w, self.b = w.detach().contiguous(), b.detach().contiguous()

    def __call__(self, x: Any) -> Any:
        from torch.nn import functional as F

        return F.linear(x, self.w, self.b)


class _RangeOf(_Product):
    """The fp32 product that also keeps the largest magnitude of each input channel it was given."""

    def __init__(self, product: _Product) -> None:
        super().__init__(product.w, product.b)
        self.largest: Any = None

    def __call__(self, x: Any) -> Any:
        import torch

        seen = x.detach().abs().reshape(-1, x.shape[-1]).amax(0)
        self.largest = seen if self.largest is None else torch.maximum(self.largest, seen)
        return super().__call__(x)


class _Int8Product:
    """The product in int8: the input scaled down per channel (``1 / s``), the weights up (``s``) and quantized per
    output row, the input quantized per call (all 8 bits: fbgemm's AVX2 pairs saturate at 16 bits only for a pair
    of near-extreme values, and measured here that costs less than 7-bit inputs). The fp32 weights are not kept."""

    def __init__(self, product: _Product, largest: Any) -> None:
        import torch

        w = product.w
        scale = (largest.clamp(min=1e-5) ** SMOOTHING / w.abs().amax(0).clamp(min=1e-5) ** (1 - SMOOTHING)).clamp(
            min=1e-5
        )
        smoothed = w * scale
        rows = smoothed.abs().amax(1).clamp(min=1e-8) / 127
        with warnings.catch_warnings():  # quantized tensors are deprecated in torch; pyproject pins the version
            warnings.simplefilter("ignore")
            weights = torch.quantize_per_channel(
                smoothed, rows.double(), torch.zeros(w.shape[0], dtype=torch.long), 0, torch.qint8
            )
        self.packed = torch.ops.quantized.linear_prepack(weights, product.b)
        self.inverse = (1 / scale).contiguous()

    def __call__(self, x: Any) -> Any:
        import torch

        return torch.ops.quantized.linear_dynamic(x * self.inverse, self.packed, False)


@dataclass
class _Layer:
    qkv: _Product | _Int8Product  # [3 · hidden, hidden]: query, key, value stacked
    attention_out: _Product | _Int8Product
    attention_norm: tuple[Any, Any]
    up: _Product | _Int8Product
    down: _Product
    out_norm: tuple[Any, Any]

    def int8_products(self) -> tuple[str, ...]:
        return ("qkv", "attention_out", "up")  # the down projection stays fp32 (the module's docstring says why)


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
                    qkv=_Product(
                        torch.cat([mine.query.weight, mine.key.weight, mine.value.weight]),
                        torch.cat([mine.query.bias, mine.key.bias, mine.value.bias]),
                    ),
                    attention_out=_Product(attention.output.dense.weight, attention.output.dense.bias),
                    attention_norm=(norm.weight.detach(), norm.bias.detach()),
                    up=_Product(layer.intermediate.dense.weight, layer.intermediate.dense.bias),
                    down=_Product(layer.output.dense.weight, layer.output.dense.bias),
                    out_norm=(layer.output.LayerNorm.weight.detach(), layer.output.LayerNorm.bias.detach()),
                )
            )

    def quantize(self, ids: Any, mask: Any) -> bool:
        """Run the int8 products from now on, their input ranges measured on ``ids`` (``RANGE_TEXTS``, tokenized by
        the caller); False, and fp32 kept, where this torch has no dynamic int8 product."""
        import torch

        if "fbgemm" not in torch.backends.quantized.supported_engines:
            log.warning("this torch has no fbgemm int8 product: the e5 encoder stays fp32")
            return False
        for layer in self.layers:
            for name in layer.int8_products():
                setattr(layer, name, _RangeOf(getattr(layer, name)))
        self.pooled(ids, mask)
        for layer in self.layers:
            for name in layer.int8_products():
                measured = getattr(layer, name)
                setattr(layer, name, _Int8Product(measured, measured.largest))
        return True

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
                qkv = layer.qkv(x).view(batch, tokens, 3, heads, width).permute(2, 0, 3, 1, 4)
                attended = F.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2], attn_mask=keys)
                attended = attended.transpose(1, 2).reshape(batch, tokens, hidden)
                x = F.layer_norm(layer.attention_out(attended) + x, (hidden,), *layer.attention_norm, self.eps)
                up = F.gelu(layer.up(x))
                x = F.layer_norm(layer.down(up) + x, (hidden,), *layer.out_norm, self.eps)
            return pool(x, mask)
