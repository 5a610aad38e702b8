"""Prove the wheel works: build it from the repo, install it into a fresh virtualenv, run it there.

    python tools/smoke_wheel.py [--keep DIR] [--timeout 60]

`pip wheel .` builds the wheel; `python -m venv` makes an empty environment outside the repo and
pip installs the wheel (with its dependencies) into it. Then, from a folder that is not the repo
(so the source tree cannot stand in for the installed package), each in a fresh HOME and profile:
  files      the resources are package data inside the installed package (desktop/_resources)
  resources  the installed code finds them: icons render, the stylesheet loads, the zh_CN catalog
             translates
  version    `coze-desktop --version` prints the version
  ask        `coze-desktop ask` against `coze-desktop serve-demo` answers
  gui        the window opens offscreen (`--smoke`)
  zh_CN      with LANG=zh_CN.UTF-8 the window title is the catalog's Chinese
Exit status: 0 when nothing failed. Standard library only.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from smoke_binary import ROOT, Failed, Smoke, chinese_title, project_version

# What the installed app must find through desktop.resources (relative to the resources folder).
PACKAGED_FILES = [
    "themes/app.qss",
    "translations/coze_desktop_zh_CN.qm",
    "icons/send.svg",
    "icons/app.svg",
    "icons/app/app-256.png",
    "coze-desktop.desktop",
]

# Run by the installed Python: where the resources are, and that Qt can use them.
PROBE = """
import sys
from PySide6.QtWidgets import QApplication
from desktop.resources import resources_dir
from desktop.ui.i18n import install_translators
from desktop.ui.icons import app_icon, icon
from desktop.ui.theme import apply_theme

app = QApplication([])
print("dir", resources_dir())
print("language", install_translators(app, "zh_CN"))
print("title", QApplication.translate("MainWindow", "Coze Desktop"))
print("send_icon", not icon("send").pixmap(24, 24).isNull())
print("app_icon", not app_icon().isNull())
apply_theme(app, "dark")
print("stylesheet", len(app.styleSheet()))
"""


class WheelSmoke(Smoke):
    bytecode = None  # pip installs plain bytecode; optimize=2 is the packaged app's (build.spec, package.sh)

    def __init__(self, venv: Path, version: str, timeout: float) -> None:
        super().__init__(venv, version, timeout)
        self.binary = venv / "bin" / "coze-desktop"
        self.python = venv / "bin" / "python"

    def probe(self) -> dict[str, str]:
        env = self.env("probe", QT_QPA_PLATFORM="offscreen")
        result = subprocess.run(
            [str(self.python), "-c", PROBE],
            env=env,
            cwd=self.tmp,
            capture_output=True,
            text=True,
            timeout=self.timeout,
            check=False,
        )
        if result.returncode != 0:
            raise Failed(f"exit {result.returncode}: {result.stderr.strip()[-500:]}")
        return dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)

    def check_files(self) -> str:
        found = Path(self.probe()["dir"])
        if self.dist not in found.parents or found.name != "_resources":
            raise Failed(f"resources found at {found}, not inside the installed package in {self.dist}")
        missing = [name for name in PACKAGED_FILES if not (found / name).is_file()]
        if missing:
            raise Failed(f"missing from {found}: {', '.join(missing)}")
        return f"{len(PACKAGED_FILES)} files in {found.relative_to(self.dist)}"

    def check_resources(self) -> str:
        seen = self.probe()
        expected = {"language": "zh", "title": chinese_title(), "send_icon": "True", "app_icon": "True"}
        wrong = {key: seen.get(key) for key, value in expected.items() if seen.get(key) != value}
        if wrong or int(seen.get("stylesheet", "0")) < 1000:
            raise Failed(f"expected {expected} and a stylesheet; saw {seen}")
        return f"icons render, stylesheet {seen['stylesheet']} characters, title {seen['title']!r}"

    def all(self) -> bool:
        self.check("files", self.check_files)
        self.check("resources", self.check_resources)
        self.check("version", self.check_version)
        self.check("ask", self.check_ask)
        self.check("gui", self.check_gui)
        self.check("zh_CN", self.check_zh_cn)
        return not any(status == "FAIL" for _name, status, _detail in self.results)


def build_and_install(where: Path) -> Path:
    """The wheel built from the repo, installed into a new virtualenv under `where`; the venv."""
    wheels, venv = where / "wheel", where / "venv"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)], check=True)
    (wheel,) = wheels.glob("coze_desktop-*.whl")
    print(f"built {wheel.name} ({wheel.stat().st_size / 1e3:.0f} kB)", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin/python"), "-m", "pip", "install", "-q", str(wheel)], check=True, cwd=where)
    return venv


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the wheel, install it in a fresh venv, smoke-test it.")
    parser.add_argument("--keep", type=Path, help="build and install here (kept) instead of a temporary folder")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds each run may take")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="coze-wheel-") as tmp:
        where = args.keep or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        venv = build_and_install(where.resolve())
        os.chdir(where)  # not the repo: only the installed package can be imported
        smoke = WheelSmoke(venv, project_version(), args.timeout)
        print(f"smoke-testing {smoke.binary}", flush=True)
        ok = smoke.all()
    print("wheel smoke: all checks passed" if ok else "wheel smoke: FAILED", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
