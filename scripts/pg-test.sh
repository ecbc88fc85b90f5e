#!/usr/bin/env bash
# pg-test.sh — a scratch PostgreSQL 15 cluster on a free loopback port, for the
# hub's tests, CI and trying the hub out (../shared/docs/platform.md,
# "PostgreSQL for the hub's tests").
#
#   scripts/pg-test.sh start DIR   create (if needed) and start a cluster in DIR;
#                                  prints its URL on stdout (one line)
#   scripts/pg-test.sh stop DIR    stop it (fast shutdown); DIR is kept
#   scripts/pg-test.sh url DIR     print the URL of a running cluster
#   scripts/pg-test.sh run -- CMD… start a cluster in a temporary folder, run CMD
#                                  with MOTCUA_PG set to its URL, stop and remove it
#
# As root the server runs as the postgres user (it refuses to run as root);
# otherwise as the current user. It binds to 127.0.0.1 only, with trust
# authentication: never use it for real data.
set -euo pipefail

PGBIN=${PGBIN:-}
if [[ -z "$PGBIN" ]]; then
	for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
		if [[ -x "$d/initdb" ]]; then PGBIN=$d; break; fi
	done
fi
if [[ -z "$PGBIN" && -n "$(command -v initdb || true)" ]]; then PGBIN=$(dirname "$(command -v initdb)"); fi
if [[ -z "$PGBIN" || ! -x "$PGBIN/initdb" ]]; then
	echo "pg-test.sh: PostgreSQL server binaries not found (install Debian's postgresql package, or set PGBIN)" >&2
	exit 3
fi

as_owner() {
	if [[ $(id -u) -eq 0 ]]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

free_port() {
	# Ask the kernel for a free port on loopback.
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null && return
	local p
	for p in $(seq 25432 25532); do
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
	done
	echo "pg-test.sh: no free port" >&2
	exit 1
}

url_of() { echo "postgres://postgres@127.0.0.1:$(cat "$1/port")/postgres?sslmode=disable"; }

start() {
	local dir=$1
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	if [[ $(id -u) -eq 0 ]]; then
		chown postgres: "$dir"
		# The postgres user must reach DIR through its parents.
		local p=$dir
		while [[ "$p" != "/" ]]; do p=$(dirname "$p"); chmod o+x "$p" 2>/dev/null || true; done
	fi
	if [[ ! -f "$dir/data/PG_VERSION" ]]; then
		as_owner "$PGBIN/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
			as_owner "$PGBIN/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 || {
			cat "$dir/initdb.log" >&2
			exit 1
		}
	fi
	local port
	port=$(free_port)
	echo "$port" >"$dir/port"
	chmod 644 "$dir/port"
	as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 \
		-o "-p $port -k $dir/data -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
		start >"$dir/pg_ctl.log" 2>&1 || {
		cat "$dir/pg_ctl.log" "$dir/data/server.log" >&2 2>/dev/null || true
		exit 1
	}
	url_of "$dir"
}

stop() {
	local dir=$1
	[[ -f "$dir/data/postmaster.pid" ]] || return 0
	as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
}

cmd=${1:-}
case "$cmd" in
start) [[ $# -eq 2 ]] || { echo "usage: pg-test.sh start DIR" >&2; exit 2; }; start "$2" ;;
stop) [[ $# -eq 2 ]] || { echo "usage: pg-test.sh stop DIR" >&2; exit 2; }; stop "$2" ;;
url) [[ $# -eq 2 ]] || { echo "usage: pg-test.sh url DIR" >&2; exit 2; }; url_of "$2" ;;
run)
	shift
	[[ "${1:-}" == "--" ]] && shift
	[[ $# -ge 1 ]] || { echo "usage: pg-test.sh run -- CMD [ARGS…]" >&2; exit 2; }
	dir=$(mktemp -d /tmp/motcua-pg.XXXXXX)
	trap 'stop "$dir"; rm -rf "$dir"' EXIT
	MOTCUA_PG=$(start "$dir")
	export MOTCUA_PG
	echo "pg-test.sh: PostgreSQL at $MOTCUA_PG" >&2
	"$@"
	;;
*)
	echo "usage: pg-test.sh start DIR | stop DIR | url DIR | run -- CMD…" >&2
	exit 2
	;;
esac
