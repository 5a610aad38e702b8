"""Build the Debian/Ubuntu package from the PyInstaller folder: `dist/coze-desktop_<version>_<arch>.deb`.

    python tools/deb.py [--dist dist/coze-desktop] [--out dist]     (tools/package.sh runs it)

What the package installs:
  /opt/coze-desktop/                          the one-folder app, as PyInstaller built it
  /usr/bin/coze-desktop                       a launcher (the folder's program finds _internal/ beside itself)
  /usr/share/applications/coze-desktop.desktop         the menu entry (checked by desktop-file-validate)
  /usr/share/icons/hicolor/<size>/apps/coze-desktop.*  the icon at every size in resources/icons/app/ + SVG
  /usr/share/metainfo/<APPSTREAM_ID>.metainfo.xml      AppStream data (checked by appstreamcli validate),
                                                        its release list taken from CHANGELOG.md
  /usr/share/doc/coze-desktop/{copyright,changelog.gz}

Depends is computed, not written by hand, the way dpkg-shlibdeps does it: every library an ELF file of
the bundle links to (NEEDED) that the bundle does not carry itself is looked up as the loader finds it
(`ldconfig -p`), dpkg is asked which package owns that file (`dpkg -S`), and the minimal version is the
newest "first version" among the symbols the bundle uses from it, in that package's symbols file (its
shlibs file when it has none). dpkg-shlibdeps itself cannot be used on a bundle: it resolves the
bundle's own copies of libssl, libglib... to the system's and would make the package depend on them.

No maintainer scripts: dpkg's triggers (hicolor-icon-theme, desktop-file-utils) refresh the icon cache and
the menu, and `apt remove` deletes every file the package installed. Version: pyproject.toml's, in Debian
spelling (0.2.0rc1 -> 0.2.0~rc1, so a release candidate sorts before its release).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from deb_depends import DependencyError, depends  # tools/deb_depends.py, beside this file

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "coze-desktop"
INSTALL_DIR = Path("opt") / PACKAGE
DESKTOP_FILE = ROOT / "resources" / "coze-desktop.desktop"
APP_ICONS = ROOT / "resources" / "icons" / "app"
SVG_ICON = ROOT / "resources" / "icons" / "app.svg"
CHANGELOG = ROOT / "CHANGELOG.md"
APPSTREAM_ID = "cn.coze_desktop.CozeDesktop"  # reverse-DNS, no hyphen (appstreamcli's rules)
MAINTAINER = "Coze Desktop contributors <coze-desktop@users.noreply.github.com>"
HOMEPAGE = "https://www.coze.cn"
SECTION = "net"
# Not libraries the program links to, so not computed: without a CJK font Chinese shows as boxes, and
# without a Secret Service the token is kept for the session only (the app says so).
RECOMMENDS = ["fonts-noto-cjk | fonts-wqy-microhei"]
SUGGESTS = ["gnome-keyring"]
SUMMARY = "desktop chat app for Coze (扣子) bots"
DESCRIPTION = """\
A native desktop chat app for bots built on Coze (coze.cn / coze.com):
streaming answers with Markdown and code highlighting, many local
conversations, history kept on this computer and searchable (Chinese too),
export and import. The access token is kept in the system keyring.
Chinese and English user interface."""
LAUNCHER = f"""\
#!/bin/sh
# Coze Desktop lives in /{INSTALL_DIR}; its program finds its libraries beside itself.
exec /{INSTALL_DIR}/{PACKAGE} "$@"
"""
COPYRIGHT = """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: coze-desktop
Comment: /opt/coze-desktop/_internal holds the Python runtime, Qt for Python (LGPL-3.0) and
 Python packages (requests, keyring, markdown-it-py, Pygments and their dependencies) under
 their own licenses; their license files are in /opt/coze-desktop/_internal/*.dist-info.

Files: *
Copyright: Coze Desktop contributors
License: MIT
 Permission is hereby granted, free of charge, to any person obtaining a copy of this software
 and associated documentation files (the "Software"), to deal in the Software without
 restriction, including without limitation the rights to use, copy, modify, merge, publish,
 distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the
 Software is furnished to do so, subject to the following conditions:
 .
 The above copyright notice and this permission notice shall be included in all copies or
 substantial portions of the Software.
 .
 THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING
 BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
 NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
 DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
 OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


class DebError(Exception):
    """The package cannot be built as asked; the message says why."""


# -- version and releases ----------------------------------------------------------------------------


def project_version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"])


_PEP440 = re.compile(r"^(\d+(?:\.\d+)*)(?:(a|b|rc)(\d+))?(?:\.post(\d+))?(?:\.dev(\d+))?(?:\+([0-9A-Za-z.]+))?$")


def debian_version(version: str) -> str:
    """A PEP 440 version in Debian's spelling, ordered the same way: pre-releases and dev builds sort
    before the release (`~`), post-releases and local versions after it (`+`)."""
    match = _PEP440.match(version)
    if match is None:
        raise DebError(f"version {version!r} is not a PEP 440 version this script understands")
    release, pre, pre_n, post, dev, local = match.groups()
    out = release
    if pre:
        out += f"~{pre}{pre_n}"
    if post:
        out += f"+post{post}"
    if dev:  # a dev build of a release sorts before its alphas too ("~~" < "~")
        out += f"~dev{dev}" if pre or post else f"~~dev{dev}"
    if local:
        out += f"+{local}"
    return out


@dataclass(frozen=True)
class Release:
    version: str
    date: str  # YYYY-MM-DD
    notes: list[str]  # the section's bullet points, as plain text


_RELEASE_HEADING = re.compile(r"^## \[?(?P<version>[^\]\s]+)\]? - (?P<date>\d{4}-\d{2}-\d{2})\s*$")


def changelog_releases(text: str) -> list[Release]:
    """The released versions in CHANGELOG.md, newest first ("## [0.1.0] - 2026-12-05" headings; the
    "Unreleased" section is not a release)."""
    releases: list[Release] = []
    notes: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("## "):
            match = _RELEASE_HEADING.match(line)
            notes = None
            if match:
                notes = []
                releases.append(Release(match["version"], match["date"], notes))
        elif notes is not None and line.startswith("- "):
            notes.append(line[2:].strip())
        elif notes is not None and notes and line.startswith("  ") and line.strip():
            notes[-1] += " " + line.strip()
    return releases


def _plain(markdown: str) -> str:
    """Bullet text without Markdown emphasis, code ticks and link targets (AppStream wants plain text)."""
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", markdown)
    return re.sub(r"[`*_]", "", text)


# -- desktop integration files -----------------------------------------------------------------------


def desktop_entry(path: Path = DESKTOP_FILE) -> dict[str, str]:
    """The [Desktop Entry] keys of a .desktop file."""
    entry: dict[str, str] = {}
    in_main = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            in_main = line.strip() == "[Desktop Entry]"
        elif in_main and "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            entry[key.strip()] = value.strip()
    return entry


def metainfo(version: str, releases: list[Release]) -> str:
    """The AppStream component: names and summaries from the .desktop file (en + zh_CN), the release
    list from CHANGELOG.md. `version` must be the newest release there (one version number)."""
    if not releases or releases[0].version != version:
        newest = releases[0].version if releases else "none"
        raise DebError(
            f"pyproject.toml says {version} but the newest release in CHANGELOG.md is {newest}: "
            "add a '## [version] - date' section (see docs/packaging.md, 'Releasing')"
        )
    entry = desktop_entry()
    component = ET.Element("component", type="desktop-application")
    ET.SubElement(component, "id").text = APPSTREAM_ID
    ET.SubElement(component, "metadata_license").text = "CC0-1.0"
    ET.SubElement(component, "project_license").text = "MIT"
    ET.SubElement(component, "name").text = entry["Name"]
    ET.SubElement(component, "name", {"xml:lang": "zh-CN"}).text = entry["Name[zh_CN]"]
    ET.SubElement(component, "summary").text = entry["Comment"]
    ET.SubElement(component, "summary", {"xml:lang": "zh-CN"}).text = entry["Comment[zh_CN]"]
    ET.SubElement(component, "developer_name").text = MAINTAINER.split(" <", maxsplit=1)[0]
    description = ET.SubElement(component, "description")
    ET.SubElement(description, "p").text = (
        "A native desktop chat app for bots built on Coze (coze.cn / coze.com): streaming answers with "
        "Markdown and code highlighting, many conversations, a history kept on this computer that you can "
        "search (Chinese too), export and import. Your access token stays in the system keyring."
    )
    ET.SubElement(description, "p", {"xml:lang": "zh-CN"}).text = (
        "为扣子（coze.cn / coze.com）上搭建的智能体打造的原生桌面聊天应用：流式回答，支持 Markdown 和代码高亮；"
        "多会话；聊天记录保存在本机，可搜索（包括中文），可导出导入。访问令牌只保存在系统密钥环中。"
    )
    ET.SubElement(component, "launchable", type="desktop-id").text = DESKTOP_FILE.name
    ET.SubElement(component, "url", type="homepage").text = HOMEPAGE
    ET.SubElement(component, "content_rating", type="oars-1.1")
    ET.SubElement(ET.SubElement(component, "provides"), "binary").text = PACKAGE
    releases_element = ET.SubElement(component, "releases")
    for release in releases:
        element = ET.SubElement(releases_element, "release", version=release.version, date=release.date)
        if release.notes:
            notes = ET.SubElement(ET.SubElement(element, "description"), "ul")
            for note in release.notes:
                ET.SubElement(notes, "li").text = _plain(note)
    ET.indent(component)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(component, encoding="unicode") + "\n"


# -- building ------------------------------------------------------------------------------------------


def _normalise_modes(tree: Path) -> None:
    """Directories 755, programs 755, everything else 644, whatever the build machine's umask was."""
    for path in [tree, *tree.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)


def _write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)


def stage(bundle: Path, root: Path, version: str) -> None:
    """Lay out the package's files under `root` (everything but DEBIAN/)."""
    if not (bundle / PACKAGE).is_file():
        raise DebError(f"{bundle / PACKAGE} not found: build the app first (tools/package.sh)")
    shutil.copytree(bundle, root / INSTALL_DIR, symlinks=True, ignore=shutil.ignore_patterns("share"))
    _write(root / "usr/bin" / PACKAGE, LAUNCHER, 0o755)
    share = root / "usr/share"
    (share / "applications").mkdir(parents=True)
    shutil.copyfile(DESKTOP_FILE, share / "applications" / DESKTOP_FILE.name)
    for png in sorted(APP_ICONS.glob("app-*.png")):
        size = png.stem.removeprefix("app-")
        target = share / f"icons/hicolor/{size}x{size}/apps/{PACKAGE}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, target)
    (share / "icons/hicolor/scalable/apps").mkdir(parents=True)
    shutil.copyfile(SVG_ICON, share / f"icons/hicolor/scalable/apps/{PACKAGE}.svg")
    releases = changelog_releases(CHANGELOG.read_text(encoding="utf-8"))
    _write(share / "metainfo" / f"{APPSTREAM_ID}.metainfo.xml", metainfo(version, releases))
    doc = share / "doc" / PACKAGE
    _write(doc / "copyright", COPYRIGHT)
    with gzip.GzipFile(doc / "changelog.gz", "wb", compresslevel=9, mtime=0) as handle:
        handle.write(CHANGELOG.read_bytes())
    _normalise_modes(root)


def control(root: Path, version: str, architecture: str, depends_on: list[str]) -> str:
    installed_kib = sum(
        (p.lstat().st_size + 1023) // 1024 for p in root.rglob("*") if "DEBIAN" not in p.relative_to(root).parts
    )
    description = "\n".join(f" {line}" if line.strip() else " ." for line in DESCRIPTION.splitlines())
    fields = {
        "Package": PACKAGE,
        "Version": debian_version(version),
        "Architecture": architecture,
        "Maintainer": MAINTAINER,
        "Installed-Size": str(installed_kib),
        "Depends": ", ".join(depends_on),
        "Recommends": ", ".join(RECOMMENDS),
        "Suggests": ", ".join(SUGGESTS),
        "Section": SECTION,
        "Priority": "optional",
        "Homepage": HOMEPAGE,
        "Description": f"{SUMMARY}\n{description}",
    }
    return "".join(f"{key}: {value}\n" for key, value in fields.items() if value)


def md5sums(root: Path) -> str:
    lines = []
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
        relative = path.relative_to(root)
        if relative.parts[0] != "DEBIAN":
            lines.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {relative}\n")  # md5: dpkg's own format
    return "".join(lines)


def validate(root: Path) -> None:
    """desktop-file-validate and appstreamcli validate on the staged files; DebError with their output."""
    checks = [
        ["desktop-file-validate", str(root / "usr/share/applications" / DESKTOP_FILE.name)],
        ["appstreamcli", "validate", "--no-net", str(root / f"usr/share/metainfo/{APPSTREAM_ID}.metainfo.xml")],
    ]
    for command in checks:
        if shutil.which(command[0]) is None:
            raise DebError(f"{command[0]} is not installed (apt-get install desktop-file-utils appstream)")
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise DebError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")


def build(bundle: Path, out: Path, version: str, *, compression_level: int = 6) -> Path:
    architecture = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    deb = out / f"{PACKAGE}_{debian_version(version)}_{architecture}.deb"
    root = out / "deb-root"
    shutil.rmtree(root, ignore_errors=True)
    stage(bundle, root, version)
    validate(root)
    _write(root / "DEBIAN/control", control(root, version, architecture, depends(root / INSTALL_DIR)))
    _write(root / "DEBIAN/md5sums", md5sums(root))
    (root / "DEBIAN").chmod(0o755)
    deb.unlink(missing_ok=True)
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", f"-z{compression_level}", "--build", str(root), str(deb)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    shutil.rmtree(root)
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the .deb of Coze Desktop from the PyInstaller folder.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / PACKAGE, help="the one-folder app")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where the .deb goes")
    parser.add_argument("--version", default=None, help="default: pyproject.toml's")
    args = parser.parse_args(argv)
    try:
        deb = build(args.dist.resolve(), args.out.resolve(), args.version or project_version())
    except (DebError, DependencyError, subprocess.CalledProcessError, OSError) as exc:
        print(f"deb.py: {exc}", file=sys.stderr)
        return 1
    print(deb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
