#!/usr/bin/env bash
# A throwaway PostgreSQL primary and one streaming replica on 127.0.0.1 (pg_basebackup -R), for
# the read-replica test (src/server/replica.pg.test.ts) and for trying DATABASE_READ_URL by hand.
#   scripts/pg-replica-pair.sh start <dir> <primary-port> <replica-port>   prints the two URLs
#   scripts/pg-replica-pair.sh stop <dir>
set -euo pipefail
cmd=${1:-start}
dir=${2:?dir}
bin=${WUYE_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2
  exit 1
fi
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
opts="-k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50 -c shared_buffers=16MB"
case "$cmd" in
  start)
    pport=${3:?primary port}
    rport=${4:?replica port}
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_pg "'$bin/initdb' -N -D '$dir/primary' -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
    as_pg "'$bin/pg_ctl' -D '$dir/primary' -l '$dir/primary.log' -w -o \"-p $pport $opts -c wal_level=replica -c max_wal_senders=4\" start" >/dev/null
    as_pg "'$bin/pg_basebackup' -h 127.0.0.1 -p $pport -U postgres -D '$dir/replica' -R -X stream --checkpoint=fast --no-sync" >/dev/null
    as_pg "'$bin/pg_ctl' -D '$dir/replica' -l '$dir/replica.log' -w -o \"-p $rport $opts -c hot_standby=on\" start" >/dev/null
    echo "postgres://postgres@127.0.0.1:$pport/postgres postgres://postgres@127.0.0.1:$rport/postgres"
    ;;
  stop)
    for d in replica primary; do
      [ -d "$dir/$d" ] && as_pg "'$bin/pg_ctl' -D '$dir/$d' -m immediate -w stop" >/dev/null 2>&1 || true
    done
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start <dir> <primary-port> <replica-port> | stop <dir>" >&2
    exit 2
    ;;
esac
