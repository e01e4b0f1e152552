#!/usr/bin/env bash
# Installs everything credit-ledger needs on a fresh Debian 12 machine with Python 3.11, then exits.
#   bash .ci/setup.sh        the app (runtime packages)
#   bash .ci/setup.sh dev    the app plus the test and build tools
# Safe to run again: Debian packages already present and an unchanged lock file are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-app}"

# 1. Debian libraries Qt needs (xcb for a real screen, EGL/fontconfig for offscreen, CUPS for printing).
qt_debs="libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
 libx11-6 libx11-xcb1 libxext6 libxrender1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
 libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-xfixes0
 libxcb-xkb1 libxcb-glx0 libcups2 python3-venv"
missing=""
for pkg in $qt_debs; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
  echo "setup: installing Debian packages:$missing"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# 2. Python 3.11 virtual environment with the locked, hash-checked packages.
python_bin="$(command -v python3.11 || command -v python3)"
"$python_bin" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' \
  || { echo "setup: Python 3.11 is required (found $("$python_bin" --version))" >&2; exit 1; }
[ -x .venv/bin/python ] || "$python_bin" -m venv .venv
lock="requirements.lock"; [ "$mode" = "dev" ] && lock="requirements-dev.lock"
stamp=".venv/.installed-$(sha256sum "$lock" pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --require-hashes -r "$lock"
  .venv/bin/python -m pip install -q --no-deps --no-build-isolation -e .
  rm -f .venv/.installed-*; touch "$stamp"
fi
