#!/usr/bin/env bash
# with-postgres.sh COMMAND [ARGS…]
# Starts a throwaway PostgreSQL 15 server on 127.0.0.1 (first free port from 55432) in a
# fresh temporary directory, with scram-sha-256 password authentication for a random test
# role that may create databases, exports its URL as STRATA_TEST_PG_URL (and the data
# directory as STRATA_TEST_PG_DATA, pg_ctl as STRATA_TEST_PG_CTL, so tests can restart it),
# runs COMMAND, and always stops the server and removes its files afterwards, also when
# COMMAND fails or the script is interrupted. Works as root (the server then runs as the
# unprivileged `postgres` user via runuser) and as an ordinary user.
set -euo pipefail

pgbin=${STRATA_PG_BIN:-/usr/lib/postgresql/15/bin}
[[ -x "$pgbin/initdb" ]] || { echo "with-postgres: no PostgreSQL 15 server in $pgbin (scripts/install-deps.sh installs it)" >&2; exit 1; }

run_as=()
if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || { echo "with-postgres: running as root needs the 'postgres' user" >&2; exit 1; }
    run_as=(runuser -u postgres --)
fi

workdir=$(mktemp -d /tmp/strata-pg.XXXXXX)
chmod 755 "$workdir"
datadir="$workdir/data"
sockdir="$workdir/sock"
mkdir -p "$sockdir"
[[ ${#run_as[@]} -gt 0 ]] && chown -R postgres: "$workdir"

cleanup() {
    local rc=$?
    if [[ -f "$datadir/postmaster.pid" ]]; then
        "${run_as[@]}" "$pgbin/pg_ctl" -D "$datadir" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$workdir"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port=55432
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done

role="strata_test"
password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)
pwfile="$workdir/pw"
printf '%s\n' "$password" > "$pwfile"
[[ ${#run_as[@]} -gt 0 ]] && chown postgres: "$pwfile"

"${run_as[@]}" "$pgbin/initdb" -D "$datadir" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$workdir/initdb.log" 2>&1 \
    || { cat "$workdir/initdb.log" >&2; exit 1; }
"${run_as[@]}" "$pgbin/pg_ctl" -D "$datadir" -l "$workdir/server.log" -w \
    -o "-p $port -k $sockdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$workdir/server.log" >&2; exit 1; }

psql_admin=("${run_as[@]}" /usr/bin/psql -X -q -v ON_ERROR_STOP=1 -h "$sockdir" -p "$port" -U postgres -d postgres)
"${psql_admin[@]}" -c "CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password'"
"${psql_admin[@]}" -c "CREATE DATABASE strata_test OWNER $role"
rm -f "$pwfile"

export STRATA_TEST_PG_URL="postgresql://$role:$password@127.0.0.1:$port/strata_test"
export STRATA_TEST_PG_DATA="$datadir"
export STRATA_TEST_PG_CTL="${run_as[*]} $pgbin/pg_ctl"
echo "with-postgres: PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') ready on 127.0.0.1:$port (role $role, database strata_test)"

set +e
"$@"
rc=$?
set -e
exit $rc
