#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1:${PGPORT:-54329} owned by the postgres user,
# trusting local connections, and prints the URL to use. Idempotent within one machine session.
set -euo pipefail
port="${PGPORT:-54329}"
dir="${PGDATA_DIR:-/tmp/cartlift-pg}"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
if ! pg_isready -h 127.0.0.1 -p "$port" -q 2>/dev/null; then
  rm -rf "$dir" && mkdir -p "$dir" && chown postgres:postgres "$dir"
  su postgres -c "$bin/initdb -D $dir/data -A trust -U postgres --encoding=UTF8 --locale=C.UTF-8" >/dev/null
  su postgres -c "$bin/pg_ctl -D $dir/data -l $dir/log -o '-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off' -w start" >/dev/null
fi
echo "postgresql://postgres@127.0.0.1:${port}/postgres"
