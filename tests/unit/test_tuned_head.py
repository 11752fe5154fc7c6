"""The tuned anger head's adapter merged into the encoder's weights: ``W + scale · B·A`` per module, by name."""

from __future__ import annotations

import numpy as np
import pytest

from hotline.dialogue.tuned_head import merged_updates

PEFT = "lora/base_model.model.encoder.layer.0.attention.self.query.lora_{}.default.weight"


def test_each_module_gets_scale_times_b_times_a() -> None:
    a = np.arange(6, dtype=np.float16).reshape(2, 3)  # rank 2, 3 inputs
    b = np.ones((4, 2), dtype=np.float16)  # 4 outputs
    updates = merged_updates({PEFT.format("A"): a, PEFT.format("B"): b, "head_w": np.zeros(3)}, scale=2.0)
    assert list(updates) == ["encoder.layer.0.attention.self.query"]
    np.testing.assert_allclose(updates["encoder.layer.0.attention.self.query"], 2.0 * (b @ a).astype(np.float32))


def test_half_an_update_is_refused() -> None:
    with pytest.raises(ValueError, match="lacks half"):
        merged_updates({PEFT.format("A"): np.zeros((2, 3))}, scale=2.0)
