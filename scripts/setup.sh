#!/usr/bin/env bash
# Install everything sigtepunkt needs into .venv (and, where needed, Debian packages).
# Usage: scripts/setup.sh [demo|test]   — idempotent; a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-demo}"

# Debian packages the project needs: Python's venv; for the tests also Java for Spark (the
# engine's distributed backend), Chromium for the browser tests, PostgreSQL (started privately
# by the tests when none runs on 127.0.0.1:5432) and fonts for screenshots and PDF. A package
# is only installed when what it provides is absent, so another Python, JDK or PostgreSQL is fine.
# Pango and DejaVu are WeasyPrint's (the strategy status report as PDF); poppler-utils' pdftotext
# reads that PDF back in the tests.
debian_packages=(python3-venv libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)
if [ "$target" = "test" ]; then
  debian_packages+=(openjdk-17-jre-headless chromium postgresql gettext poppler-utils)
fi
missing=()
for pkg in "${debian_packages[@]}"; do
  case "$pkg" in
    python3-venv) python3.11 -c "import venv, ensurepip" 2>/dev/null && continue ;;
    openjdk-*) command -v java >/dev/null 2>&1 && continue ;;
    chromium) [ -x /usr/bin/chromium ] && continue ;;
    gettext) command -v xgettext >/dev/null 2>&1 && continue ;;
    postgresql) compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && continue ;;
  esac
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installerer Debian-pakker: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${missing[@]}"
fi

PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"
"$PYTHON" -c 'import sys; assert sys.version_info[:2] == (3, 11), "sigtepunkt needs Python 3.11"' || {
  echo "sigtepunkt kræver Python 3.11 (fandt $("$PYTHON" --version 2>&1))." >&2; exit 3; }

if [ ! -x .venv/bin/python ]; then
  echo "Opretter .venv med $("$PYTHON" --version)"
  "$PYTHON" -m venv .venv
fi
stamp=".venv/.installed-$target"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  extra=""; [ "$target" = "test" ] && extra="[test]"
  echo "Installerer Python-pakker (pyproject.toml${extra:+, $extra})"
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extra}"
  touch "$stamp"
fi
