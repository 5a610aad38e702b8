#!/usr/bin/env bash
# Set up (system libraries, .venv with the dev tools) and run every check: lint, types, the layer
# contracts, the whole pytest suite (offscreen), and the real Secret Service test under D-Bus.
set -euo pipefail
cd "$(dirname "$0")"
source tools/setup.sh
setup_all dev
PY="$VENV/bin/python"
export PYTHONDONTWRITEBYTECODE=1

log "ruff"; "$VENV/bin/ruff" check . && "$VENV/bin/ruff" format --check --quiet .
log "mypy"; "$VENV/bin/mypy"
log "import contracts"; "$VENV/bin/lint-imports" --no-cache
log "pytest"; "$PY" -m pytest -m "not secret_service" "$@"
log "pytest: the token in a real Secret Service (gnome-keyring under dbus-run-session)"
KEYRING_HOME="$(mktemp -d)"
trap 'rm -rf "$KEYRING_HOME"' EXIT
COZE_DESKTOP_SECRET_SERVICE=1 HOME="$KEYRING_HOME" XDG_DATA_HOME="$KEYRING_HOME/.local/share" dbus-run-session -- sh -c \
  'echo -n coze-desktop-ci | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$0" -m pytest -m secret_service -p no:cacheprovider' "$PY"
