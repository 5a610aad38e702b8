"""Refresh the Chinese translation: extract every tr() string, fill in Chinese, compile the catalog.

Usage:
    python tools/update_translations.py            # write coze_desktop_zh_CN.ts and .qm
    python tools/update_translations.py --check    # write nothing; exit 1 if a string lacks Chinese
    python tools/update_translations.py --check desktop/ui/settings_dialog.py   # only these sources

Steps: `pyside6-lupdate` scans every .py under desktop/ui and desktop/services (and desktop/app.py, desktop/launch.py)
into `resources/translations/coze_desktop_zh_CN.ts`; the Chinese for each source string comes from
`resources/translations/zh_CN.json` (source string → translation, the same in every context, so the
JSON is the one place to edit); `pyside6-lrelease` compiles the `.qm` the app loads. Strings without a
translation are listed (and stay English in the app). Translations must keep the source's
placeholders ({0}, {name}, %1 …) and, if the source has an `&` shortcut, carry one too.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
TS_FILE = TRANSLATIONS / "coze_desktop_zh_CN.ts"
QM_FILE = TRANSLATIONS / "coze_desktop_zh_CN.qm"
DICTIONARY = TRANSLATIONS / "zh_CN.json"
SOURCE_DIRS = ("desktop/ui", "desktop/services")
SOURCE_FILES = ("desktop/app.py", "desktop/launch.py")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%L?\d+|%n")


def default_sources() -> list[Path]:
    found: set[Path] = set()
    for folder in SOURCE_DIRS:
        found.update(p for p in (ROOT / folder).rglob("*.py") if "__pycache__" not in p.parts)
    found.update(p for name in SOURCE_FILES if (p := ROOT / name).is_file())
    return sorted(found)


def qt_tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease: next to this Python (a venv), else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 in this Python's environment")
    return found


def run_lupdate(sources: list[Path], ts: Path) -> None:
    command = [
        qt_tool("pyside6-lupdate"),
        "-silent",
        "-no-obsolete",
        "-locations",
        "none",
        "-source-language",
        "en",
        "-target-language",
        "zh_CN",
        *(str(p) for p in sources),
        "-ts",
        str(ts),
    ]
    subprocess.run(command, check=True)


def load_dictionary() -> dict[str, str]:
    if not DICTIONARY.is_file():
        return {}
    data = json.loads(DICTIONARY.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise SystemExit(f"{DICTIONARY} must be a JSON object of strings")
    return data


def problems_with(source: str, translation: str) -> list[str]:
    """Why a translation cannot be used: placeholders or the shortcut marker went missing."""
    problems = []
    if sorted(_PLACEHOLDER.findall(source)) != sorted(_PLACEHOLDER.findall(translation)):
        problems.append("the placeholders differ")
    if re.search(r"&[^&\s]", source.replace("&&", "")) and not re.search(r"&[^&\s]", translation.replace("&&", "")):
        problems.append("the & shortcut is missing")
    return problems


def fill(ts: Path, dictionary: dict[str, str]) -> tuple[list[str], list[str], set[str]]:
    """Put the dictionary's Chinese into `ts`; returns (missing, invalid, used sources)."""
    tree = ET.parse(ts)
    missing: list[str] = []
    invalid: list[str] = []
    used: set[str] = set()
    for context in tree.getroot().iter("context"):
        if not (context.findtext("name") or "").strip():
            for message in context.iter("message"):
                # A bare tr() outside a class: lupdate cannot know the context the code asks for at run time.
                invalid.append(
                    f"{message.findtext('source')!r}: tr() outside a class has no context and is never "
                    'translated; call QCoreApplication.translate("Context", "…") with the literal text'
                )
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        for child in list(translation):
            translation.remove(child)
        chinese = dictionary.get(source)
        problems = problems_with(source, chinese) if chinese else []
        if chinese and not problems:
            used.add(source)
            translation.attrib.pop("type", None)
            if message.get("numerus") == "yes":  # Chinese has one plural form
                translation.text = None
                ET.SubElement(translation, "numerusform").text = chinese
            else:
                translation.text = chinese
        else:
            translation.set("type", "unfinished")
            translation.text = None
            if problems:
                invalid.append(f"{source!r}: {', '.join(problems)}")
            elif source not in missing:
                missing.append(source)
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n', encoding="utf-8")
    return missing, invalid, used


def run_lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([qt_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def report(missing: list[str], invalid: list[str]) -> None:
    for source in missing:
        print(f"missing: {source!r}")
    for line in invalid:
        print(f"invalid: {line}")
    if missing:
        print(f"{len(missing)} missing: add them to {DICTIONARY.relative_to(ROOT)}")
    if invalid:
        print(f"{len(invalid)} invalid: fix the translation or the call, as said above")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if any translation is missing")
    parser.add_argument("sources", nargs="*", type=Path, help="only these .py files (default: the whole UI)")
    args = parser.parse_args(argv)
    sources = [p.resolve() for p in args.sources] or default_sources()
    dictionary = load_dictionary()
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            ts = Path(tmp) / TS_FILE.name
            run_lupdate(sources, ts)
            missing, invalid, _ = fill(ts, dictionary)
        report(missing, invalid)
        return 1 if missing or invalid else 0
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    run_lupdate(sources, TS_FILE)
    missing, invalid, used = fill(TS_FILE, dictionary)
    run_lrelease(TS_FILE, QM_FILE)
    report(missing, invalid)
    unused = sorted(set(dictionary) - used)
    if unused and not args.sources:
        print(f"{len(unused)} entries of {DICTIONARY.name} are not used by any source (kept: they cost nothing)")
    print(f"wrote {TS_FILE.relative_to(ROOT)} and {QM_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
