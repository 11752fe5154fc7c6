"""The catalog CLIP: open_clip's own classes, a small timm image tower trained by the project, and the packaged
all-MiniLM-L6-v2 as the text tower (frozen; its linear projection is trained).

Also the image preprocessing shared by training and matching.
"""

from __future__ import annotations

import io
from typing import Any

import numpy as np
from PIL import Image

IMAGE_TOWER = "mobilenetv3_small_100"  # the default; a checkpoint names the tower of each of its members
EMBED_DIM = 384  # MiniLM's width
CACHE_SIZE = 176  # decoded photos are kept at this size (shorter side, centre square) as uint8


def catalog_clip_config(text_model_dir: str, image_size: int, tower: str = IMAGE_TOWER) -> dict[str, Any]:
    """The open_clip model config (also what a checkpoint stores, so it can be rebuilt)."""
    return {
        "embed_dim": EMBED_DIM,
        "vision_cfg": {
            "timm_model_name": tower,
            "timm_model_pretrained": False,  # no weights can be fetched here: trained from scratch, on purpose
            "timm_pool": "",
            "timm_proj": "linear",
            "image_size": image_size,
        },
        "text_cfg": {
            "hf_model_name": text_model_dir,
            "hf_tokenizer_name": text_model_dir,
            "hf_proj_type": "linear",
            "hf_pooler_type": "mean_pooler",
            "context_length": 128,  # product descriptions run past CLIP's 77 tokens
        },
    }


def _fix_projection(visual: Any) -> None:
    """open_clip sizes MobileNetV3's projection from ``num_features`` (576), but the trunk's head outputs
    ``head_hidden_size`` (1024)."""
    import torch

    trunk = visual.trunk
    width = int(getattr(trunk, "head_hidden_size", 0) or trunk.num_features)
    if visual.head.proj.in_features != width:
        visual.head.proj = torch.nn.Linear(width, EMBED_DIM, bias=False)


def build_catalog_clip(text_model_dir: str, image_size: int, tower: str = IMAGE_TOWER) -> Any:
    """The whole model (image + text towers), for training."""
    import open_clip
    from open_clip.model import CLIPTextCfg, CLIPVisionCfg

    config = catalog_clip_config(text_model_dir, image_size, tower)
    model = open_clip.CustomTextCLIP(
        embed_dim=config["embed_dim"],
        vision_cfg=CLIPVisionCfg(**config["vision_cfg"]),
        text_cfg=CLIPTextCfg(**config["text_cfg"]),
    )
    _fix_projection(model.visual)
    return model


def build_image_tower(image_size: int, tower: str = IMAGE_TOWER) -> Any:
    """Only the image tower, for matching: class text embeddings come precomputed in the checkpoint."""
    from open_clip.model import CLIPVisionCfg, _build_vision_tower

    visual = _build_vision_tower(
        EMBED_DIM,
        CLIPVisionCfg(
            timm_model_name=tower,
            timm_model_pretrained=False,
            timm_pool="",
            timm_proj="linear",
            image_size=image_size,
        ),
    )
    _fix_projection(visual)
    return visual


def decode_square(data: bytes | str, size: int = CACHE_SIZE) -> np.ndarray:
    """A photo as an RGB uint8 array: shorter side scaled to ``size``, centre square (H, W, 3)."""
    with Image.open(io.BytesIO(data) if isinstance(data, bytes) else data) as opened:
        image = opened.convert("RGB")
    width, height = image.size
    scale = size / min(width, height)
    image = image.resize((max(size, round(width * scale)), max(size, round(height * scale))), Image.Resampling.BILINEAR)
    left = (image.width - size) // 2
    top = (image.height - size) // 2
    return np.asarray(image.crop((left, top, left + size, top + size)), dtype=np.uint8)


MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


def eval_crop(square: np.ndarray, image_size: int) -> np.ndarray:
    """The evaluation view of a cached square: centre crop of 0.875, resized to the model's input, CHW float."""
    side = square.shape[0]
    crop = round(side * 0.875)
    start = (side - crop) // 2
    patch = Image.fromarray(square[start : start + crop, start : start + crop]).resize(
        (image_size, image_size), Image.Resampling.BILINEAR
    )
    array = (np.asarray(patch, dtype=np.float32) / 255.0 - MEAN) / STD
    return array.transpose(2, 0, 1)


def eval_batch(squares: Any, image_size: int) -> Any:
    """The evaluation views of cached squares as one NCHW tensor (channels_last: 1.4x faster on CPU)."""
    import torch

    views = np.stack([eval_crop(s, image_size) for s in squares])
    return torch.from_numpy(views).contiguous(memory_format=torch.channels_last)


def mirror_embedding(visual: Any, x: Any) -> Any:
    """Normalised embeddings of a batch of views: each view and its mirror in one forward pass, summed.
    Call it under ``torch.no_grad()`` with the tower in eval mode."""
    import torch

    both = visual(torch.cat([x, x.flip(-1)]))
    return torch.nn.functional.normalize(both[: len(x)] + both[len(x) :], dim=-1)


def join_members(parts: list[np.ndarray]) -> np.ndarray:
    """An ensemble's embeddings: the members' normalised embeddings side by side, scaled by 1/sqrt(n), so that
    every similarity downstream is the members' mean (training and matching both join them this way)."""
    return np.concatenate(parts, axis=1) / np.sqrt(len(parts))
