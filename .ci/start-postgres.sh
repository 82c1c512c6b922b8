#!/usr/bin/env bash
# Start a throw-away PostgreSQL cluster on a free loopback port and print its SQLAlchemy URL.
# Usage: eval "$(bash .ci/start-postgres.sh /tmp/skillmap-pg)"   -> exports SKILLMAP_TEST_PG_URL
# PostgreSQL refuses to run as root, so as root the cluster runs as the 'postgres' user.
set -euo pipefail
dir=${1:-/tmp/skillmap-pg}
initdb_path=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
[ -n "$initdb_path" ] || { echo "no PostgreSQL server (initdb) under /usr/lib/postgresql: apt-get install postgresql" >&2; exit 1; }
bindir=$(dirname "$initdb_path")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
rm -rf "$dir"; mkdir -p "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
user=$([ "$(id -u)" = 0 ] && echo postgres || id -un)
run "$bindir/initdb" -D "$dir/data" -U "$user" --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
run "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
echo "export SKILLMAP_TEST_PG_URL=postgresql+psycopg://$user@127.0.0.1:$port/postgres"
echo "export SKILLMAP_TEST_PG_DIR=$dir"
