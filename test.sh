#!/usr/bin/env bash
# One command to run the tests (installs what is missing first, like setup.sh).
set -euo pipefail
cd "$(dirname "$0")"
./setup.sh --no-run
exec .venv/bin/python -m pytest "$@"
