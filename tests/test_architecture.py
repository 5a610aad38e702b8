"""The layers, checked from the source (import-linter in ./test.sh checks the same from the import graph)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "desktop"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def sources(folder: str) -> list[Path]:
    files = sorted((PACKAGE / folder).rglob("*.py"))
    assert files, folder
    return files


@pytest.mark.parametrize("path", sources("core"), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_never_imports_qt(path: Path) -> None:
    bad = {m for m in imported_modules(path) if m.split(".")[0] in ("PySide6", "shiboken6")}
    bad |= {m for m in imported_modules(path) if m.startswith(("desktop.services", "desktop.ui", "desktop.app"))}
    assert not bad, f"{path} imports {sorted(bad)}"


@pytest.mark.parametrize("path", sources("services"), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_services_have_no_widgets(path: Path) -> None:
    bad = {m for m in imported_modules(path) if m.startswith(("PySide6.QtWidgets", "desktop.ui", "desktop.app"))}
    assert not bad, f"{path} imports {sorted(bad)}"


@pytest.mark.parametrize("path", sources("ui"), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_widgets_never_call_requests_or_sql(path: Path) -> None:
    bad = {m for m in imported_modules(path) if m.split(".")[0] in ("requests", "sqlite3", "urllib3", "http")}
    bad |= {m for m in imported_modules(path) if m.startswith(("desktop.core.store.store", "desktop.core.coze.client"))}
    assert not bad, f"{path} imports {sorted(bad)}"
