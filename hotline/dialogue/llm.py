"""transformers causal LM behind the TextGenerator port: greedy streaming with a cached system prefix.

The fixed system prompt (brand tone, rules) is the same for every turn, so its key/value cache is computed
once and reused: each turn only runs the variable part of the prompt before the first token.
Everything here blocks; callers run it in a worker thread.
"""

from __future__ import annotations

import copy
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from typing import Any

import torch

from hotline.hardware import model_dtype
from hotline.ports import ChatTurn, StopFlag

log = logging.getLogger(__name__)


def _adapter_key(version: str) -> str:
    """peft adapter names may not contain dots (module paths)."""
    return "".join(c if c.isalnum() else "_" for c in version) or "adapter"


_ROLE_TO_CHAT = {"customer": "user", "bot": "assistant", "agent": "assistant", "system": "system"}


class TransformersGenerator:
    def __init__(
        self,
        model_path: str,
        name: str,
        adapter_path: str | None = None,
        dtype: str = "auto",
        threads: int = 2,
        repetition_penalty: float = 1.15,
    ) -> None:
        from transformers import AutoModelForCausalLM, AutoTokenizer

        torch.set_num_threads(threads)
        started = time.perf_counter()
        self.name = name
        self.adapter: str | None = None  # the live adapter's version (or path), reported with each reply
        self._tokenizer = AutoTokenizer.from_pretrained(model_path)
        model: Any = AutoModelForCausalLM.from_pretrained(model_path, dtype=getattr(torch, model_dtype(dtype)))
        model.eval()
        self._model = model
        self._peft: Any = None  # the PeftModel wrapping _model once an adapter was loaded
        self._system_seen: list[str] = []
        if adapter_path:
            self._load_adapter(adapter_path, adapter_path)
        self._repetition_penalty = repetition_penalty
        self._lock = threading.Lock()  # one forward pass at a time: the CPU is the bottleneck anyway
        self._prefix_cache: OrderedDict[str, tuple[list[int], Any]] = OrderedDict()
        stop_ids = {self._tokenizer.eos_token_id}
        for token in ("<|im_end|>", "<|endoftext|>"):
            token_id = self._tokenizer.convert_tokens_to_ids(token)
            if isinstance(token_id, int) and token_id != self._tokenizer.unk_token_id:
                stop_ids.add(token_id)
        self._stop_ids = {i for i in stop_ids if i is not None}
        log.info(
            "language model loaded",
            extra={
                "model": name,
                "adapter": self.adapter,
                "seconds": round(time.perf_counter() - started, 2),
            },
        )

    # ---- adapters (hot swap) ----

    def _load_adapter(self, path: str, version: str) -> None:
        from peft import PeftModel

        name = _adapter_key(version)
        if self._peft is None:
            self._peft = PeftModel.from_pretrained(self._model, path, adapter_name=name)
            self._peft.eval()
        else:
            self._peft.load_adapter(path, adapter_name=name)
        self._peft.set_adapter(name)
        for old in [a for a in self._peft.peft_config if a != name]:
            self._peft.delete_adapter(old)
        self.adapter = version

    def use_adapter(self, path: str | None, version: str | None) -> None:
        """Swap the live adapter (None: the base model). Waits for the turn in flight, which finishes on the
        old weights; the next turn uses the new ones. The prefix caches are rebuilt for the new weights."""
        started = time.perf_counter()
        with self._lock:
            if path is None or version is None:
                if self._peft is not None:
                    self._model = self._peft.unload()  # the base layers back, LoRA modules removed
                    self._peft = None
                self.adapter = None
            else:
                self._load_adapter(path, version)
            self._prefix_cache.clear()
            for system in self._system_seen:
                prefix_text, prefix_ids, _ = self._encode(system, [ChatTurn("customer", "hi")])
                if prefix_ids:
                    self._cache_for(prefix_text, prefix_ids)
        log.info(
            "adapter swapped", extra={"adapter": self.adapter, "ms": round((time.perf_counter() - started) * 1000)}
        )

    @property
    def _net(self) -> Any:
        return self._peft if self._peft is not None else self._model

    # ---- prompt ----

    def _render(self, messages: list[dict[str, str]], generation_prompt: bool) -> str:
        rendered = self._tokenizer.apply_chat_template(
            messages, tokenize=False, add_generation_prompt=generation_prompt
        )
        return str(rendered)

    def count_tokens(self, text: str) -> int:
        return len(self._tokenizer(text, add_special_tokens=False)["input_ids"])

    def _encode(self, system: str, turns: Sequence[ChatTurn]) -> tuple[str, list[int], list[int]]:
        system_message = [{"role": "system", "content": system}]
        chat = system_message + [{"role": _ROLE_TO_CHAT[t.role], "content": t.text} for t in turns]
        prefix_text = self._render(system_message, generation_prompt=False)
        full_text = self._render(chat, generation_prompt=True)
        if not full_text.startswith(prefix_text):  # a template that reorders messages: no prefix reuse
            return "", [], self._tokenizer(full_text, add_special_tokens=False)["input_ids"]
        prefix_ids = self._tokenizer(prefix_text, add_special_tokens=False)["input_ids"]
        suffix_ids = self._tokenizer(full_text[len(prefix_text) :], add_special_tokens=False)["input_ids"]
        return prefix_text, prefix_ids, suffix_ids

    def _cache_for(self, prefix_text: str, prefix_ids: list[int]) -> Any:
        cached = self._prefix_cache.get(prefix_text)
        if cached is None:
            with torch.inference_mode():
                output = self._net(torch.tensor([prefix_ids]), use_cache=True)
            cached = (prefix_ids, output.past_key_values)
            self._prefix_cache[prefix_text] = cached
            while len(self._prefix_cache) > 4:
                self._prefix_cache.popitem(last=False)
        self._prefix_cache.move_to_end(prefix_text)
        return copy.deepcopy(cached[1])

    def warm(self, system: str) -> None:
        """Compute the system prefix's cache ahead of the first customer."""
        prefix_text, prefix_ids, _ = self._encode(system, [ChatTurn("customer", "hi")])
        if system not in self._system_seen:
            self._system_seen.append(system)
        if prefix_ids:
            with self._lock:
                self._cache_for(prefix_text, prefix_ids)

    # ---- generation ----

    def stream(
        self, system: str, messages: Sequence[ChatTurn], max_new_tokens: int, should_stop: StopFlag
    ) -> Iterator[str]:
        prefix_text, prefix_ids, suffix_ids = self._encode(system, messages)
        with self._lock, torch.inference_mode():
            past = self._cache_for(prefix_text, prefix_ids) if prefix_ids else None
            input_ids = torch.tensor([suffix_ids])
            generated: list[int] = []
            emitted = ""
            for _ in range(max_new_tokens):
                if should_stop.is_set():
                    return
                output = self._net(input_ids, past_key_values=past, use_cache=True)
                past = output.past_key_values
                logits = output.logits[0, -1].float()
                if generated and self._repetition_penalty != 1.0:
                    seen = torch.tensor(sorted(set(generated)))
                    values = logits[seen]
                    logits[seen] = torch.where(
                        values > 0, values / self._repetition_penalty, values * self._repetition_penalty
                    )
                next_id = int(torch.argmax(logits))
                if next_id in self._stop_ids:
                    return
                generated.append(next_id)
                input_ids = torch.tensor([[next_id]])
                text = str(self._tokenizer.decode(generated, skip_special_tokens=True))
                if text.endswith("\ufffd"):  # half of a multi-byte character: wait for the rest
                    continue
                if len(text) > len(emitted):
                    yield text[len(emitted) :]
                    emitted = text
