"""A short real LoRA run on SmolLM2 (a few steps on a tiny slice of the policy manual): the adapter changes,
saves, reloads to identical logits, resumes from its checkpoint; the eval command's metrics on a tiny slice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hotline.model_paths import resolve_llm
from hotline.redline.rules import DEFAULT_RULES, RedLine
from hotline.settings import PACKAGED_SMOLLM2
from hotline.training.dataset import from_manual
from hotline.training.evaluate import EvalConfig, evaluate_adapter
from hotline.training.lora import ADAPTER_INFO, LoraConfig, encode, load_base, train_lora
from tests.conftest import MODELS_DIR

pytestmark = [pytest.mark.models, pytest.mark.shared_data]


@pytest.fixture(scope="module")
def tiny(shared_data: Path) -> list:
    return from_manual(shared_data / "kb" / "retail_wiki.md")[:6]


def test_lora_trains_saves_reloads_and_resumes(tmp_path: Path, tiny: list) -> None:
    import torch
    from peft import PeftModel

    model_path = resolve_llm(PACKAGED_SMOLLM2, MODELS_DIR)
    config = LoraConfig(max_steps=3, batch_size=2, max_length=160, checkpoint_every=2, learning_rate=1e-3)
    out = tmp_path / "adapter"
    result = train_lora(model_path, PACKAGED_SMOLLM2, tiny, out, config, "testhash")
    assert result.steps == 3 and len(result.losses) == 3
    info = json.loads((out / ADAPTER_INFO).read_text())
    assert info["base_model"] == PACKAGED_SMOLLM2 and info["data_hash"] == "testhash" and info["steps"] == 3
    # LoRA's B matrices start at zero: training moved them.
    trained_b = [p for n, p in result.model.named_parameters() if "lora_B" in n]
    assert trained_b and any(float(p.abs().sum()) > 0 for p in trained_b)

    tokenizer, base = load_base(model_path, info["config"]["dtype"], 2)  # the format it was trained in
    ids, _labels = encode(tokenizer, tiny[0], "Hotline Demo Store", 160)
    batch = torch.tensor([ids])
    with torch.inference_mode():
        before = result.model(batch).logits
        reloaded = PeftModel.from_pretrained(base, out)
        reloaded.eval()
        after = reloaded(batch).logits
        with reloaded.disable_adapter():
            plain = reloaded(batch).logits
    assert torch.equal(before, after), "reloaded adapter gives different logits"
    assert not torch.equal(plain, after), "the adapter changes nothing"

    # Resume: a longer run in the same folder continues from the last checkpoint, not from scratch.
    more = train_lora(
        model_path, PACKAGED_SMOLLM2, tiny, out, LoraConfig(**{**config.__dict__, "max_steps": 4}), "testhash"
    )
    assert more.steps == 4 and len(more.losses) == 4 and more.losses[:3] == result.losses


def test_eval_reports_all_metrics_on_a_tiny_slice(tmp_path: Path, tiny: list) -> None:
    model_path = resolve_llm(PACKAGED_SMOLLM2, MODELS_DIR)
    out = tmp_path / "adapter"
    train_lora(model_path, PACKAGED_SMOLLM2, tiny, out, LoraConfig(max_steps=2, batch_size=2, max_length=160), "h")
    report = evaluate_adapter(
        model_path, PACKAGED_SMOLLM2, str(out), tiny[:2], EvalConfig(limit=2, max_new_tokens=24), RedLine(DEFAULT_RULES)
    )
    for side in ("base", "adapter"):
        assert set(report[side]) >= {"rouge1", "rouge2", "rougeL", "bleu", "answer_words", "redline_violations"}
        assert 0.0 <= report[side]["rougeL"] <= 1.0
    assert report["examples"] == 2 and isinstance(report["promotable"], bool)
