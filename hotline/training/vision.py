"""``hotline train vision``: the catalog CLIP, trained on the company's product photos and descriptions.

Recipe (measured on 2 CPU cores, see the vision issue): open_clip's CustomTextCLIP with a MobileNetV3-small image
tower from scratch at 144 px and the packaged MiniLM as the text tower. The MiniLM transformer is frozen (training
it costs ~60x the image tower) and each product's text is embedded once; its linear projection (initialised to
the identity) and the image tower are trained with the contrastive objective against *all* catalog texts at every
step — every photo of a product is a positive for that product's text, so same-class pairs are never negatives.
Photos are decoded once and cached as uint8 arrays; augmentation is random crops, flips, light brightness/
contrast changes (no hue: colour separates the apples) and CutMix (a patch of another photo pasted in, the target
mixed by area), which lifted the top-5 by two points in the same time.

Several members (one per entry of ``towers``, each with its own seed) are trained one after the other and
ensembled: the top-5 of a small tower from scratch stops improving after ~20 epochs, while two members of 40
epochs disagree usefully. The appearance classifier (hand-made colour and shape features, appearance.py) is fitted
on train/ as a third view.

At the end the checkpoint gets what matching needs: the members' image towers, product text embeddings and
reference-photo embeddings (train/ only), the appearance classifier, fusion weights and a confidence threshold
tuned on val/, and the config, data hash, seed and metrics. Training saves each member's state after each epoch
and resumes from it.
"""

from __future__ import annotations

import json
import logging
import math
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from hotline.training.vision_text import add_text_evidence, val_text_evidence
from hotline.vision.appearance import AppearanceClassifier, appearance_features
from hotline.vision.catalog import ProductCatalog
from hotline.vision.clip_model import (
    CACHE_SIZE,
    IMAGE_TOWER,
    MEAN,
    STD,
    build_catalog_clip,
    catalog_clip_config,
    decode_square,
    eval_batch,
    join_members,
    mirror_embedding,
)
from hotline.vision.fusion import FusionWeights, topk_accuracy, tune_fusion, view_scores
from hotline.vision.matcher import CHECKPOINT_FORMAT
from hotline.vision.pack_text import PackTextProfile

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int, dict[str, float]], None]  # (stage, done, total, figures)


@dataclass
class VisionTrainConfig:
    epochs: int = 40  # per member
    towers: list[str] = field(default_factory=lambda: [IMAGE_TOWER, IMAGE_TOWER])  # one ensemble member each
    batch_size: int = 64
    lr: float = 3e-3
    weight_decay: float = 0.05
    image_size: int = 144
    seed: int = 0
    threads: int = 2
    label_smoothing: float = 0.1
    warmup_epochs: int = 2
    cutmix: float = 0.5  # share of batches with CutMix
    appearance_c: float = 0.01
    holdout_classes: list[int] = field(default_factory=list)  # never trained on: measures unseen products


def load_split(catalog: ProductCatalog, split: str, cache_dir: Path, progress: Progress) -> tuple[Any, Any]:
    """All photos of a split as uint8 (N, S, S, 3) and their class ids, decoded once and cached."""
    cache = cache_dir / f"{split}-{catalog.fingerprint(split)}-{CACHE_SIZE}.npz"
    if cache.exists():
        stored = np.load(cache)
        return stored["images"], stored["labels"]
    photos = catalog.split(split)
    images = np.zeros((len(photos), CACHE_SIZE, CACHE_SIZE, 3), dtype=np.uint8)
    for index, photo in enumerate(photos):
        images[index] = decode_square(str(photo.path))
        if index % 50 == 0 or index == len(photos) - 1:
            progress(f"decode {split}", index + 1, len(photos), {})
    labels = np.array([p.class_id for p in photos], dtype=np.int64)
    cache_dir.mkdir(parents=True, exist_ok=True)
    np.savez(cache, images=images, labels=labels)
    return images, labels


def _augment_batch(images: Any, size: int, rng: random.Random) -> Any:
    """Random resized crops (scale 0.35-1), flips and brightness/contrast jitter; returns normalised NCHW."""
    import torch
    import torch.nn.functional as F

    batch = torch.from_numpy(images).permute(0, 3, 1, 2).float().div_(255.0)
    side = batch.shape[-1]
    out = torch.empty((batch.shape[0], 3, size, size))
    for i in range(batch.shape[0]):
        area = rng.uniform(0.35, 1.0) * side * side
        ratio = math.exp(rng.uniform(math.log(3 / 4), math.log(4 / 3)))
        w = min(side, round(math.sqrt(area * ratio)))
        h = min(side, round(math.sqrt(area / ratio)))
        top, left = rng.randint(0, side - h), rng.randint(0, side - w)
        crop = batch[i : i + 1, :, top : top + h, left : left + w]
        crop = F.interpolate(crop, size=(size, size), mode="bilinear", align_corners=False)[0]
        if rng.random() < 0.5:
            crop = crop.flip(-1)
        crop = (crop * rng.uniform(0.75, 1.25)).clamp_(0, 1)  # brightness
        mean = crop.mean()
        out[i] = ((crop - mean) * rng.uniform(0.8, 1.2) + mean).clamp_(0, 1)  # contrast
    mean_t = torch.tensor(MEAN).view(1, 3, 1, 1)
    std_t = torch.tensor(STD).view(1, 3, 1, 1)
    return (out - mean_t) / std_t


def embed_texts(model: Any, texts: list[str], text_model_dir: str) -> Any:
    """MiniLM's pooled (pre-projection) embeddings of the product texts: the frozen part of the text tower."""
    import torch
    from open_clip.tokenizer import HFTokenizer

    tokenizer = HFTokenizer(text_model_dir, context_length=128)
    tokens = tokenizer(texts)
    with torch.no_grad():
        mask = (tokens != model.text.config.pad_token_id).long()
        out = model.text.transformer(input_ids=tokens, attention_mask=mask)
        return model.text.pooler(out, mask)


def image_embeddings(visual: Any, squares: Any, image_size: int, batch: int = 128) -> Any:
    """Normalised embeddings of cached squares (eval view + its mirror), ``batch`` photos at a time."""
    import torch

    visual.eval()
    with torch.no_grad():
        return torch.cat(
            [
                mirror_embedding(visual, eval_batch(squares[i : i + batch], image_size))
                for i in range(0, len(squares), batch)
            ]
        )


def cutmix(batch: Any, labels: Any, rng: random.Random) -> tuple[Any, Any, float]:
    """Pastes a box of a shuffled copy of the batch into it; returns the batch, the pasted photos' labels and the
    share of each photo that is still its own (the loss weights the two labels by area)."""
    import torch

    size = batch.shape[-1]
    permutation = torch.randperm(batch.shape[0], generator=torch.Generator().manual_seed(rng.randrange(2**31)))
    cut = math.sqrt(1.0 - rng.random())
    height = width = int(size * cut)
    cy, cx = rng.randrange(size), rng.randrange(size)
    y1, y2 = max(cy - height // 2, 0), min(cy + height // 2, size)
    x1, x2 = max(cx - width // 2, 0), min(cx + width // 2, size)
    mixed = batch.clone()
    mixed[:, :, y1:y2, x1:x2] = batch[permutation][:, :, y1:y2, x1:x2]
    return mixed, labels[permutation], 1.0 - (y2 - y1) * (x2 - x1) / (size * size)


@dataclass
class TrainingData:
    """What every member trains and is measured on: cached photos, labels, and the product texts' pooled MiniLM
    embeddings (the frozen part of the text tower)."""

    train_x: Any
    train_y: Any
    val_x: Any
    val_y: Any
    pooled: Any
    data_hash: str


def _train_member(
    member: int,
    tower: str,
    text_model_dir: str,
    data: TrainingData,
    state_path: Path,
    config: VisionTrainConfig,
    progress: Progress,
    resume: bool,
) -> tuple[Any, Any, list[dict[str, float]]]:
    """One ensemble member: its image tower, its text projection and its per-epoch history."""
    import torch
    import torch.nn.functional as F

    train_x, pooled = data.train_x, data.pooled

    torch.manual_seed(config.seed + member)
    rng = random.Random(config.seed + member)
    started = time.monotonic()
    stage = f"train {member + 1}/{len(config.towers)} ({tower})"
    model = build_catalog_clip(text_model_dir, config.image_size, tower)
    with torch.no_grad():
        model.text.proj.weight.copy_(torch.eye(model.text.proj.weight.shape[0]))
    trainable = list(model.visual.parameters()) + list(model.text.proj.parameters()) + [model.logit_scale]
    decay = [p for p in trainable if p.ndim > 1]
    no_decay = [p for p in trainable if p.ndim <= 1]
    optimizer = torch.optim.AdamW(
        [{"params": decay, "weight_decay": config.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=config.lr,
    )
    steps_per_epoch = math.ceil(len(train_x) / config.batch_size)
    total_steps = steps_per_epoch * config.epochs
    warmup = steps_per_epoch * config.warmup_epochs

    def lr_at(step: int) -> float:
        if step < warmup:
            return config.lr * (step + 1) / warmup
        return config.lr * 0.5 * (1 + math.cos(math.pi * (step - warmup) / max(1, total_steps - warmup)))

    first_epoch = 0
    history: list[dict[str, float]] = []
    fingerprint = {"config": asdict(config), "data": data.data_hash, "member": member}
    if resume and state_path.exists():
        state = torch.load(state_path, weights_only=False)
        if all(state.get(key) == value for key, value in fingerprint.items()):
            model.visual.load_state_dict(state["visual"])
            model.text.proj.load_state_dict(state["text_proj"])
            model.logit_scale.data.copy_(state["logit_scale"])
            optimizer.load_state_dict(state["optimizer"])
            first_epoch, history = state["epoch"], state["history"]
            rng.setstate(state["rng"])
            progress(f"resume member {member + 1}", first_epoch, config.epochs, {})
    model.visual.to(memory_format=torch.channels_last)
    labels_all = torch.from_numpy(data.train_y)

    for epoch in range(first_epoch, config.epochs):
        model.visual.train()
        order = list(range(len(train_x)))
        rng.shuffle(order)
        losses = []
        for step_in_epoch in range(steps_per_epoch):
            index = order[step_in_epoch * config.batch_size : (step_in_epoch + 1) * config.batch_size]
            for group in optimizer.param_groups:
                group["lr"] = lr_at(epoch * steps_per_epoch + step_in_epoch)
            x = _augment_batch(train_x[index], config.image_size, rng)
            y = labels_all[index]
            pasted, own = y, 1.0
            if config.cutmix > 0 and rng.random() < config.cutmix:
                x, pasted, own = cutmix(x, y, rng)
            image = F.normalize(model.visual(x.contiguous(memory_format=torch.channels_last)), dim=-1)
            text = F.normalize(model.text.proj(pooled), dim=-1)
            logits = model.logit_scale.exp().clamp(max=100) * image @ text.T
            loss = own * F.cross_entropy(logits, y, label_smoothing=config.label_smoothing)
            if own < 1.0:
                loss = loss + (1.0 - own) * F.cross_entropy(logits, pasted, label_smoothing=config.label_smoothing)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            losses.append(float(loss.detach()))
        figures = {"loss": float(np.mean(losses)), "minutes": (time.monotonic() - started) / 60}
        if epoch % 10 == 9 or epoch == config.epochs - 1:
            with torch.no_grad():
                text = F.normalize(model.text.proj(pooled), dim=-1)
            val_emb = image_embeddings(model.visual, data.val_x, config.image_size)
            top1, top5 = topk_accuracy((val_emb @ text.T).numpy(), data.val_y)
            figures |= {"val_top1": top1, "val_top5": top5}
        history.append({"epoch": epoch + 1, **figures})
        progress(stage, epoch + 1, config.epochs, figures)
        torch.save(
            {
                **fingerprint,
                "visual": model.visual.state_dict(),
                "text_proj": model.text.proj.state_dict(),
                "logit_scale": model.logit_scale.data,
                "optimizer": optimizer.state_dict(),
                "epoch": epoch + 1,
                "history": history,
                "rng": rng.getstate(),
            },
            state_path,
        )
    return model.visual, model.text.proj, history


def train_catalog_clip(
    catalog: ProductCatalog,
    text_model_dir: str,
    work_dir: Path,
    out: Path,
    config: VisionTrainConfig,
    progress: Progress,
    resume: bool = True,
) -> dict[str, Any]:
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(config.threads)
    started = time.monotonic()
    train_x, train_y = load_split(catalog, "train", work_dir / "cache", progress)
    val_x, val_y = load_split(catalog, "val", work_dir / "cache", progress)
    held = set(config.holdout_classes)
    if held:
        keep = ~np.isin(train_y, list(held))
        train_x, train_y = train_x[keep], train_y[keep]
    data_hash = catalog.fingerprint("train")
    pooled = embed_texts(
        build_catalog_clip(text_model_dir, config.image_size), [p.prompt for p in catalog.products], text_model_dir
    )
    data = TrainingData(train_x, train_y, val_x, val_y, pooled, data_hash)

    members, histories = [], []
    for member, tower in enumerate(config.towers):
        state_path = work_dir / f"train-state-{member}.pt"
        visual, text_proj, history = _train_member(
            member, tower, text_model_dir, data, state_path, config, progress, resume
        )
        with torch.no_grad():
            class_text = F.normalize(text_proj(pooled), dim=-1)
        progress(f"references {member + 1}", 0, 1, {})
        members.append(
            {
                "tower": tower,
                "visual": visual,
                "class_text": class_text,
                "references": image_embeddings(visual, train_x, config.image_size),
                "val": image_embeddings(visual, val_x, config.image_size),
            }
        )
        histories.append(history)

    class_text_all, train_emb, val_emb = (
        join_members([m[key].numpy() for m in members]) for key in ("class_text", "references", "val")
    )
    progress("appearance", 0, 1, {})
    train_looks = np.stack([appearance_features(s) for s in train_x])
    val_looks = np.stack([appearance_features(s) for s in val_x])
    appearance = AppearanceClassifier.fit(train_looks, train_y, len(catalog), config.appearance_c)
    weights, metrics, profile = tune_on_val(
        catalog, work_dir, progress, class_text_all, train_emb, train_y, appearance, val_emb, val_y, val_looks
    )
    metrics["members"] = [
        {"tower": m["tower"], "zero_shot_text": topk_accuracy((m["val"] @ m["class_text"].T).numpy(), val_y)}
        for m in members
    ]
    if held:
        views = view_scores(val_emb, val_looks, class_text_all, train_emb, train_y, appearance, weights.knn_k)
        ocr = val_text_evidence(catalog, work_dir, progress, profile)
        metrics["holdout"] = holdout_metrics(catalog, sorted(held), val_y, views, ocr, weights)
    checkpoint = {
        "format": CHECKPOINT_FORMAT,
        "open_clip_config": [
            catalog_clip_config("packaged:all-minilm-l6-v2", config.image_size, m["tower"]) for m in members
        ],
        "image_size": config.image_size,
        "members": [
            {
                "tower": m["tower"],
                "visual": {k: (v.half() if v.is_floating_point() else v) for k, v in m["visual"].state_dict().items()},
                "class_text": m["class_text"].half(),
                "references": m["references"].half(),
            }
            for m in members
        ],
        "class_names": [p.name for p in catalog.products],
        "reference_labels": torch.from_numpy(train_y),
        "appearance": appearance.to_dict(),
        "fusion": asdict(weights),
        "pack_text": profile.to_dict(),
        "data_hash": data_hash,
        "train_config": asdict(config),
        "history": histories,
        "metrics": metrics,
        "trained_minutes": round((time.monotonic() - started) / 60, 1),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    torch.save(checkpoint, out)
    report = {k: checkpoint[k] for k in ("data_hash", "train_config", "metrics", "trained_minutes", "fusion")}
    out.with_suffix(".json").write_text(json.dumps(report, indent=2))
    return report


def holdout_metrics(
    catalog: ProductCatalog,
    held: list[int],
    val_y: Any,
    views: tuple[Any, Any, Any],
    ocr: Any,
    weights: FusionWeights,
) -> dict[str, Any]:
    """How the products never trained on fare: their val photos ranked among all products by the zero-shot text
    view alone and by the gateway's fusion + OCR, and among the unseen products alone (chance 1/len(held))."""
    from hotline.vision.fusion import fuse

    unseen = np.isin(val_y, held)
    text, knn, looks = (view[unseen] for view in views)
    fused = fuse(text, knn, looks, ocr[unseen], weights)
    packaged = np.array([catalog[int(c)].department == "Packages" for c in val_y[unseen]])
    return {
        "classes": held,
        "names": [catalog[c].name for c in held],
        "val_photos": int(unseen.sum()),
        "zero_shot_among_all": topk_accuracy(text, val_y[unseen]),
        "zero_shot_top1_among_unseen": topk_accuracy(text[:, held], np.searchsorted(held, val_y[unseen]))[0],
        "chance_among_unseen": round(1 / len(held), 4),
        "fused_with_ocr_among_all": topk_accuracy(fused, val_y[unseen]),
        "fused_with_ocr_among_all_packaged": topk_accuracy(fused[packaged], val_y[unseen][packaged])
        if packaged.any()
        else None,
    }


def tune_on_val(
    catalog: ProductCatalog,
    work_dir: Path,
    progress: Progress,
    class_text: Any,
    ref_emb: Any,
    ref_y: Any,
    appearance: AppearanceClassifier,
    val_emb: Any,
    val_y: Any,
    val_looks: Any,
) -> tuple[FusionWeights, dict[str, Any], PackTextProfile]:
    """Fusion weights and temperature, then the pack-text evidence and its weight, and the confidence threshold."""
    weights, metrics = tune_fusion(class_text, ref_emb, ref_y, appearance, val_emb, val_y, val_looks)
    views = view_scores(val_emb, val_looks, class_text, ref_emb, ref_y, appearance, weights.knn_k)
    profile = add_text_evidence(catalog, work_dir, progress, views, val_y, weights, metrics)
    return weights, metrics, profile


def retune_checkpoint(checkpoint: Path, catalog: ProductCatalog, work_dir: Path, progress: Progress) -> dict[str, Any]:
    """Tune a trained checkpoint's fusion and confidence threshold again on val/ (the towers are unchanged)."""
    import torch

    from hotline.vision.matcher import CatalogMatcher

    matcher = CatalogMatcher(checkpoint, catalog)
    val_x, val_y = load_split(catalog, "val", work_dir / "cache", progress)
    val_emb = matcher.embed(val_x)
    val_looks = np.stack([appearance_features(s) for s in val_x])
    weights, metrics, profile = tune_on_val(
        catalog,
        work_dir,
        progress,
        matcher.class_text,
        matcher.ref_emb,
        matcher.ref_labels,
        matcher.appearance,
        val_emb,
        val_y,
        val_looks,
    )
    state = torch.load(checkpoint, weights_only=False)
    state["pack_text"] = profile.to_dict()
    state["fusion"] = asdict(weights)
    state["metrics"] = {**state.get("metrics", {}), **metrics}
    torch.save(state, checkpoint)
    report = {k: state[k] for k in ("data_hash", "train_config", "metrics", "trained_minutes", "fusion")}
    checkpoint.with_suffix(".json").write_text(json.dumps(report, indent=2))
    return report


def combine_checkpoints(paths: list[Path], out: Path) -> None:
    """One ensemble of the members of several checkpoints trained on the same data (re-tune it after)."""
    import torch

    states = [torch.load(path, weights_only=False) for path in paths]
    if any(s.get("format") != CHECKPOINT_FORMAT for s in states):
        raise ValueError(f"only {CHECKPOINT_FORMAT} checkpoints can be combined: retrain older ones")
    if len({s["data_hash"] for s in states}) != 1 or len({tuple(s["class_names"]) for s in states}) != 1:
        raise ValueError("only checkpoints trained on the same catalog and photos can be combined")
    combined = dict(states[0])
    combined["members"] = [member for s in states for member in s["members"]]
    combined["open_clip_config"] = [config for s in states for config in s["open_clip_config"]]
    combined["train_config"] = [s["train_config"] for s in states]
    combined["trained_minutes"] = round(sum(s["trained_minutes"] for s in states), 1)
    combined["history"] = [h for s in states for h in s["history"]]
    out.parent.mkdir(parents=True, exist_ok=True)
    torch.save(combined, out)
