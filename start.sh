#!/usr/bin/env bash
# Set up (system libraries, .venv) and start Coze Desktop. With no token configured it offers the
# embedded demo bot. Extra arguments go to the app, e.g. ./start.sh --demo or ./start.sh --profile DIR
set -euo pipefail
cd "$(dirname "$0")"
source tools/setup.sh
setup_all
exec "$VENV/bin/python" -m desktop "$@"
