#!/usr/bin/env bash
# One command to set soppress up on a fresh Debian machine and run it on the sample corpus:
#   ./setup.sh            install system packages (apt-get), create .venv, install soppress,
#                         then check and build the sample corpus into build/ (PDF, HTML, JSON Schemas)
#   ./setup.sh --no-run   install only (used by ./test.sh and .ci/run)
set -euo pipefail
cd "$(dirname "$0")"

# System packages: pango/harfbuzz for weasyprint, graphviz (dot) for the peta keterkaitan,
# poppler-utils (pdftotext/pdftoppm/pdffonts) and LibreOffice Writer (DOCX -> PDF) for the tests,
# fonts-dejavu-core as the tests' "reader without our fonts", python3-venv for the virtual
# environment. No fonts-liberation on purpose: the package ships Liberation Sans, the PDF and
# the DOCX carry it, and the tests must not depend on a system copy.
APT_PACKAGES=(python3-venv python3-pip libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
              graphviz poppler-utils libreoffice-writer-nogui
              fonts-noto-color-emoji fonts-dejavu-core  # emoji (OFL) and U+FFFD, by fontconfig fallback
              chromium chromium-driver)  # the preview's browser test (Selenium, never a downloaded browser)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "soppress: memasang paket sistem: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'

if [ "${1:-}" != "--no-run" ]; then
  .venv/bin/soppress build
  .venv/bin/soppress schema --keluaran build/schema
  echo "soppress siap. Jalankan: .venv/bin/soppress --help"
fi
