#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (used by .ci/run and by
# test/support/pg-global-setup.ts):
#   pg-cluster.sh start DIR   -> initdb + pg_ctl start on a free 127.0.0.1 port; prints the URL
#   pg-cluster.sh stop DIR    -> pg_ctl stop, then DIR is removed
# initdb refuses to run as root: as root the cluster runs as the `postgres`
# user (Debian's package creates it; created here if missing).
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?directory}

bindir() {
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$found" ] && [ -x "$found/initdb" ]; then echo "$found"; return; fi
  echo "initdb not found: install PostgreSQL (Debian: apt-get install -y postgresql) or set DTE_TEST_PG_URL" >&2
  exit 3
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$(cat "$dir/owner")" -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    bin=$(bindir)
    mkdir -p "$dir"
    owner=$(id -un)
    if [ "$(id -u)" = 0 ]; then
      owner=postgres
      id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
      chown postgres "$dir"
    fi
    echo "$owner" >"$dir/owner"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 4; }
    port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 5; }
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -d "$dir/data" ]; then as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
