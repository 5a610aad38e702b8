"""The .deb: version spelling, the AppStream release list from CHANGELOG.md, the menu entry, dependencies
computed from what the binaries link to, and a package built from a small real bundle.

The full package of the real app is built by `./tools/package.sh` and installed, used and removed by
`tools/check_deb.py` (both in .ci/run).
"""

from __future__ import annotations

import importlib.util
import itertools
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
TRUE = Path(shutil.which("true") or "/usr/bin/true")


sys.path.insert(0, str(ROOT / "tools"))  # deb.py imports deb_depends.py from beside itself


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


deb = _load("deb")
deb_depends = _load("deb_depends")


def needs(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)} (tools/setup.sh installs them)")


@pytest.mark.parametrize(
    ("pep440", "debian"),
    [
        ("0.1.0", "0.1.0"),
        ("0.2.0rc1", "0.2.0~rc1"),
        ("0.2.0b2", "0.2.0~b2"),
        ("0.2.0.dev3", "0.2.0~~dev3"),
        ("0.2.0rc1.dev1", "0.2.0~rc1~dev1"),
        ("0.2.0.post1", "0.2.0+post1"),
        ("1.0+local.7", "1.0+local.7"),
    ],
)
def test_debian_version(pep440: str, debian: str) -> None:
    assert deb.debian_version(pep440) == debian


def test_debian_versions_sort_as_the_releases_do() -> None:
    needs("dpkg")
    ordered = ["0.2.0.dev3", "0.2.0a1", "0.2.0b2", "0.2.0rc1.dev1", "0.2.0rc1", "0.2.0", "0.2.0.post1", "0.2.1"]
    spelled = [deb.debian_version(v) for v in ordered]
    for older, newer in itertools.pairwise(spelled):
        assert subprocess.run(["dpkg", "--compare-versions", older, "lt", newer], check=False).returncode == 0


def test_a_version_debian_cannot_order_is_refused() -> None:
    with pytest.raises(deb.DebError):
        deb.debian_version("one point oh")


def test_changelog_newest_release_is_the_project_version_and_has_an_unreleased_section() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = deb.changelog_releases(text)
    assert releases[0].version == deb.project_version()
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r.date) for r in releases)
    assert releases[0].notes, "the release section lists its changes"
    assert "## [Unreleased]" in text
    assert text.index("## [Unreleased]") < text.index(f"## [{releases[0].version}]")


def test_metainfo_lists_the_project_version_and_validates(tmp_path: Path) -> None:
    needs("appstreamcli")
    releases = deb.changelog_releases((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    xml = deb.metainfo(deb.project_version(), releases)
    assert f'<release version="{deb.project_version()}" date="{releases[0].date}">' in xml
    assert '<name xml:lang="zh-CN">扣子桌面</name>' in xml
    assert '<launchable type="desktop-id">coze-desktop.desktop</launchable>' in xml
    path = tmp_path / f"{deb.APPSTREAM_ID}.metainfo.xml"
    path.write_text(xml, encoding="utf-8")
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout


def test_metainfo_refuses_a_version_the_changelog_does_not_release() -> None:
    releases = [deb.Release("0.1.0", "2026-12-05", ["First."])]
    with pytest.raises(deb.DebError, match=r"pyproject\.toml says 9\.9\.9 .* CHANGELOG\.md is 0\.1\.0"):
        deb.metainfo("9.9.9", releases)


def test_the_menu_entry_validates_and_groups_with_the_window() -> None:
    needs("desktop-file-validate")
    result = subprocess.run(
        ["desktop-file-validate", str(deb.DESKTOP_FILE)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout
    entry = deb.desktop_entry()
    assert entry["Name[zh_CN]"] == "扣子桌面" and entry["Comment[zh_CN]"]
    assert entry["Exec"].split()[0] == deb.PACKAGE and entry["Icon"] == deb.PACKAGE
    # Qt sets WM_CLASS to (argv[0]'s name, the application name): ("coze-desktop", "Coze Desktop") for the
    # installed program (measured with xprop; tools/check_deb.py checks it on the installed package), and
    # the Wayland app id / _KDE_NET_WM_DESKTOP_FILE to the desktop file name the app sets.
    app_source = (ROOT / "desktop" / "ui" / "qt_app.py").read_text(encoding="utf-8")  # where the QApplication is named
    assert f'setDesktopFileName("{entry["StartupWMClass"]}")' in app_source
    assert entry["StartupWMClass"] == deb.DESKTOP_FILE.stem == deb.PACKAGE


def fake_bundle(folder: Path, *, carry_libc: bool = False) -> Path:
    """A one-folder app made of real ELF files: the program is a copy of `true` (it needs libc)."""
    folder.mkdir(parents=True)
    shutil.copy2(TRUE, folder / deb.PACKAGE)
    (folder / "_internal").mkdir()
    (folder / "_internal" / "data.txt").write_text("resources\n", encoding="utf-8")
    if carry_libc:
        libc = subprocess.run(["ldd", str(TRUE)], capture_output=True, text=True, check=True).stdout
        path = re.search(r"libc\.so\.6 => (\S+)", libc)
        assert path is not None
        shutil.copy2(path[1], folder / "_internal" / "libc.so.6")
    return folder


def test_the_system_libraries_are_those_the_bundle_does_not_carry(tmp_path: Path) -> None:
    needs("readelf", "ldd")
    assert deb_depends.system_libraries(fake_bundle(tmp_path / "a")) == {"libc.so.6"}
    carried = deb_depends.system_libraries(fake_bundle(tmp_path / "b", carry_libc=True))
    assert "libc.so.6" not in carried
    assert all(name.startswith("ld-linux") for name in carried)  # what the carried libc itself links to


def test_depends_names_the_package_that_owns_each_system_library(tmp_path: Path) -> None:
    needs("readelf", "ldconfig", "dpkg")
    depends = deb_depends.depends(fake_bundle(tmp_path / "app"))
    assert len(depends) == 1
    assert re.fullmatch(r"libc6 \(>= [0-9.]+\)", depends[0]), depends


def test_a_package_built_from_a_bundle(tmp_path: Path) -> None:
    needs("readelf", "ldconfig", "dpkg-deb", "desktop-file-validate", "appstreamcli")
    bundle = fake_bundle(tmp_path / "dist" / deb.PACKAGE)
    (bundle / "share").mkdir()  # the tarball's desktop files: not copied into /opt
    version = deb.project_version()
    package = deb.build(bundle, tmp_path, version, compression_level=0)
    assert package.name.startswith(f"coze-desktop_{deb.debian_version(version)}_")
    info = subprocess.run(["dpkg-deb", "-f", str(package)], capture_output=True, text=True, check=True).stdout
    assert "Package: coze-desktop\n" in info
    assert f"Version: {deb.debian_version(version)}\n" in info
    assert re.search(r"^Depends: libc6 \(>= [0-9.]+\)$", info, re.MULTILINE), info
    listing = subprocess.run(["dpkg-deb", "-c", str(package)], capture_output=True, text=True, check=True).stdout
    entries = {line.split()[-1].removeprefix("."): line for line in listing.splitlines()}
    expected = [
        "/opt/coze-desktop/coze-desktop",
        "/opt/coze-desktop/_internal/data.txt",
        "/usr/bin/coze-desktop",
        "/usr/share/applications/coze-desktop.desktop",
        "/usr/share/icons/hicolor/scalable/apps/coze-desktop.svg",
        f"/usr/share/metainfo/{deb.APPSTREAM_ID}.metainfo.xml",
        "/usr/share/doc/coze-desktop/copyright",
        "/usr/share/doc/coze-desktop/changelog.gz",
        *(f"/usr/share/icons/hicolor/{s}x{s}/apps/coze-desktop.png" for s in (16, 24, 32, 48, 64, 128, 256, 512)),
    ]
    for path in expected:
        assert path in entries, path
    assert not any(path.startswith("/opt/coze-desktop/share") for path in entries)
    assert all(" root/root " in line for line in entries.values())
    assert entries["/usr/bin/coze-desktop"].startswith("-rwxr-xr-x")
    assert entries["/usr/share/applications/coze-desktop.desktop"].startswith("-rw-r--r--")
    assert not (tmp_path / "deb-root").exists()


def test_the_checks_user_environment_lets_a_check_choose_its_language(tmp_path: Path) -> None:
    check_deb = _load("check_deb")
    env = check_deb.clean_env(tmp_path / "home", LANG="zh_CN.UTF-8", LANGUAGE="zh_CN")
    assert env["LANG"] == "zh_CN.UTF-8"
    assert env["LANGUAGE"] == "zh_CN"
    assert env["HOME"] == str(tmp_path / "home")
    assert check_deb.clean_env(tmp_path / "other")["LANG"] == "C.UTF-8"


def test_a_bug_in_one_check_fails_that_check_and_the_cycle_goes_on_to_remove(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    check_deb = _load("check_deb")
    cycle = check_deb.Cycle(tmp_path / "x.deb", "0.1.0")

    def broken() -> str:
        raise TypeError("a bug in the check")

    cycle.step("smoke", broken)
    cycle.step("version", lambda: "fine")
    out = capsys.readouterr().out
    assert cycle.failed
    assert "FAIL  smoke" in out and "TypeError: a bug in the check" in out
    assert "ok    version  fine" in out
