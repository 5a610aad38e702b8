"""Install the .deb on this machine the way a user would, use it, remove it, and check nothing is left.

    sudo python3 tools/check_deb.py dist/coze-desktop_<version>_<arch>.deb [--version X.Y.Z]

Needs root (apt). Refuses to run if coze-desktop is already installed (it would remove it). Steps:
  install    apt-get install ./the.deb (dependencies from the archive if any are missing)
  files      dpkg --verify finds every file as packaged; the program is /usr/bin/coze-desktop on PATH
  version    coze-desktop --version prints pyproject.toml's version, as does dpkg's record of the package
  menu       the installed .desktop file validates, names the app in English and Chinese, its Exec is
             the installed program, its Icon exists in hicolor at every size; the AppStream file validates
  smoke      the menu entry's command, offscreen with --smoke and LANG=zh_CN, shows the window (fresh HOME)
             and Qt's own dialogs are Chinese (the installed qtbase_zh_CN.qm and ours are found)
  wm-class   under Xvfb, the window's WM_CLASS contains the .desktop file's StartupWMClass (skipped
             without xvfb-run/xdotool/xprop)
  remove     apt-get remove; then no file the package had installed is left, /opt/coze-desktop is gone
Prints one line per step with its time; exits 1 if any step failed. Standard library only.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import traceback
from collections.abc import Callable
from pathlib import Path

from deb import debian_version, desktop_entry  # tools/deb.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "coze-desktop"
DESKTOP = Path("/usr/share/applications/coze-desktop.desktop")
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SHOWN = "smoke: window shown"
QT_WORDS_ZH = "smoke: Qt's dialogs say: 取消 / 查找范围(&L)："  # desktop/ui/qt_app.py qt_words()
APT_ENV = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}


class Failed(Exception):
    pass


class Skipped(Exception):
    pass


def run(*command: str, timeout: float = 120, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False, env=env)


def installed_version() -> str | None:
    result = run("dpkg-query", "-W", "-f=${Status}\t${Version}", PACKAGE)
    if result.returncode != 0 or "install ok installed" not in result.stdout:
        return None
    return result.stdout.split("\t")[1]


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """A user's environment with a fresh HOME: no settings or profile of this machine leak in."""
    runtime = home / "runtime"
    runtime.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    env = {key: os.environ[key] for key in ("PATH", "TMPDIR") if key in os.environ}
    env.update(HOME=str(home), XDG_RUNTIME_DIR=str(runtime), LANG="C.UTF-8")
    env.update(extra)
    return env


class Cycle:
    def __init__(self, deb: Path, version: str) -> None:
        self.deb = deb
        self.version = version
        self.tmp = Path(tempfile.mkdtemp(prefix="coze-deb-"))
        self.files: list[str] = []
        self.existed: set[str] = set()  # paths of the package that were there before (/opt, /usr/bin...)
        self.failed = False

    def step(self, name: str, fn: Callable[[], str]) -> None:
        started = time.perf_counter()
        try:
            detail, status = fn(), "ok"
        except Skipped as exc:
            detail, status = str(exc), "skip"
        except (Failed, OSError, subprocess.SubprocessError) as exc:
            detail, status = str(exc), "FAIL"
            self.failed = True
        except Exception:  # a bug in a check fails that check; the package is still removed after it
            detail, status = traceback.format_exc().strip(), "FAIL"
            self.failed = True
        print(f"{status:4}  {name:8} {detail} ({time.perf_counter() - started:.1f} s)", flush=True)

    def install(self) -> str:
        listing = run("dpkg-deb", "-c", str(self.deb)).stdout.splitlines()
        paths = [os.path.normpath("/" + line.split(None, 5)[5].split(" -> ")[0]) for line in listing]
        self.existed = {path for path in paths if os.path.lexists(path)}
        result = run(
            "apt-get",
            "install",
            "-y",
            "-o",
            "DPkg::Lock::Timeout=300",
            "--no-install-recommends",
            str(self.deb),
            timeout=600,
            env=APT_ENV,
        )
        if result.returncode != 0:
            raise Failed(f"apt-get install: {result.stderr.strip()[-500:]}")
        if installed_version() is None:
            raise Failed("apt-get succeeded but dpkg does not list the package as installed")
        self.files = run("dpkg", "-L", PACKAGE).stdout.split()
        return f"{len(self.files)} paths installed"

    def check_files(self) -> str:
        result = run("dpkg", "--verify", PACKAGE)
        if result.returncode != 0 or result.stdout.strip():
            raise Failed(f"dpkg --verify: {result.stdout.strip()[:500]}")
        found = shutil.which(PACKAGE)
        if found != f"/usr/bin/{PACKAGE}":
            raise Failed(f"{PACKAGE} on PATH is {found}")
        return f"dpkg --verify clean, {found}"

    def check_version(self) -> str:
        printed = run(PACKAGE, "--version").stdout.strip()
        packaged = installed_version()
        if printed != f"{PACKAGE} {self.version}":
            raise Failed(f"--version printed {printed!r}, expected {PACKAGE} {self.version}")
        if packaged != debian_version(self.version):
            raise Failed(f"dpkg says version {packaged}, expected {debian_version(self.version)}")
        return f"{printed}; package {packaged}"

    def check_menu(self) -> str:
        if not DESKTOP.is_file():
            raise Failed(f"{DESKTOP} is missing")
        validation = run("desktop-file-validate", str(DESKTOP))
        if validation.returncode != 0 or validation.stdout.strip():
            raise Failed(f"desktop-file-validate: {validation.stdout.strip()}")
        entry = desktop_entry(DESKTOP)
        if entry.get("Name") != "Coze Desktop" or entry.get("Name[zh_CN]") != "扣子桌面":
            raise Failed(f"names {entry.get('Name')!r} / {entry.get('Name[zh_CN]')!r}")
        program = shutil.which(entry["Exec"].split()[0])
        if program != f"/usr/bin/{PACKAGE}":
            raise Failed(f"Exec={entry['Exec']} runs {program}")
        icons = [Path(f"/usr/share/icons/hicolor/{s}x{s}/apps/{entry['Icon']}.png") for s in ICON_SIZES]
        icons.append(Path(f"/usr/share/icons/hicolor/scalable/apps/{entry['Icon']}.svg"))
        missing = [str(p) for p in icons if not p.is_file()]
        if missing:
            raise Failed(f"icons missing: {', '.join(missing)}")
        metainfo = list(Path("/usr/share/metainfo").glob("*.metainfo.xml"))
        ours = [p for p in metainfo if p.name in self.files or str(p) in self.files]
        if len(ours) != 1:
            raise Failed(f"expected one AppStream file from the package, found {ours}")
        appstream = run("appstreamcli", "validate", "--no-net", str(ours[0]))
        if appstream.returncode != 0:
            raise Failed(f"appstreamcli validate: {appstream.stdout.strip()}")
        if f'version="{self.version}"' not in ours[0].read_text(encoding="utf-8"):
            raise Failed(f"{ours[0]} has no release {self.version}")
        return f"{DESKTOP.name}: Exec={entry['Exec']}, Icon={entry['Icon']} at {len(icons)} sizes; {ours[0].name} valid"

    def menu_command(self) -> list[str]:
        exec_line = desktop_entry(DESKTOP)["Exec"]
        return [part for part in exec_line.split() if not part.startswith("%")]

    def smoke(self) -> str:
        home = self.tmp / "smoke"
        env = clean_env(home, QT_QPA_PLATFORM="offscreen", LANG="zh_CN.UTF-8", LANGUAGE="zh_CN")
        result = subprocess.run(
            [*self.menu_command(), "--smoke"],
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            check=False,
        )
        lines = result.stdout.splitlines()
        shown = [line for line in lines if line.startswith(SHOWN)]
        if result.returncode != 0 or not shown:
            raise Failed(f"exit {result.returncode}: {result.stdout.strip()[-300:]} {result.stderr.strip()[-300:]}")
        if QT_WORDS_ZH not in lines:
            raise Failed(f"Qt's dialogs are not Chinese: {result.stdout.strip()[-300:]}")
        return f"{shown[0]}; {QT_WORDS_ZH.removeprefix('smoke: ')}"

    def wm_class(self) -> str:
        tools = ("xvfb-run", "xdotool", "xprop", "timeout")
        if not all(shutil.which(tool) for tool in tools):
            raise Skipped(f"needs {', '.join(tools)}")
        wanted = desktop_entry(DESKTOP)["StartupWMClass"]
        home = self.tmp / "wm-class"
        env = clean_env(home)
        script = (
            '"$@" & app=$!; '
            'window=$(timeout 30 xdotool search --sync --onlyvisible --pid "$app" | head -n 1); '
            '[ -n "$window" ] && xprop -id "$window" WM_CLASS; status=$?; '
            'kill -TERM "$app"; wait "$app"; exit $status'
        )
        result = subprocess.run(
            ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "sh", "-c", script, "sh", *self.menu_command()],
            env=env,
            capture_output=True,
            text=True,
            timeout=90,
            check=False,
        )
        match = re.search(r"WM_CLASS\(STRING\) = (.*)", result.stdout)
        if match is None:
            raise Failed(f"no window found: {result.stdout.strip()[-200:]} {result.stderr.strip()[-300:]}")
        classes = re.findall(r'"([^"]*)"', match[1])
        if wanted not in classes:
            raise Failed(f"WM_CLASS is {classes}, the menu entry's StartupWMClass is {wanted!r}")
        return f"WM_CLASS {classes} contains StartupWMClass={wanted}"

    def remove(self) -> str:
        result = run("apt-get", "remove", "-y", "-o", "DPkg::Lock::Timeout=300", PACKAGE, timeout=300, env=APT_ENV)
        if result.returncode != 0:
            raise Failed(f"apt-get remove: {result.stderr.strip()[-500:]}")
        status = run("dpkg-query", "-W", "-f=${Status}", PACKAGE).stdout
        if "not-installed" not in status and status.strip():
            raise Failed(f"after removal dpkg says {status!r}")
        paths = {os.path.normpath(path) for path in self.files}
        left = sorted(path for path in paths - self.existed if os.path.lexists(path))
        if left:
            raise Failed(f"left behind: {', '.join(left[:10])}")
        lost = sorted(path for path in self.existed if not os.path.lexists(path))
        if lost:
            raise Failed(f"removed what was there before the package: {', '.join(lost[:10])}")
        return f"{len(paths - self.existed)} paths gone; {len(self.existed)} that were there before stay"

    def all(self) -> bool:
        if installed_version() is not None:
            print(f"{PACKAGE} is already installed here; remove it first (this check would remove it).")
            return False
        self.step("install", self.install)
        if not self.failed:
            self.step("files", self.check_files)
            self.step("version", self.check_version)
            self.step("menu", self.check_menu)
            self.step("smoke", self.smoke)
            self.step("wm-class", self.wm_class)
        if installed_version() is not None:
            self.step("remove", self.remove)
        shutil.rmtree(self.tmp, ignore_errors=True)
        return not self.failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Install, use and remove the Coze Desktop .deb.")
    parser.add_argument("deb", type=Path)
    parser.add_argument("--version", default=None, help="expected version (default: pyproject.toml's)")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("check_deb.py: needs root (it installs and removes a package)", file=sys.stderr)
        return 2
    version = args.version or tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    cycle = Cycle(args.deb.resolve(), version)
    print(f"installing, using and removing {cycle.deb.name}", flush=True)
    ok = cycle.all()
    print("deb: all checks passed" if ok else "deb: FAILED", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
