"""The version resource of the Windows executables (Explorer shows it under Properties > Details)."""

from __future__ import annotations

from typing import Any


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """Four numbers for a version string: "1.2.3" -> (1, 2, 3, 0); local and pre-release parts are 0."""
    numbers = [int(part) if part.isdigit() else 0 for part in version.split("+", maxsplit=1)[0].split(".")[:4]]
    numbers += [0] * (4 - len(numbers))
    return numbers[0], numbers[1], numbers[2], numbers[3]


def version_info(app_name: str, name: str, version: str) -> Any:
    """PyInstaller's VSVersionInfo for `name`.exe of `app_name` at `version`."""
    from PyInstaller.utils.win32 import versioninfo as vi

    numbers = version_numbers(version)
    strings = [
        vi.StringStruct("ProductName", app_name),
        vi.StringStruct("FileDescription", app_name),
        vi.StringStruct("ProductVersion", version),
        vi.StringStruct("FileVersion", version),
        vi.StringStruct("InternalName", name),
        vi.StringStruct("OriginalFilename", f"{name}.exe"),
        vi.StringStruct("LegalCopyright", "MIT License"),
    ]
    return vi.VSVersionInfo(
        ffi=vi.FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            vi.StringFileInfo([vi.StringTable("040904B0", strings)]),
            vi.VarFileInfo([vi.VarStruct("Translation", [0x0409, 1200])]),
        ],
    )
