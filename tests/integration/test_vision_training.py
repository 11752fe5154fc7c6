"""``hotline train vision`` end to end on a small slice of the real catalog (3 products), the checkpoint it writes
(reloaded: identical embeddings), resuming, and a real open_clip checkpoint loaded by setting."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from hotline.model_paths import resolve_embedder
from hotline.training.vision import VisionTrainConfig, combine_checkpoints, train_catalog_clip
from hotline.vision.catalog import ProductCatalog
from hotline.vision.matcher import CatalogMatcher, CheckpointError, OpenClipMatcher, load_matcher

pytestmark = [pytest.mark.models, pytest.mark.shared_data]


def small_catalog(shared: Path, root: Path, classes: int = 3, train: int = 6, val: int = 2) -> ProductCatalog:
    """The first ``classes`` products of the real catalog with a few of their photos, laid out the same way."""
    source = shared / "images"
    with (source / "classes.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, kept = rows[0], rows[1 : classes + 1]
    for row in kept:
        for column in (4, 5):
            target = root / row[column].lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source / row[column].lstrip("/"), target)
    with (root / "classes.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *kept])
    for split, count in (("train", train), ("val", val)):
        lines = []
        for line in (source / f"{split}.txt").read_text(encoding="utf-8").splitlines():
            path, class_id = line.split(",")[0].strip(), int(line.split(",")[1])
            if class_id < classes and sum(1 for entry in lines if entry[1] == class_id) < count:
                (root / path).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(source / path, root / path)
                lines.append((path, class_id))
        (root / f"{split}.txt").write_text("".join(f"{p}, {c}, 0\n" for p, c in lines), encoding="utf-8")
    return ProductCatalog(root)


def test_train_checkpoint_reload_and_resume(shared_data: Path, tmp_path: Path) -> None:
    catalog = small_catalog(shared_data, tmp_path / "catalog")
    assert len(catalog) == 3 and len(catalog.split("train")) == 18
    stages: list[tuple[str, int, int]] = []
    out = tmp_path / "catalog-clip.pt"
    config = VisionTrainConfig(epochs=2, batch_size=8, warmup_epochs=1)
    text_dir = resolve_embedder("packaged:all-minilm-l6-v2")
    report = train_catalog_clip(
        catalog, text_dir, tmp_path / "work", out, config, lambda s, d, t, f: stages.append((s, d, t))
    )
    tower = config.towers[0]
    assert config.towers == [tower, tower]  # two ensemble members by default
    assert {(f"train 1/2 ({tower})", 2, 2), (f"train 2/2 ({tower})", 2, 2)} <= set(stages)
    assert out.exists() and out.with_suffix(".json").exists()
    assert report["data_hash"] == catalog.fingerprint("train")
    assert set(report["metrics"]) >= {"zero_shot_text", "reference_knn", "appearance", "fused", "confident_at"}
    assert len(report["metrics"]["members"]) == 2

    first, second = CatalogMatcher(out, catalog), CatalogMatcher(out, catalog)
    photo = catalog.split("val")[0].path.read_bytes()
    assert np.array_equal(first.features(photo).embedding, second.features(photo).embedding)
    result = first.match(photo)
    assert [m.class_id for m in result.matches] and sorted(m.score for m in result.matches)[::-1] == [
        m.score for m in result.matches
    ]
    assert set(result.as_dict()) == {"matches", "confident", "match_ms"}

    resumed: list[tuple[str, int, int]] = []
    train_catalog_clip(catalog, text_dir, tmp_path / "work", out, config, lambda s, d, t, f: resumed.append((s, d, t)))
    assert {("resume member 1", 2, 2), ("resume member 2", 2, 2)} <= set(resumed)
    assert not any(s.startswith("train") for s, _, _ in resumed)

    # Combined checkpoints: similarities are the members' mean, so two copies rank exactly like one.
    combine_checkpoints([out, out], tmp_path / "ensemble.pt")
    ensemble = CatalogMatcher(tmp_path / "ensemble.pt", catalog)
    assert len(ensemble.visuals) == 4 and ensemble.features(photo).embedding.shape == (4 * 384,)
    assert [m.class_id for m in ensemble.match(photo).matches] == [m.class_id for m in result.matches]

    import torch

    older = torch.load(out, weights_only=False) | {"format": "hotline-catalog-clip/1"}
    torch.save(older, tmp_path / "older.pt")
    with pytest.raises(CheckpointError, match="retrain"):
        CatalogMatcher(tmp_path / "older.pt", catalog)

    other = small_catalog(shared_data, tmp_path / "other", classes=2)
    with pytest.raises(CheckpointError, match="another catalog"):
        CatalogMatcher(out, other)


def test_products_held_out_of_training_are_measured_and_not_ruled_out(shared_data: Path, tmp_path: Path) -> None:
    """A product with no training photos (new in the catalog): the report says how it fares, and the views that
    need its photos (reference kNN, appearance) have no opinion on it instead of ruling it out."""
    catalog = small_catalog(shared_data, tmp_path / "catalog")
    out = tmp_path / "held.pt"
    config = VisionTrainConfig(epochs=1, batch_size=8, warmup_epochs=1, towers=["mobilenetv3_small_100"])
    config.holdout_classes = [2]
    report = train_catalog_clip(
        catalog, resolve_embedder("packaged:all-minilm-l6-v2"), tmp_path / "work", out, config, lambda *a: None
    )
    held = report["metrics"]["holdout"]
    assert held["classes"] == [2] and held["val_photos"] == 2 and held["chance_among_unseen"] == 1.0
    assert set(held) >= {"zero_shot_among_all", "fused_with_ocr_among_all"}
    matcher = CatalogMatcher(out, catalog)
    assert list(matcher.appearance.seen) == [True, True, False] and 2 not in matcher.ref_labels
    features = matcher.features(catalog.split("val")[-1].path.read_bytes())
    looks = matcher.appearance.log_proba(features.looks[None, :])[0]
    assert np.isclose(looks[2], looks[:2].mean())


def test_a_real_open_clip_checkpoint_by_setting(shared_data: Path, tmp_path: Path) -> None:
    """Any open_clip architecture + a local weights file: loaded with pretrained=<file>, not random."""
    import open_clip
    import torch
    from open_clip.factory import _MODEL_CONFIGS

    _MODEL_CONFIGS["hotline-test-tiny"] = {
        "embed_dim": 32,
        "vision_cfg": {"image_size": 64, "layers": 2, "width": 64, "patch_size": 16},
        "text_cfg": {"context_length": 77, "vocab_size": 49408, "width": 64, "heads": 2, "layers": 2},
    }
    torch.manual_seed(1)
    model: Any = open_clip.create_model("hotline-test-tiny")
    weights = tmp_path / "open_clip_pytorch_model.bin"
    torch.save(model.state_dict(), weights)
    catalog = small_catalog(shared_data, tmp_path / "catalog")
    matcher = load_matcher("open_clip:hotline-test-tiny", str(weights), catalog)
    assert isinstance(matcher, OpenClipMatcher)
    photo = catalog.split("val")[0].path.read_bytes()
    _, _, preprocess = open_clip.create_model_and_transforms("hotline-test-tiny")
    from io import BytesIO

    from PIL import Image

    with torch.no_grad():
        expected = model.eval().encode_image(preprocess(Image.open(BytesIO(photo)).convert("RGB")).unsqueeze(0))
    got = matcher.features(photo).embedding
    assert np.allclose(got, torch.nn.functional.normalize(expected, dim=-1)[0].numpy(), atol=1e-5)
    assert len(matcher.match(photo).matches) == 3
    with pytest.raises(CheckpointError):
        load_matcher("open_clip:hotline-test-tiny", "", catalog)  # never a named tag or random weights
    with pytest.raises(CheckpointError):
        load_matcher("open_clip:hotline-test-tiny", str(tmp_path / "missing.bin"), catalog)
