"""The adapters shipped in the package: registered with their eval verdicts, the newest promotable one live on a
fresh database, and a shipped adapter that a re-measurement found no longer promotable replaced by a newer one —
while the operator's own choice stands."""

from __future__ import annotations

import json
from pathlib import Path

from hotline.model_loading import register_shipped_adapters
from hotline.storage.adapters import AdapterRegistry
from hotline.storage.database import open_database
from tests.conftest import make_settings


def _ship(folder: Path, version: str, promotable: bool, base: str) -> None:
    (folder / version).mkdir(parents=True, exist_ok=True)
    info = {"base_model": base, "data_hash": version, "eval": {"promotable": promotable, "rougeL_ratio": 1.0}}
    (folder / version / "hotline_adapter.json").write_text(json.dumps(info))


def test_a_shipped_adapter_found_worse_gives_way_to_a_newer_one(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data")
    _db, sessions = open_database(settings)
    registry = AdapterRegistry(sessions)
    shipped = tmp_path / "adapters"
    _ship(shipped, "company-v1", True, settings.llm.model)
    register_shipped_adapters(registry, settings, shipped)
    assert (live := registry.live()) is not None and live.version == "company-v1"

    _ship(shipped, "company-v1", False, settings.llm.model)  # re-measured: worse than the base model now
    _ship(shipped, "company-v2", True, settings.llm.model)
    register_shipped_adapters(registry, settings, shipped)
    assert (live := registry.live()) is not None and live.version == "company-v2"
    assert (v1 := registry.get("company-v1")) is not None and not v1.promotable


def test_the_operators_own_adapter_is_not_replaced(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data")
    _db, sessions = open_database(settings)
    registry = AdapterRegistry(sessions)
    registry.register("ours", str(tmp_path / "ours"), settings.llm.model, promotable=True)
    registry.promote("ours")
    shipped = tmp_path / "adapters"
    _ship(shipped, "company-v2", True, settings.llm.model)
    _ship(shipped, "other-base", True, "some/other-model")
    register_shipped_adapters(registry, settings, shipped)
    assert (live := registry.live()) is not None and live.version == "ours"
    assert registry.get("other-base") is None


def test_the_package_ships_the_demo_companys_adapter_where_the_gateway_looks() -> None:
    """The folder moved once with services.py (into gateway/) and pointed at nothing: no adapter was ever live."""
    from hotline.model_loading import SHIPPED_ADAPTERS

    shipped = {p.parent.name: json.loads(p.read_text()) for p in SHIPPED_ADAPTERS.glob("*/hotline_adapter.json")}
    assert shipped.get("company-v2", {}).get("eval", {}).get("promotable") is True, sorted(shipped)
    assert (SHIPPED_ADAPTERS / "company-v2" / "adapter_model.safetensors").exists()
