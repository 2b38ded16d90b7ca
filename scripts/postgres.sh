#!/usr/bin/env bash
# postgres.sh makes a local PostgreSQL 15 with PostGIS for the store tests and prints its URL
# as the last line of stdout (in a script with set -eo pipefail, assign before exporting, so
# that a failure stops it: export alone would hide the exit status):
#
#	CHOT_TEST_POSTGRES="$(scripts/postgres.sh | tail -n1)"
#	export CHOT_TEST_POSTGRES
#
# It installs Debian's postgresql-15 and postgresql-15-postgis-3 when they are missing, keeps
# a private cluster in /tmp/chot-pg (CHOT_PG_DIR) owned by the postgres user, listening on
# 127.0.0.1 only, on the first free port from 54329 (CHOT_PG_PORT) up, and makes the role
# and database chot_test with PostGIS. It is idempotent: a running cluster is reused, a
# stopped one is started again with its data and password. Progress goes to stderr.
set -euo pipefail

VER=15
BIN="/usr/lib/postgresql/$VER/bin"
DIR="${CHOT_PG_DIR:-/tmp/chot-pg}"
DATA="$DIR/data"
NAME=chot_test

log() { echo "postgres.sh: $*" >&2; }

# Root runs the cluster as postgres (which refuses to run as root); anyone else as themself.
if [ "$(id -u)" = 0 ]; then
	OWNER=postgres
	as_owner() { runuser -u postgres -- "$@"; }
else
	OWNER="$(id -un)"
	as_owner() { "$@"; }
fi

install_packages() {
	if [ -x "$BIN/pg_ctl" ] && [ -f "/usr/share/postgresql/$VER/extension/postgis.control" ]; then
		return
	fi
	log "installing postgresql-$VER and postgresql-$VER-postgis-3"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	apt-get install -y -qq --no-install-recommends "postgresql-$VER" "postgresql-$VER-postgis-3" >/dev/null
}

# free_port prints the first port from $1 up that nothing on 127.0.0.1 listens on.
free_port() {
	local p=$1
	while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do
		p=$((p + 1))
	done
	echo "$p"
}

init_cluster() {
	chown "$OWNER" "$DIR"
	chmod 700 "$DIR"
	if [ -f "$DATA/PG_VERSION" ]; then
		return
	fi
	log "initdb $DATA"
	# Local connections go through a socket in $DIR, which only the owner can open.
	as_owner "$BIN/initdb" -D "$DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
		--auth-local=trust --auth-host=scram-sha-256 >/dev/null
	as_owner sh -c "umask 077 && head -c 24 /dev/urandom | base64 | tr '+/' '-_' >'$DIR/password'"
}

start_cluster() {
	local port=""
	if [ -f "$DIR/port" ]; then
		port="$(cat "$DIR/port")"
	fi
	# A server that answers is reused; one still starting up, or still exiting after it was
	# killed, gets up to 10 s to make up its mind.
	for _ in $(seq 50); do
		if [ -n "$port" ] && as_owner "$BIN/pg_isready" -q -h "$DIR" -p "$port"; then
			PORT="$port"
			log "reusing the cluster running on port $PORT"
			return
		fi
		as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1 || break
		sleep 0.2
	done
	PORT="$(free_port "${CHOT_PG_PORT:-54329}")"
	log "starting the cluster on 127.0.0.1:$PORT"
	as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 \
		-o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1" start >/dev/null 9>&- # the server must not hold the lock
	echo "$PORT" | as_owner tee "$DIR/port" >/dev/null
}

# psql_su runs psql as the superuser over the private socket.
psql_su() {
	as_owner "$BIN/psql" -h "$DIR" -p "$PORT" -U postgres -X -q -t -A -v ON_ERROR_STOP=1 "$@"
}

make_database() {
	local pw
	pw="$(cat "$DIR/password")"
	if [ -z "$(psql_su -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '$NAME'")" ]; then
		psql_su -d postgres -c "CREATE ROLE $NAME LOGIN CREATEDB"
	fi
	# From stdin, not -c, so that psql quotes the password as :'pw'.
	echo "ALTER ROLE $NAME PASSWORD :'pw'" | psql_su -d postgres -v pw="$pw" >/dev/null
	if [ -z "$(psql_su -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$NAME'")" ]; then
		psql_su -d postgres -c "CREATE DATABASE $NAME OWNER $NAME"
	fi
	psql_su -d "$NAME" -c "SET client_min_messages = warning" -c "CREATE EXTENSION IF NOT EXISTS postgis"
	PASSWORD="$pw"
}

main() {
	mkdir -p "$DIR"
	exec 9>"$DIR/.lock"
	flock 9 # two runs at once: the second waits, then reuses what the first did
	install_packages
	init_cluster
	start_cluster
	make_database
	log "ready: PostgreSQL $VER with PostGIS $(psql_su -d "$NAME" -c 'SELECT postgis_lib_version()')"
	echo "postgres://$NAME:$PASSWORD@127.0.0.1:$PORT/$NAME?sslmode=disable"
}

main "$@"
