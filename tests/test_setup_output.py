"""tools/setup.sh's pip output: setuptools' note on every editable install of a flat layout (a framed
"!! *** Please be careful with folders …" block that looks like an error to a newcomer running ./start.sh)
is left out; pip's errors are not."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What `pip install -q -e .` printed in a fresh clone (pip 26.3, the setuptools its build isolation took).
PIP_SAID = """\
  /tmp/pip-build-env-j4omp9n2/overlay/lib/python3.11/site-packages/setuptools/command/editable_wheel.py:354: \
BuildBackendWarning: Editable installation.
  !!

          ********************************************************************************
          Please be careful with folders in your working directory with the same
          name as your package as they may take precedence during imports.
          ********************************************************************************

  !!
    with strategy, WheelFile(wheel_path, "w") as wheel_obj:
WARNING: Location 'file:///opt/pypi-more/simple/pip/' is ignored: it is neither a file nor a directory.
ERROR: Could not find a version that satisfies the requirement PySide6>=6.6
"""


def _filtered(text: str) -> str:
    done = subprocess.run(
        ["bash", "-c", "source tools/setup.sh && quiet_pip"],
        cwd=ROOT,
        input=text,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return done.stdout


def test_the_editable_install_note_is_left_out_and_errors_stay() -> None:
    out = _filtered(PIP_SAID)
    assert out == "ERROR: Could not find a version that satisfies the requirement PySide6>=6.6\n"


def test_a_line_after_the_note_that_is_not_its_source_line_stays() -> None:
    note = PIP_SAID.split("    with strategy", maxsplit=1)[0]
    assert _filtered(note + "Successfully installed coze-desktop\n") == "Successfully installed coze-desktop\n"
