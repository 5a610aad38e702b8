"""Prove the packaged app works: run the real binary in dist/ the way a user would, with no Python.

    python tools/smoke_binary.py [--dist dist/coze-desktop] [--version X.Y.Z] [--timeout 60]

Checks, each in a fresh temporary HOME and profile (nothing of the build machine's settings leaks in):
  files      the bundled resources exist (icons, theme, .qm catalogs, .desktop file)
  libraries  every bundled ELF file's libraries resolve (`ldd`, with the bundle first on the path)
  version    `coze-desktop --version` prints the version
  ask        `coze-desktop serve-demo --port 0`, then `coze-desktop ask` against it answers (exit 0)
  pdf        `coze-desktop export --format pdf` of that answer writes a PDF with its font embedded (QPdfWriter)
  pdf-window the window's PDF export: the binary run as its own child (`export --child`, the command the
             window builds from sys.executable, desktop/core/pdf_child.py) reports progress and writes it
  gui        the window opens offscreen (`--smoke` prints "smoke: window shown") and the app exits 0; its
             bytecode has no docstrings, asserts or column tables (build.spec's optimize=2, package.sh)
  zh_CN      with LANG=zh_CN.UTF-8 the window title is the Chinese one from the bundled catalog, and Qt's
             own dialogs are Chinese (a button from qtbase_zh_CN.qm, a file dialog label from ours)
  xvfb       the window opens on a real X server (xcb platform plugin) under `xvfb-run -a`
  keyring    `ask` reads its token from a real Secret Service (gnome-keyring under dbus-run-session)

A check whose tool is missing (xvfb-run, ldd, gnome-keyring) is reported as skipped, not failed.
Exit status: 0 when nothing failed. Uses the standard library only (the keyring check also needs the
`keyring` package in the Python that runs this script, to store the token the binary then reads).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO_TOKEN = "pat_demo_local_only"
DEMO_BOT_ID = "0000000000000000001"  # desktop/core/demo_ids.py
SHOWN = "smoke: window shown"
DECODES = "smoke: decodes "
# build.spec's optimize=2 and python options, package.sh's -X no_debug_ranges (desktop/ui/qt_app.py bytecode_line)
BYTECODE = "smoke: bytecode optimize 2, docstrings dropped, columns dropped"
QT_WORDS = "smoke: Qt's dialogs say: "
QT_WORDS_ZH = "取消 / 查找范围(&L)："  # desktop/ui/qt_app.py qt_words() under zh_CN
IMAGE_FORMATS = ("png", "jpeg", "gif", "webp")
# Qt's complaints that mean the bundle is missing a piece (a plugin, a library, a catalog).
QT_TROUBLE = re.compile(
    r"could not (load|find) the qt platform plugin|cannot load library|failed to load|not found|"
    r"cannot load the .* translations|qt\.qpa\.plugin",
    re.IGNORECASE,
)

BUNDLED_FILES = [
    "resources/icons/app/app-256.png",
    "resources/icons/app/app-16.png",
    "resources/icons/app.svg",
    "resources/icons/send.svg",
    "resources/icons/app.ico",
    "resources/themes/app.qss",
    "resources/translations/coze_desktop_zh_CN.qm",
    "resources/translations/qtbase_zh_CN.qm",
    "resources/translations/zh_CN.json",
    "resources/coze-desktop.desktop",
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
]


class Failed(Exception):
    """A check failed; the message says what was seen."""


class Skipped(Exception):
    """A check cannot run here (a tool is missing)."""


class Smoke:
    bytecode: str | None = BYTECODE  # what --smoke must say of the bytecode (None: whatever pip compiled)

    def __init__(self, dist: Path, version: str, timeout: float) -> None:
        self.dist = dist
        self.binary = dist / "coze-desktop"
        self.internal = dist / "_internal"
        self.version = version
        self.timeout = timeout
        self.tmp = Path(tempfile.mkdtemp(prefix="coze-smoke-"))
        self.results: list[tuple[str, str, str]] = []
        self.timings: dict[str, float] = {}

    # -- running the binary ---------------------------------------------------------------------

    def env(self, name: str, **extra: str) -> dict[str, str]:
        """A clean environment: temporary HOME and XDG folders, no Python or Qt settings from outside."""
        home = self.tmp / name / "home"
        runtime = self.tmp / name / "runtime"
        for folder in (home, runtime):
            folder.mkdir(parents=True, exist_ok=True)
        runtime.chmod(0o700)
        keep = ("PATH", "DISPLAY", "XAUTHORITY", "TMPDIR")
        env = {key: os.environ[key] for key in keep if key in os.environ}
        env.update(
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_DATA_HOME=str(home / ".local/share"),
            XDG_CACHE_HOME=str(home / ".cache"),
            XDG_RUNTIME_DIR=str(runtime),
            LANG="C.UTF-8",
            USER="smoke",
        )
        env.update(extra)
        return env

    def run(self, name: str, args: list[str], env: dict[str, str], prefix: list[str] | None = None):
        started = time.perf_counter()
        try:
            result = subprocess.run(
                [*(prefix or []), str(self.binary), *args],
                env=env,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=self.timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise Failed(f"no exit within {self.timeout:.0f} s; output: {exc.stdout!r} {exc.stderr!r}") from None
        self.timings[name] = time.perf_counter() - started
        return result

    def profile(self, name: str) -> list[str]:
        return ["--profile", str(self.tmp / name / "profile")]

    # -- the checks ------------------------------------------------------------------------------

    def check_files(self) -> str:
        if not os.access(self.binary, os.X_OK):
            raise Failed(f"{self.binary} is missing or not executable")
        missing = [name for name in BUNDLED_FILES if not (self.internal / name).is_file()]
        if missing:
            raise Failed(f"missing from {self.internal}: {', '.join(missing)}")
        return f"{len(BUNDLED_FILES)} files present"

    def check_libraries(self) -> str:
        if shutil.which("ldd") is None:
            raise Skipped("no ldd")
        elf = [p for p in self.dist.rglob("*") if p.is_file() and not p.is_symlink() and _is_elf(p)]
        path = os.pathsep.join([str(self.internal), str(self.internal / "PySide6/Qt/lib")])
        unresolved = []
        for file in elf:
            out = subprocess.run(
                ["ldd", str(file)],
                env={**os.environ, "LD_LIBRARY_PATH": path},
                capture_output=True,
                text=True,
                check=False,
            ).stdout
            unresolved += [
                f"{file.relative_to(self.dist)}: {line.strip()}" for line in out.splitlines() if "not found" in line
            ]
        if unresolved:
            raise Failed("; ".join(unresolved))
        return f"{len(elf)} ELF files, all libraries resolve"

    def check_version(self) -> str:
        result = self.run("version", ["--version"], self.env("version"))
        out = result.stdout.strip()
        if result.returncode != 0 or out != f"coze-desktop {self.version}":
            raise Failed(f"exit {result.returncode}, printed {out!r}{_tail(result.stderr)}")
        return out

    def check_ask(self) -> str:
        env = self.env("ask", COZE_API_TOKEN=DEMO_TOKEN)
        with DemoServer(self.binary, env, self.timeout) as url:
            result = self.run(
                "ask", [*self.profile("ask"), "ask", "--api-base", url, "--bot-id", DEMO_BOT_ID, "你好"], env
            )
        answer = result.stdout.strip()
        if result.returncode != 0 or not answer:
            raise Failed(f"exit {result.returncode}, answer {answer[:200]!r}{_tail(result.stderr)}")
        return f"{len(answer)} characters from {url}: {answer.splitlines()[0][:60]!r}"

    def check_pdf(self) -> str:
        """The chat `ask` left in its profile, exported to PDF by the binary, no screen needed."""
        target = self.tmp / "ask" / "chat.pdf"
        env = self.env("pdf")
        result = self.run("pdf", [*self.profile("ask"), "export", "--format", "pdf", "-o", str(target)], env)
        data = target.read_bytes() if target.is_file() else b""
        if result.returncode != 0 or not data.startswith(b"%PDF-") or b"/FontFile2" not in data:
            raise Failed(f"exit {result.returncode}, {len(data)} bytes{_tail(result.stderr)}")
        trouble = [line for line in result.stderr.splitlines() if QT_TROUBLE.search(line)]
        if trouble:
            raise Failed(f"PDF written, but Qt reported: {' | '.join(trouble[:5])}")
        return (
            f"{len(data):,} bytes, {data.count(b'/Type /Page') - data.count(b'/Type /Pages')} page(s), fonts embedded"
        )

    def check_pdf_window(self) -> str:
        """What the window runs for File ▸ Export ▸ PDF: the binary itself with `--child` (stdin kept open:
        its closing is Cancel), in Chinese, the pictures off."""
        target = self.tmp / "ask" / "window.pdf"
        args = [*self.profile("ask"), "export", "--format", "pdf", "-o", str(target), "--child"]
        args += ["--language", "zh_CN", "--font", "", "--no-pictures"]
        errors = self.tmp / "pdf-window.stderr"
        started = time.perf_counter()
        with (
            errors.open("w") as err_file,
            subprocess.Popen(
                [str(self.binary), *args],
                env=self.env("pdf-window"),
                stdin=subprocess.PIPE,  # open until the end: the child stops when it closes
                stdout=subprocess.PIPE,
                stderr=err_file,
                text=True,
                encoding="utf-8",
                errors="replace",
            ) as child,
        ):
            timer = threading.Timer(self.timeout, child.kill)
            timer.start()
            try:
                out = child.stdout.read() if child.stdout is not None else ""
                child.wait()
            finally:
                timer.cancel()
        err = errors.read_text(encoding="utf-8", errors="replace")
        self.timings["pdf-window"] = time.perf_counter() - started
        progress = [line for line in out.splitlines() if line.startswith("progress ")]
        data = target.read_bytes() if target.is_file() else b""
        if child.returncode != 0 or not progress or not data.startswith(b"%PDF-"):
            raise Failed(f"exit {child.returncode}, {len(progress)} progress lines, {len(data)} bytes{_tail(err)}")
        return f"{len(data):,} bytes, progress {progress[-1].removeprefix('progress ')}"

    def gui(self, name: str, env: dict[str, str], prefix: list[str] | None = None) -> str:
        return self.gui_lines(name, env, prefix)[0]

    def gui_lines(self, name: str, env: dict[str, str], prefix: list[str] | None = None) -> tuple[str, str]:
        """The window title the `--smoke` run showed, and what it said Qt's dialogs say."""
        result = self.run(name, [*self.profile(name), "--smoke"], env, prefix)
        shown = [line for line in result.stdout.splitlines() if line.startswith(SHOWN)]
        words = next((line for line in result.stdout.splitlines() if line.startswith(QT_WORDS)), "")
        if result.returncode != 0 or not shown:
            raise Failed(f"exit {result.returncode}, stdout {result.stdout.strip()[-300:]!r}{_tail(result.stderr)}")
        trouble = [line for line in result.stderr.splitlines() if QT_TROUBLE.search(line)]
        if trouble:
            raise Failed(f"window shown, but Qt reported: {' | '.join(trouble[:5])}")
        return shown[0].removeprefix(SHOWN).lstrip(": "), words.removeprefix(QT_WORDS)

    def check_gui(self) -> str:
        env = self.env("gui", QT_QPA_PLATFORM="offscreen")
        result = self.run("images", [*self.profile("images"), "--smoke"], env)
        decodes = next((line for line in result.stdout.splitlines() if line.startswith(DECODES)), "")
        missing = [name for name in IMAGE_FORMATS if name not in decodes.removeprefix(DECODES).split(", ")]
        if missing:
            raise Failed(f"the binary cannot decode {', '.join(missing)} pictures ({decodes or 'no smoke line'})")
        bytecode = next((line for line in result.stdout.splitlines() if line.startswith("smoke: bytecode ")), "")
        if self.bytecode is not None and bytecode != self.bytecode:
            raise Failed(f"{bytecode or 'no bytecode line'}: expected {self.bytecode!r} (build.spec, package.sh)")
        title = self.gui("gui", env)
        return f"title {title!r}; {decodes.removeprefix('smoke: ')}; {bytecode.removeprefix('smoke: ')}"

    def check_zh_cn(self) -> str:
        expected = chinese_title()
        env = self.env("zh_CN", QT_QPA_PLATFORM="offscreen", LANG="zh_CN.UTF-8", LANGUAGE="zh_CN")
        title, words = self.gui_lines("zh_CN", env)
        if expected not in title:
            raise Failed(f"title {title!r} does not contain {expected!r}: the catalog was not found or not loaded")
        if words != QT_WORDS_ZH:
            raise Failed(f"Qt's dialogs say {words!r}, not {QT_WORDS_ZH!r}: qtbase_zh_CN.qm or ours is not loaded")
        return f"title {title!r}; Qt's dialogs say {words!r}"

    def check_xvfb(self) -> str:
        if shutil.which("xvfb-run") is None:
            raise Skipped("no xvfb-run")
        env = self.env("xvfb")
        env.pop("DISPLAY", None)
        title = self.gui("xvfb", env, prefix=["xvfb-run", "-a", "-s", "-screen 0 1280x800x24"])
        return f"xcb, title {title!r}"

    def check_keyring(self) -> str:
        tools = ("dbus-run-session", "gnome-keyring-daemon")
        if not all(shutil.which(tool) for tool in tools):
            raise Skipped("no dbus-run-session/gnome-keyring-daemon")
        try:
            import keyring  # noqa: F401
        except ImportError:
            raise Skipped(f"the Python running this script ({sys.executable}) has no keyring package") from None
        env = self.env("keyring")
        with DemoServer(self.binary, {**env, "COZE_API_TOKEN": DEMO_TOKEN}, self.timeout) as url:
            # Store the token the way the app does (service "coze-desktop", user = the API base), then
            # let the binary find it: that proves the bundled keyring backends, jeepney and cryptography.
            store = f"import keyring; keyring.set_password('coze-desktop', {url!r}, {DEMO_TOKEN!r})"
            script = (
                "echo -n smoke | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "
                '"$0" -c "$1" && exec "$2" --profile "$3" ask --api-base "$4" --bot-id "$5" "$6"'
            )
            args = [sys.executable, store, str(self.binary), str(self.tmp / "keyring/profile"), url, DEMO_BOT_ID, "hi"]
            started = time.perf_counter()
            result = subprocess.run(
                ["dbus-run-session", "--", "sh", "-c", script, *args],
                env=env,
                capture_output=True,
                text=True,
                timeout=self.timeout,
                check=False,
            )
            self.timings["keyring"] = time.perf_counter() - started
        if result.returncode != 0 or not result.stdout.strip():
            raise Failed(f"exit {result.returncode}{_tail(result.stderr)}")
        return "token read from the Secret Service, answer received"

    # -- running them ----------------------------------------------------------------------------

    def check(self, name: str, fn: Callable[[], str]) -> None:
        try:
            detail, status = fn(), "ok"
        except Skipped as exc:
            detail, status = str(exc), "skip"
        except (Failed, OSError, subprocess.SubprocessError) as exc:
            detail, status = str(exc), "FAIL"
        timing = f" ({self.timings[name]:.2f} s)" if name in self.timings else ""
        print(f"{status:4}  {name:9} {detail}{timing}", flush=True)
        self.results.append((name, status, detail))

    def all(self) -> bool:
        self.check("files", self.check_files)
        self.check("libraries", self.check_libraries)
        self.check("version", self.check_version)
        self.check("ask", self.check_ask)
        self.check("pdf", self.check_pdf)
        self.check("pdf-window", self.check_pdf_window)
        self.check("gui", self.check_gui)
        self.check("zh_CN", self.check_zh_cn)
        self.check("xvfb", self.check_xvfb)
        self.check("keyring", self.check_keyring)
        shutil.rmtree(self.tmp, ignore_errors=True)
        return not any(status == "FAIL" for _name, status, _detail in self.results)


class DemoServer:
    """`coze-desktop serve-demo --port 0` for the duration of a `with`; yields its base URL."""

    LISTENING = re.compile(r"listening on (http://\S+)")

    def __init__(self, binary: Path, env: dict[str, str], timeout: float) -> None:
        self.process = subprocess.Popen(
            [str(binary), "serve-demo", "--port", "0", "--pace", "0"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.timeout = timeout

    def __enter__(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()  # the server prints its URL first, flushed
        match = self.LISTENING.search(line)
        if match is None:
            self.__exit__()
            raise Failed(f"serve-demo printed {line!r}, not its URL")
        return match.group(1)

    def __exit__(self, *_exc: object) -> None:
        self.process.terminate()  # SIGTERM: serve-demo stops cleanly
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()
        if self.process.stderr:
            self.process.stderr.close()


def chinese_title() -> str:
    """The Chinese for "Coze Desktop" in the checked-in catalog source (what the .qm was built from)."""
    ts = ROOT / "resources/translations/coze_desktop_zh_CN.ts"
    for message in ET.parse(ts).iter("message"):
        if message.findtext("source") == "Coze Desktop":
            translation = message.findtext("translation")
            if translation:
                return translation
    raise Failed(f"{ts} has no translation for 'Coze Desktop'")


def _is_elf(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(4) == b"\x7fELF"


def _tail(stderr: str) -> str:
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    return f"; stderr: {' | '.join(lines[-5:])}" if lines else ""


def project_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Smoke-test the packaged Coze Desktop.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "coze-desktop", help="the one-folder app")
    parser.add_argument("--version", default=None, help="expected version (default: pyproject.toml's)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds each run may take")
    args = parser.parse_args(argv)
    smoke = Smoke(args.dist.resolve(), args.version or project_version(), args.timeout)
    print(f"smoke-testing {smoke.binary}", flush=True)
    ok = smoke.all()
    print("smoke: all checks passed" if ok else "smoke: FAILED", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
