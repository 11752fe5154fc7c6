"""``hotline train lora``: peft LoRA on the dialogue model, with the loss on the answer tokens only.

Each example is rendered exactly as the gateway prompts the model (system prompt, then the customer's
message carrying the retrieved passages; hotline/dialogue/prompt.py), followed by the reference answer.
Deterministic with a seed; checkpoints every ``checkpoint_every`` steps (adapter, optimizer, step, RNG) so an
interrupted run resumes where it stopped; a time limit ends training cleanly at a checkpoint.
The output folder is a normal peft adapter plus ``hotline_adapter.json``: base model, data hash, settings,
loss curve.
"""

from __future__ import annotations

import json
import logging
import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from hotline.dialogue.prompt import build_prompt
from hotline.hardware import model_dtype
from hotline.ports import ChatTurn, Passage
from hotline.training.dataset import Example

log = logging.getLogger(__name__)
ADAPTER_INFO = "hotline_adapter.json"


@dataclass
class LoraConfig:
    rank: int = 8
    alpha: int = 16
    dropout: float = 0.05
    target_modules: tuple[str, ...] = ("q_proj", "k_proj", "v_proj", "o_proj")
    epochs: float = 1.0
    max_steps: int | None = None
    learning_rate: float = 2e-4
    batch_size: int = 4
    max_length: int = 384
    seed: int = 13
    checkpoint_every: int = 50
    time_limit_s: float | None = None
    dtype: str = "auto"  # hotline/hardware.py: bfloat16 where it is native, else float32
    threads: int = 2
    company: str = "Hotline Demo Store"


@dataclass
class TrainResult:
    steps: int
    examples_seen: int
    seconds: float
    losses: list[float] = field(default_factory=list)
    stopped: str = "done"
    model: Any = field(default=None, repr=False)  # the trained PeftModel, for callers that go on using it


def render_example(example: Example, company: str) -> tuple[str, list[ChatTurn]]:
    passages = [Passage(f"bg#{i}", "background", b["heading"], b["text"]) for i, b in enumerate(example.background)]
    prompt = build_prompt(company, example.question, [], passages, [], 0, token_budget=10_000)
    return prompt.system, list(prompt.turns)


def encode(tokenizer: Any, example: Example, company: str, max_length: int) -> tuple[list[int], list[int]]:
    """Token ids and labels; labels are -100 everywhere but the answer (and its end-of-turn token)."""
    system, turns = render_example(example, company)
    messages = [{"role": "system", "content": system}] + [{"role": "user", "content": t.text} for t in turns]
    prompt_text = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    full_text = tokenizer.apply_chat_template(
        [*messages, {"role": "assistant", "content": example.answer}], tokenize=False
    )
    prompt_ids = tokenizer(prompt_text, add_special_tokens=False)["input_ids"]
    full_ids = tokenizer(full_text, add_special_tokens=False)["input_ids"]
    answer_ids = full_ids[len(prompt_ids) :]
    budget = max_length - len(answer_ids)
    if budget < 64:  # a very long answer: keep its start, and the end of the prompt
        answer_ids = answer_ids[: max_length // 2]
        budget = max_length - len(answer_ids)
    prompt_ids = prompt_ids[-budget:] if len(prompt_ids) > budget else prompt_ids
    return prompt_ids + answer_ids, [-100] * len(prompt_ids) + answer_ids


def load_base(model_path: str, dtype: str, threads: int) -> tuple[Any, Any]:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    torch.set_num_threads(threads)
    tokenizer = AutoTokenizer.from_pretrained(model_path)
    model = AutoModelForCausalLM.from_pretrained(model_path, dtype=getattr(torch, model_dtype(dtype)))
    return tokenizer, model


def _latest_checkpoint(out: Path) -> Path | None:
    found = sorted((out / "checkpoints").glob("step-*"), key=lambda p: int(p.name.split("-")[1]))
    return found[-1] if found else None


def train_lora(
    model_path: str,
    base_id: str,
    train: Sequence[Example],
    out: Path,
    config: LoraConfig,
    data_hash: str,
    progress: Callable[[int, int, float, float], None] | None = None,
    resume: bool = True,
) -> TrainResult:
    """``progress(step, total, loss, eta_s)`` after each step."""
    import torch
    from peft import LoraConfig as PeftLoraConfig
    from peft import get_peft_model, set_peft_model_state_dict
    from safetensors.torch import load_file

    config = replace(config, dtype=model_dtype(config.dtype))  # the report names the format actually used
    random.seed(config.seed)
    torch.manual_seed(config.seed)
    tokenizer, base = load_base(model_path, config.dtype, config.threads)
    peft_config = PeftLoraConfig(
        r=config.rank,
        lora_alpha=config.alpha,
        lora_dropout=config.dropout,
        target_modules=list(config.target_modules),
        task_type="CAUSAL_LM",
    )
    model: Any = get_peft_model(base, peft_config)
    device = "cuda" if torch.cuda.is_available() else "cpu"  # a GPU when there is one; CPU otherwise
    model.to(device)
    encoded = [encode(tokenizer, e, config.company, config.max_length) for e in train]
    order = list(range(len(encoded)))
    random.Random(config.seed).shuffle(order)
    steps_per_epoch = math.ceil(len(order) / config.batch_size)
    total = config.max_steps or max(1, math.ceil(steps_per_epoch * config.epochs))
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=config.learning_rate)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: min(1.0, (s + 1) / 10) * max(0.0, 1 - s / total))
    result = TrainResult(steps=0, examples_seen=0, seconds=0.0)
    start_step = 0
    checkpoint = _latest_checkpoint(out) if resume else None
    if checkpoint is not None:
        set_peft_model_state_dict(model, load_file(str(checkpoint / "adapter_model.safetensors")))
        state = torch.load(checkpoint / "trainer.pt", weights_only=False)
        optimizer.load_state_dict(state["optimizer"])
        scheduler.load_state_dict(state["scheduler"])
        torch.set_rng_state(state["torch_rng"].cpu())
        start_step = state["step"]
        result.losses = state["losses"]
        log.info("resuming", extra={"checkpoint": str(checkpoint), "step": start_step})
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    model.train()
    started = time.perf_counter()
    step = start_step
    for step in range(start_step, total):
        batch_index = [order[(step * config.batch_size + i) % len(order)] for i in range(config.batch_size)]
        batch = [encoded[i] for i in batch_index]
        width = max(len(ids) for ids, _ in batch)
        input_ids = torch.tensor([ids + [pad] * (width - len(ids)) for ids, _ in batch])
        labels = torch.tensor([lab + [-100] * (width - len(lab)) for _, lab in batch])
        attention = torch.tensor([[1] * len(ids) + [0] * (width - len(ids)) for ids, _ in batch])
        loss = model(input_ids=input_ids.to(device), attention_mask=attention.to(device), labels=labels.to(device)).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad()
        result.losses.append(round(float(loss.detach()), 4))
        result.examples_seen += len(batch)
        elapsed = time.perf_counter() - started
        done = step + 1 - start_step
        if progress is not None:
            progress(step + 1, total, result.losses[-1], elapsed / done * (total - step - 1))
        if (step + 1) % config.checkpoint_every == 0 or step + 1 == total:
            _save_checkpoint(model, optimizer, scheduler, out, step + 1, result.losses)
        if config.time_limit_s is not None and elapsed > config.time_limit_s and step + 1 < total:
            _save_checkpoint(model, optimizer, scheduler, out, step + 1, result.losses)
            result.stopped = f"time limit after {step + 1} of {total} steps"
            step += 1
            break
    else:
        step = total
    result.steps = step
    result.seconds = time.perf_counter() - started
    model.save_pretrained(out)
    config_path = out / "adapter_config.json"  # the setting, not this machine's cache path
    adapter_config = json.loads(config_path.read_text())
    adapter_config["base_model_name_or_path"] = base_id
    config_path.write_text(json.dumps(adapter_config, indent=2) + "\n")
    info = {
        "base_model": base_id,
        "data_hash": data_hash,
        "train_examples": len(train),
        "config": {**asdict(config), "target_modules": list(config.target_modules)},
        "steps": result.steps,
        "seconds": round(result.seconds, 1),
        "stopped": result.stopped,
        "loss_first_10": result.losses[:10],
        "loss_last_10": result.losses[-10:],
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    (out / ADAPTER_INFO).write_text(json.dumps(info, indent=2))
    model.eval()
    result.model = model
    return result


def _save_checkpoint(model: Any, optimizer: Any, scheduler: Any, out: Path, step: int, losses: list[float]) -> None:
    import torch

    target = out / "checkpoints" / f"step-{step}"
    model.save_pretrained(target)
    torch.save(
        {
            "optimizer": optimizer.state_dict(),
            "scheduler": scheduler.state_dict(),
            "torch_rng": torch.get_rng_state(),
            "step": step,
            "losses": losses,
        },
        target / "trainer.pt",
    )
    for old in sorted((out / "checkpoints").glob("step-*"), key=lambda p: int(p.name.split("-")[1]))[:-2]:
        import shutil

        shutil.rmtree(old, ignore_errors=True)  # keep the last two
