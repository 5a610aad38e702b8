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


@pytest.mark.parametrize("path", sources("commands"), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_cli_verbs_never_import_qt(path: Path) -> None:
    bad = {m for m in imported_modules(path) if m.split(".")[0] in ("PySide6", "shiboken6")}
    bad |= {m for m in imported_modules(path) if m.startswith(("desktop.services", "desktop.ui", "desktop.app"))}
    assert not bad, f"{path} imports {sorted(bad)}"


INDEPENDENT = ("coze", "store", "cozeserver")


@pytest.mark.parametrize("package", INDEPENDENT)
def test_client_store_and_server_are_independent(package: str) -> None:
    others = tuple(f"desktop.core.{other}" for other in INDEPENDENT if other != package)
    for path in sources(f"core/{package}"):
        bad = {m for m in imported_modules(path) if any(m == o or m.startswith(o + ".") for o in others)}
        assert not bad, f"{path} imports {sorted(bad)}"


def test_roles_and_statuses_are_spelled_once() -> None:
    """Roles, statuses and outcomes live in desktop/core/vocabulary.py, the CLI's exit codes in
    desktop/commands/exit_codes.py; nobody keeps a copy of them."""
    copies = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "vocabulary.py" or "cozeserver" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        spellings = ('ROLE_USER = "', 'STATUS_COMPLETE = "', '== "assistant"', '== "user"', "_OUTCOME_STATUS")
        spellings += ("EXIT_OK", "EXIT_USAGE", "return 130")  # exit codes: desktop/commands/exit_codes.py
        for spelling in spellings:
            if spelling in text:
                copies.append(f"{path.relative_to(PACKAGE)}: {spelling}")
    assert not copies


def test_one_place_turns_chat_events_into_store_writes() -> None:
    """Only desktop/core/chat/turn.py writes answers (through the AnswerBuffer): `ask` and the window
    share it, so there is no second copy of the event-to-store logic to drift."""
    writers = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "core/store" not in path.as_posix()
        and any(m.endswith("AnswerBuffer") or m.endswith("answer_buffer") for m in imported_modules(path))
    )
    assert writers == ["core/chat/turn.py"]


def _store_internals_used(path: Path) -> set[str]:
    """`.connection`, `._db`, `._conn` or a private method reached through something named *store*."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    used: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        owner = ast.unparse(node.value)
        if "store" in owner.lower().split(".")[-1] and (node.attr == "connection" or node.attr.startswith("_")):
            used.add(f"{owner}.{node.attr}")
        if node.attr in ("_db", "_conn") and "store" in owner.lower():
            used.add(f"{owner}.{node.attr}")
    return used


@pytest.mark.parametrize(
    "path",
    [
        p
        for p in sorted(PACKAGE.rglob("*.py"))
        if "core/store/" not in p.as_posix() or "core/store/transfer/" in p.as_posix()
    ],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_nothing_outside_the_store_reaches_into_it(path: Path) -> None:
    """Callers (export and import too) use the parts' public methods, never the connection."""
    assert not _store_internals_used(path), f"{path} uses {sorted(_store_internals_used(path))}"
    assert "desktop.core.store.base" not in imported_modules(path), f"{path} imports the store's Database"
