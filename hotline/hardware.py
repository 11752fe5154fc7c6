"""What this machine computes fast: the number format for the language model's weights.

bfloat16 halves the memory and is fast on GPUs and on CPUs with bf16 instructions (AVX512-BF16, AMX); without
them PyTorch emulates it. Measured on a 2-core AMD EPYC without them: a LoRA step took ~300 s in bfloat16 and
~13 s in float32. ``auto`` picks bfloat16 only where it is native.
"""

from __future__ import annotations

import functools
from pathlib import Path

_BF16_FLAGS = ("avx512_bf16", "amx_bf16")


@functools.cache
def cpu_has_bf16(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    try:
        flags = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return any(flag in flags.split() for flag in _BF16_FLAGS)


def model_dtype(setting: str) -> str:
    """ "float32" or "bfloat16" for ``setting`` ("auto" decides by the hardware)."""
    if setting != "auto":
        return setting
    try:
        import torch

        if torch.cuda.is_available():
            return "bfloat16"
    except ImportError:
        pass
    return "bfloat16" if cpu_has_bf16() else "float32"
