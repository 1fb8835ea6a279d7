# shellcheck shell=bash
# Sourced by .ci/run (set -euo pipefail active). Starts a throw-away PostgreSQL cluster on 127.0.0.1 for the
# PostgreSQL store tests and exports ACCOUNTINGSYNC_POSTGRES; the cluster is stopped and deleted when the
# sourcing shell exits. Installs PostgreSQL with apt-get when its binaries are missing. Idempotent: a second
# source, or a connection string already in the environment, starts nothing.

if [ -n "${ACCOUNTINGSYNC_POSTGRES:-}" ]; then
  echo "postgresql: using ACCOUNTINGSYNC_POSTGRES from the environment"
  return 0
fi

_accountingsync_pg_bin() {
  local found
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return 0
  fi
  # Debian keeps the server binaries out of PATH, one folder per major version.
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$found" ] && [ -x "$found/initdb" ]; then
    echo "$found"
  fi
}

_accountingsync_pg_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ACCOUNTINGSYNC_PG_BIN=$(_accountingsync_pg_bin)
if [ -z "$ACCOUNTINGSYNC_PG_BIN" ]; then
  echo "postgresql: server binaries not found; installing with apt-get"
  # The tests bring their own cluster; keep the package from creating and starting a system one.
  _accountingsync_pg_as_root mkdir -p /etc/postgresql-common
  if ! grep -qs '^create_main_cluster' /etc/postgresql-common/createcluster.conf; then
    echo 'create_main_cluster = false' | _accountingsync_pg_as_root tee -a /etc/postgresql-common/createcluster.conf >/dev/null
  fi
  _accountingsync_pg_as_root apt-get update -qq
  _accountingsync_pg_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  ACCOUNTINGSYNC_PG_BIN=$(_accountingsync_pg_bin)
  [ -n "$ACCOUNTINGSYNC_PG_BIN" ] || { echo "postgresql: installation gave no initdb" >&2; return 1; }
fi

# PostgreSQL refuses to run as root: as root, run the server as the postgres user.
_accountingsync_pg_run() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi

ACCOUNTINGSYNC_PG_HOME=$(mktemp -d "${TMPDIR:-/tmp}/accountingsync-pg.XXXXXX")
chmod 755 "$ACCOUNTINGSYNC_PG_HOME"
if [ "$(id -u)" -eq 0 ]; then chown postgres "$ACCOUNTINGSYNC_PG_HOME"; fi
_accountingsync_pg_run "$ACCOUNTINGSYNC_PG_BIN/initdb" -D "$ACCOUNTINGSYNC_PG_HOME/data" -U postgres \
  --auth=trust --encoding=UTF8 --locale=C >"$ACCOUNTINGSYNC_PG_HOME/initdb.log" 2>&1 \
  || { cat "$ACCOUNTINGSYNC_PG_HOME/initdb.log" >&2; return 1; }

_accountingsync_pg_port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

ACCOUNTINGSYNC_PG_PORT=""
for _accountingsync_pg_try in 1 2 3 4 5 6 7 8; do
  _accountingsync_pg_candidate=$((20000 + RANDOM % 20000))
  _accountingsync_pg_port_free "$_accountingsync_pg_candidate" || continue
  # fsync off: a throw-away test cluster needs no durability across power loss, and the tests run faster.
  if _accountingsync_pg_run "$ACCOUNTINGSYNC_PG_BIN/pg_ctl" -D "$ACCOUNTINGSYNC_PG_HOME/data" -w -t 60 \
      -l "$ACCOUNTINGSYNC_PG_HOME/server.log" start -o "-c listen_addresses=127.0.0.1 \
      -c port=$_accountingsync_pg_candidate -c unix_socket_directories=$ACCOUNTINGSYNC_PG_HOME \
      -c max_connections=300 -c fsync=off -c full_page_writes=off" >/dev/null; then
    ACCOUNTINGSYNC_PG_PORT=$_accountingsync_pg_candidate
    break
  fi
done
if [ -z "$ACCOUNTINGSYNC_PG_PORT" ]; then
  echo "postgresql: the server did not start; its log follows" >&2
  cat "$ACCOUNTINGSYNC_PG_HOME/server.log" >&2 || true
  return 1
fi

_accountingsync_pg_stop() {
  if [ -n "${ACCOUNTINGSYNC_PG_HOME:-}" ] && [ -d "$ACCOUNTINGSYNC_PG_HOME/data" ]; then
    _accountingsync_pg_run "$ACCOUNTINGSYNC_PG_BIN/pg_ctl" -D "$ACCOUNTINGSYNC_PG_HOME/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$ACCOUNTINGSYNC_PG_HOME"
  fi
}

# Chain with whatever EXIT trap the sourcing shell already has, so neither replaces the other.
_accountingsync_pg_previous_trap=$(trap -p EXIT)
if [ -n "$_accountingsync_pg_previous_trap" ]; then
  _accountingsync_pg_previous_trap=$(eval "set -- $_accountingsync_pg_previous_trap"; printf '%s' "$3")
fi
# shellcheck disable=SC2064  # expand the previous trap now, on purpose
trap "_accountingsync_pg_stop; ${_accountingsync_pg_previous_trap}" EXIT

"$ACCOUNTINGSYNC_PG_BIN/createdb" -h 127.0.0.1 -p "$ACCOUNTINGSYNC_PG_PORT" -U postgres accountingsync_tests
export ACCOUNTINGSYNC_POSTGRES="Host=127.0.0.1;Port=$ACCOUNTINGSYNC_PG_PORT;Username=postgres;Database=accountingsync_tests"
echo "postgresql: cluster on 127.0.0.1:$ACCOUNTINGSYNC_PG_PORT, data under $ACCOUNTINGSYNC_PG_HOME"
