#!/usr/bin/env bash
# One command to run the tests (installs what is missing first, like setup.sh).
set -euo pipefail
cd "$(dirname "$0")"
./setup.sh --no-run

# Test-only: node and ajv (tests/ecma, pinned by its package-lock.json) validate the
# generated JSON Schemas as editors do, with ECMA-262 regular expressions.
if ! command -v npm >/dev/null; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "soppress: memasang nodejs dan npm untuk pengujian skema"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
[ -d tests/ecma/node_modules/ajv ] || (cd tests/ecma && npm ci --no-audit --no-fund --silent)

exec .venv/bin/python -m pytest "$@"
