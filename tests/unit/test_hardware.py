"""The language model's number format: bfloat16 only where the hardware has it."""

from __future__ import annotations

from pathlib import Path

from hotline.hardware import cpu_has_bf16, model_dtype


def test_explicit_settings_are_kept() -> None:
    assert model_dtype("float32") == "float32" and model_dtype("bfloat16") == "bfloat16"


def test_auto_follows_the_cpu_flags(tmp_path: Path) -> None:
    with_bf16 = tmp_path / "with"
    with_bf16.write_text("flags\t\t: fpu sse avx2 avx512f avx512_bf16\n", encoding="utf-8")
    without = tmp_path / "without"
    without.write_text("flags\t\t: fpu sse avx2\n", encoding="utf-8")
    assert cpu_has_bf16(with_bf16) and not cpu_has_bf16(without)
    assert not cpu_has_bf16(tmp_path / "missing")
    assert model_dtype("auto") in ("float32", "bfloat16")
