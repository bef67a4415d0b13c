#!/usr/bin/env bash
# Run the whole test suite: start PostgreSQL on 127.0.0.1 (when it is installed and we may),
# point the store tests at it, then pytest.  Extra arguments go to pytest.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ -z "${DOSSIER_TEST_PG_URL:-}" ]; then
  if url=$(bash scripts/postgres-up.sh 2>/tmp/dossier-postgres-up.log); then
    export DOSSIER_TEST_PG_URL="$url"
    echo "PostgreSQL store tests against $url"
  else
    echo "no PostgreSQL server (see /tmp/dossier-postgres-up.log): PostgreSQL store tests will be skipped" >&2
  fi
fi
.venv/bin/python -m pytest "$@"
status=$?
if [ $status -eq 5 ]; then  # pytest: no tests collected; nothing failed
  echo "pytest selected no tests"
  exit 0
fi
exit $status
