"""The transformers adapter on the real SmolLM2 weights: prefix cache and LoRA adapter loading."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from hotline.model_paths import resolve_llm
from hotline.ports import ChatTurn
from tests.conftest import MODELS_DIR

pytestmark = pytest.mark.models
SYSTEM = "You are a helpful support assistant. Answer in one short sentence."
QUESTION = [ChatTurn("customer", "Context: Refunds to cards take 5 to 7 business days.\n\nHow long do refunds take?")]


@pytest.fixture(scope="module")
def model_path() -> str:
    return resolve_llm("packaged:smollm2-135m-instruct", MODELS_DIR)


def generate(generator: object, turns: list[ChatTurn] = QUESTION, tokens: int = 24) -> str:
    return "".join(generator.stream(SYSTEM, turns, tokens, threading.Event()))  # type: ignore[attr-defined]


def test_prefix_cache_gives_the_same_greedy_text_as_a_cold_run(model_path: str) -> None:
    from hotline.dialogue.llm import TransformersGenerator

    generator = TransformersGenerator(model_path, "smollm2", dtype="float32")
    cold = generate(generator)  # computes and stores the prefix cache
    warm = generate(generator)  # reuses it
    assert cold == warm and cold.strip()
    other = generate(generator, [ChatTurn("customer", "Say hello.")])
    assert other.strip() and other != cold


def test_stop_flag_ends_generation(model_path: str) -> None:
    from hotline.dialogue.llm import TransformersGenerator

    generator = TransformersGenerator(model_path, "smollm2", dtype="float32")
    stop = threading.Event()
    pieces = []
    for piece in generator.stream(SYSTEM, QUESTION, 50, stop):
        pieces.append(piece)
        stop.set()
    assert len(pieces) == 1


def test_fresh_lora_adapter_loads_and_is_reported(model_path: str, tmp_path: Path) -> None:
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    from hotline.dialogue.llm import TransformersGenerator

    base = AutoModelForCausalLM.from_pretrained(model_path, dtype=torch.float32)
    config = LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"], task_type="CAUSAL_LM")
    peft_model = get_peft_model(base, config)
    adapter_dir = tmp_path / "adapter"
    peft_model.save_pretrained(adapter_dir)
    assert (adapter_dir / "adapter_config.json").exists()

    plain = TransformersGenerator(model_path, "smollm2", dtype="float32")
    adapted = TransformersGenerator(model_path, "smollm2", adapter_path=str(adapter_dir), dtype="float32")
    assert adapted.adapter == str(adapter_dir) and plain.adapter is None
    # A freshly initialised LoRA adapter has B = 0: it must not change the output.
    assert generate(adapted) == generate(plain)
