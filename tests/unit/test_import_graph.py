"""The import graph of the package (every import, lazy ones included): no circle between packages, and every
import goes down the layers (ports and language packs at the bottom, the apps at the top)."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import hotline

ROOT = Path(hotline.__file__).resolve().parent

# Lower numbers are lower layers; a package may import its own layer (without a circle) or any lower one.
LAYERS = {
    "ports": 0,
    "languages": 0,
    "hardware": 0,
    "model_paths": 0,
    "e5_torch": 1,
    "e5_forward": 1,
    "logging_setup": 0,
    "settings": 1,
    "storage": 2,
    "store": 3,
    "kb": 3,
    "redline": 3,
    "dialogue": 4,
    "speech": 4,
    "vision": 5,
    "retention": 6,
    "training": 6,
    "tasks": 6,
    "chat_client": 6,
    "model_loading": 6,
    "conversation": 7,
    "gateway": 8,
    "evaluation": 9,
    "inference": 9,
    "bench": 9,
    "cli_learning": 10,
    "cli_vision": 10,
    "cli_escalation": 10,
    "cli_speech": 10,
    "cli_store": 10,
    "cli": 10,
    "cli_progress": 9,
}


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = defaultdict(set)
    for path in ROOT.rglob("*.py"):
        module = ".".join(("hotline", *path.relative_to(ROOT).with_suffix("").parts))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("hotline."):
                targets = [node.module]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names if a.name.startswith("hotline.")]
            else:
                continue
            for target in targets:
                if _top(module) != _top(target):
                    edges[_top(module)].add(_top(target))
    return edges


def test_every_package_has_a_layer() -> None:
    packages = {p.stem for p in ROOT.iterdir() if (p.is_dir() and (p / "__init__.py").exists()) or p.suffix == ".py"}
    assert packages - {"__init__"} <= set(LAYERS), sorted(packages - set(LAYERS) - {"__init__"})


def test_imports_go_down_the_layers() -> None:
    upward = [(a, b) for a, targets in _edges().items() for b in targets if LAYERS[b] > LAYERS[a]]
    assert not upward, upward


def test_no_circle_between_packages() -> None:
    edges = _edges()

    def reachable(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for nxt in edges.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    circles = sorted(package for package in edges if package in reachable(package))
    assert not circles, circles


def _module_edges() -> dict[str, set[str]]:
    """Module → the package's modules it imports when it is loaded (module-level imports; those under ``if
    TYPE_CHECKING:`` and inside functions run later or never, so they cannot make a circle at import time)."""
    modules = {}
    for path in ROOT.rglob("*.py"):
        parts = ("hotline", *path.relative_to(ROOT).with_suffix("").parts)
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    edges: dict[str, set[str]] = {}
    for module, path in modules.items():
        targets = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("hotline"):
                for alias in node.names:
                    name = f"{node.module}.{alias.name}"
                    targets.add(name if name in modules else node.module)
            elif isinstance(node, ast.Import):
                targets |= {a.name for a in node.names if a.name.startswith("hotline.")}
        edges[module] = {t for t in targets if t in modules and t != module}
    return edges


def test_no_circle_between_modules() -> None:
    edges = _module_edges()

    def reaches(start: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            for nxt in edges.get(todo.pop(), ()):
                if nxt == start:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return False

    assert not sorted(m for m in edges if reaches(m))
