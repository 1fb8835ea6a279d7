# Installs what the ledger targets' engine checks run: GnuCash's Python bindings with its SQLite driver, and hledger.
# Sourced by .ci/run with `set -euo pipefail`; idempotent.
ledger_missing=()
[ -f /usr/lib/python3/dist-packages/gnucash/__init__.py ] || ledger_missing+=(gnucash python3-gnucash)
dpkg -s libdbd-sqlite3 >/dev/null 2>&1 || ledger_missing+=(libdbd-sqlite3)
command -v hledger >/dev/null 2>&1 || ledger_missing+=(hledger)
if [ "${#ledger_missing[@]}" -gt 0 ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${ledger_missing[@]}"
fi
unset ledger_missing
