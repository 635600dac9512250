#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL cluster on 127.0.0.1 for the test suite, using
# Debian's postgresql package. Prints the server URL to use as WUYE_TEST_PG_URL.
#   scripts/pg-test-cluster.sh start [dir] [port]    scripts/pg-test-cluster.sh stop [dir]
set -euo pipefail
cmd=${1:-start}
dir=${2:-/tmp/wuye-test-pg}
port=${3:-54329}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ]; then
  echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2
  exit 1
fi
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
case "$cmd" in
  start)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres "$dir"
      as_pg "'$bin/initdb' -D '$dir' -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
    fi
    if ! as_pg "'$bin/pg_ctl' -D '$dir' status" >/dev/null 2>&1; then
      as_pg "'$bin/pg_ctl' -D '$dir' -l '$dir/server.log' -w -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start" >/dev/null
    fi
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_pg "'$bin/pg_ctl' -D '$dir' -m fast -w stop" >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start|stop [dir] [port]" >&2
    exit 2
    ;;
esac
