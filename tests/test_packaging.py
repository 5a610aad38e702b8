"""build.spec stays in step with the code, without building anything (the build itself is
`./tools/package.sh --smoke`, run by CI after the tests).

The spec's settings are plain literals at its top level; these tests read them with `ast`, so they
need neither PyInstaller nor a build.
"""

from __future__ import annotations

import ast
import fnmatch
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build.spec"
RESOURCES = ROOT / "resources"
PACKAGE = ROOT / "desktop"


def spec_constants() -> dict[str, Any]:
    """Every `NAME = <literal>` at the top level of build.spec."""
    constants: dict[str, Any] = {}
    for node in ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC)).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                constants[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                continue  # computed at build time
    return constants


SETTINGS = spec_constants()


def bundled(relative: str) -> bool:
    """Whether resources/<relative> is matched by the spec's RESOURCE_PATTERNS (Path.glob semantics for
    one level: `*` does not cross a slash)."""
    return any(_matches(relative, pattern) for pattern in SETTINGS["RESOURCE_PATTERNS"])


def _matches(relative: str, pattern: str) -> bool:
    parts, pattern_parts = relative.split("/"), pattern.split("/")
    return len(parts) == len(pattern_parts) and all(
        fnmatch.fnmatchcase(p, q) for p, q in zip(parts, pattern_parts, strict=True)
    )


def source_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def string_constants(path: Path) -> list[str]:
    return [
        node.value
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def literal_of(path: Path, name: str) -> Any:
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{path} has no literal {name}")


# -- the spec itself --------------------------------------------------------------------------------


def test_spec_is_python_and_names_the_app() -> None:
    compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec")  # parses as Python
    assert SETTINGS["NAME"] == "coze-desktop"
    assert SETTINGS["DIST_NAME"] == "coze-desktop"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'name = "coze-desktop"' in pyproject  # the distribution whose metadata (version) is bundled
    assert "copy_metadata(DIST_NAME)" in SPEC.read_text(encoding="utf-8")


def test_the_spec_declares_and_tools_bundle_computes() -> None:
    """No loops, no subprocess, no exec-loading in build.spec: the logic is in tools/bundle/ (tested in
    tests/bundle/); the one function left only names the options of an executable."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))
    assert not [n for n in ast.walk(tree) if isinstance(n, (ast.For, ast.While, ast.comprehension, ast.Try))]
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {alias.name for n in ast.walk(tree) if isinstance(n, ast.Import) for alias in n.names}
    assert "tools.bundle" in imported
    assert not imported & {"subprocess", "re", "importlib.util", "PyInstaller.depend"}
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
    assert [f.name for f in functions] == ["_exe"] and isinstance(functions[0].body[0], ast.Return)


def test_entry_script_runs_the_cli() -> None:
    entry = ROOT / SETTINGS["ENTRY_SCRIPT"]
    assert entry.is_file()
    text = entry.read_text(encoding="utf-8")
    assert "from desktop.cli import main" in text and "main()" in text


def test_every_path_the_spec_names_exists() -> None:
    for key in ("ENTRY_SCRIPT", "WINDOWS_ICON", "MAC_ICON_FALLBACK"):
        assert (ROOT / SETTINGS[key]).is_file(), key
    assert SETTINGS["WINDOWS_ICON"].endswith(".ico")


def test_windows_and_mac_settings() -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert "console=False)" in text and "BUNDLE(" in text and '"NSHighResolutionCapable": True' in text
    assert SETTINGS["BUNDLE_ID"].count(".") >= 2


# -- resources: what the code loads is what the spec bundles ----------------------------------------


def test_every_resource_pattern_matches_something() -> None:
    for pattern in SETTINGS["RESOURCE_PATTERNS"] + SETTINGS["RESOURCES_SOURCE_ONLY"]:
        assert list(RESOURCES.glob(pattern)), f"resources/{pattern} matches nothing"


def test_every_resource_file_is_bundled_or_declared_source_only() -> None:
    """A new file under resources/ must be added to RESOURCE_PATTERNS (or RESOURCES_SOURCE_ONLY)."""
    for path in sorted(p for p in RESOURCES.rglob("*") if p.is_file()):
        relative = path.relative_to(RESOURCES).as_posix()
        source_only = any(_matches(relative, pattern) for pattern in SETTINGS["RESOURCES_SOURCE_ONLY"])
        assert bundled(relative) != source_only, f"resources/{relative}: bundled={bundled(relative)}"


def test_translations_are_bundled_compiled() -> None:
    for ts in RESOURCES.glob("translations/*.ts"):
        qm = ts.with_suffix(".qm")
        assert qm.is_file(), f"{qm.name} is not compiled (tools/update_translations.py)"
        assert bundled(qm.relative_to(RESOURCES).as_posix())
    catalog = literal_of(PACKAGE / "ui" / "i18n.py", "CATALOG")
    assert bundled(f"translations/{catalog}")
    # Qt's own catalog i18n.py looks for is copied into resources/translations by the spec.
    qt_catalogs = {s for s in string_constants(PACKAGE / "ui" / "i18n.py") if s.startswith("qtbase_")}
    assert qt_catalogs and qt_catalogs <= set(SETTINGS["QT_TRANSLATIONS_KEPT"])


def test_literal_resource_paths_in_the_code_are_bundled() -> None:
    """resource_path("themes", "app.qss") and friends, wherever the code names a file outright."""
    seen = 0
    for path in source_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "resource_path"
                and node.args
                and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args)
            ):
                relative = "/".join(a.value for a in node.args)  # type: ignore[attr-defined]
                if relative.startswith("translations/qtbase_"):
                    continue  # Qt's, checked above
                assert bundled(relative), f"{path.relative_to(ROOT)}: resource_path({relative!r}) is not bundled"
                assert (RESOURCES / relative).is_file(), relative
                seen += 1
    assert seen >= 2


def test_icons_the_code_names_are_bundled() -> None:
    icons = PACKAGE / "ui" / "icons.py"
    for name in literal_of(icons, "NAMES"):
        assert (RESOURCES / "icons" / f"{name}.svg").is_file(), name
        assert bundled(f"icons/{name}.svg"), name
    for size in literal_of(icons, "APP_ICON_SIZES"):
        assert bundled(f"icons/app/app-{size}.png") and (RESOURCES / f"icons/app/app-{size}.png").is_file(), size


def test_desktop_file_and_icons_for_linux_integration() -> None:
    assert bundled("coze-desktop.desktop")
    package_sh = (ROOT / "tools" / "package.sh").read_text(encoding="utf-8")
    for needed in ("resources/coze-desktop.desktop", "resources/icons/app/app-*.png", "resources/icons/app.svg"):
        assert needed in package_sh
        assert list(ROOT.glob(needed)), needed


# -- Qt modules and Python packages -----------------------------------------------------------------


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_qt_modules_the_code_imports_are_not_excluded() -> None:
    used, excluded = set(SETTINGS["QT_MODULES_USED"]), set(SETTINGS["QT_MODULES_EXCLUDED"])
    assert not used & excluded
    for path in source_files():
        for module in imported(path):
            if module.startswith("PySide6."):
                qt = module.split(".")[1]
                assert qt in used, f"{path.relative_to(ROOT)} imports {module}: add {qt} to QT_MODULES_USED"


def test_python_packages_the_code_imports_are_not_excluded() -> None:
    excluded = set(SETTINGS["PYTHON_EXCLUDED"])
    for path in source_files():
        for module in imported(path):
            assert module.split(".")[0] not in excluded, f"{path.relative_to(ROOT)} imports {module}"
    for runtime in ("PySide6", "requests", "keyring", "markdown_it", "pygments", "secretstorage", "jeepney"):
        assert runtime not in excluded


def test_plugins_for_x11_offscreen_chinese_input_and_svg_are_kept() -> None:
    plugins = SETTINGS["QT_PLUGINS_KEPT"]
    assert {"qxcb", "qoffscreen", "qwindows", "qcocoa"} <= set(plugins["platforms"])
    assert {"ibusplatforminputcontextplugin", "composeplatforminputcontextplugin"} <= set(
        plugins["platforminputcontexts"]
    )
    assert "qsvg" in plugins["imageformats"] and "qsvgicon" in plugins["iconengines"]
    assert "qtvirtualkeyboardplugin" not in plugins["platforminputcontexts"]  # pulls in Qt Quick
    assert "platformthemes" not in plugins  # qgtk3 pulls in GTK 3


def load_tool(path: Path) -> ModuleType:
    """Import a script from tools/ (not a package) by its path."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


# -- tools/pyi_rth_environment.py -----------------------------------------------------------------------


def test_runtime_hook_is_in_the_spec() -> None:
    assert (ROOT / SETTINGS["RUNTIME_HOOK"]).is_file()
    assert "runtime_hooks=[str(ROOT / RUNTIME_HOOK)]" in SPEC.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ({"LD_LIBRARY_PATH": "/app/_internal", "HOME": "/h"}, {"HOME": "/h"}),
        ({"LD_LIBRARY_PATH": "/app/_internal", "LD_LIBRARY_PATH_ORIG": "/opt/lib"}, {"LD_LIBRARY_PATH": "/opt/lib"}),
        ({"HOME": "/h"}, {"HOME": "/h"}),
    ],
)
def test_runtime_hook_gives_children_the_users_library_path(before: dict[str, str], after: dict[str, str]) -> None:
    hook = load_tool(ROOT / SETTINGS["RUNTIME_HOOK"])  # not frozen: importing it changes nothing
    environ = dict(before)
    hook.restore_library_path(environ)
    assert environ == after


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ({"QT_IM_MODULE": "fcitx"}, {"QT_IM_MODULE": "fcitx", "QT_IM_MODULES": "fcitx;ibus"}),
        ({"QT_IM_MODULE": "ibus"}, {"QT_IM_MODULE": "ibus"}),
        ({"QT_IM_MODULE": "fcitx", "QT_IM_MODULES": "fcitx"}, {"QT_IM_MODULE": "fcitx", "QT_IM_MODULES": "fcitx"}),
        ({}, {}),
    ],
)
def test_runtime_hook_lets_fcitx_users_fall_back_to_ibus(before: dict[str, str], after: dict[str, str]) -> None:
    hook = load_tool(ROOT / SETTINGS["RUNTIME_HOOK"])
    environ = dict(before)
    hook.input_method_fallback(environ)
    assert environ == after


def test_the_image_formats_coze_serves_are_kept() -> None:
    """JPEG, GIF and WebP are plugins (PNG is built in): without them the binary shows no such picture."""
    assert {"qjpeg", "qgif", "qwebp"} <= set(SETTINGS["QT_PLUGINS_KEPT"]["imageformats"])
    assert "qpdf" not in SETTINGS["QT_PLUGINS_KEPT"]["imageformats"]  # pulls in QtPdf


def test_the_smoke_check_decodes_one_picture_of_each_format() -> None:
    from desktop.services.image_samples import decodable_formats

    assert decodable_formats() == ["png", "jpeg", "gif", "webp"]
