#!/usr/bin/env bash
# A throwaway PostgreSQL 15 for the store's tests (a CTest fixture's setup and cleanup).
#   postgresql_cluster.sh start DIR   creates DIR, starts a cluster for it, writes its URL to DIR/url
#   postgresql_cluster.sh stop DIR    stops that cluster and removes DIR; nothing to do when DIR is not there
#   postgresql_cluster.sh crash DIR   stops it as a crash would (pg_ctl stop -m immediate: no checkpoint, crash
#                                     recovery on the next start) and starts it again on the same port
#   postgresql_cluster.sh down DIR / up DIR   stops it (fast) / starts it again on the same port
# GER_POSTGRESQL_DURABLE=1 at start keeps PostgreSQL's durability (fsync, synchronous_commit, full_page_writes
# on), for the tests that prove acknowledged writes survive a crash; by default they are off, for speed.
# Exits 77 (CTest's SKIP_RETURN_CODE, if the fixture wants it) when PostgreSQL 15 is not installed.
# The server runs as an unprivileged account when called as root (CI is root; postgres refuses to run as
# root): GER_POSTGRESQL_USER, default nobody.
set -euo pipefail

readonly marker=.ger-postgresql-cluster
readonly me=${0##*/}

die() {
    echo "$me: $*" >&2
    exit 1
}

usage() {
    echo "usage: $me start DIR | stop DIR" >&2
    exit 2
}

find_bindir() {
    local dir on_path
    on_path=$(command -v pg_ctl 2>/dev/null) && on_path=$(dirname "$(readlink -f "$on_path")")
    for dir in /usr/lib/postgresql/15/bin ${on_path:+"$on_path"}; do
        [[ -x $dir/pg_ctl && -x $dir/initdb && -x $dir/postgres ]] || continue
        # The schema and the tests are written for 15; another major version would fail in less obvious ways.
        if "$dir/postgres" --version | grep -Eq '\(PostgreSQL\) 15(\.|$)'; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

# Runs a command as the account that owns the cluster, from /: the caller's directory (say /root) may be
# closed to that account, and every path given is absolute.
as_owner() {
    local owner=$1
    shift
    if [[ $(id -un) == "$owner" ]]; then
        (cd / && "$@")
    elif command -v runuser >/dev/null; then
        (cd / && runuser -u "$owner" -- "$@")
    else
        (cd / && setpriv --reuid="$owner" --regid="$(id -g "$owner")" --clear-groups -- "$@")
    fi
}

# A loopback port nothing listens on now. Another process may take it before the server binds it; start
# then tries again with another.
free_port() {
    if command -v python3 >/dev/null &&
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' \
            2>/dev/null; then
        return 0
    fi
    local port
    for _ in $(seq 100); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

# Where the cluster's files are: DIR itself, or the directory under /tmp that start chose instead.
cluster_base() {
    local dir=$1
    if [[ -f $dir/base ]]; then cat "$dir/base"; else echo "$dir"; fi
}

start() {
    local dir=$1 bindir owner base port
    bindir=$(find_bindir) || {
        echo "$me: PostgreSQL 15 is not installed (looked in /usr/lib/postgresql/15/bin and PATH);" \
            "install postgresql-15 (Debian/Ubuntu) to run the PostgreSQL store tests" >&2
        exit 77
    }
    if [[ -e $dir/$marker ]]; then
        stop "$dir"  # left over from a run that did not clean up
    elif [[ -e $dir && -n $(ls -A "$dir") ]]; then
        die "$dir exists and is not a cluster this script made; not touching it"
    fi
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    touch "$dir/$marker"

    owner=$(id -un)
    if [[ $(id -u) == 0 ]]; then owner=${GER_POSTGRESQL_USER:-nobody}; fi
    id "$owner" >/dev/null 2>&1 || die "no account $owner to run PostgreSQL as (set GER_POSTGRESQL_USER)"

    # The files go under /tmp instead when the owner cannot reach DIR (a parent closed to it) or DIR's path
    # is too long for the unix socket's (about 107 bytes, the socket's own name included).
    base=$dir
    if [[ $owner != "$(id -un)" ]]; then
        chown "$owner" "$dir"
        if ! as_owner "$owner" test -w "$dir" || ((${#dir} > 80)); then
            base=$(mktemp -d /tmp/ger-pg.XXXXXX)
            touch "$base/$marker"
            chown -R "$owner" "$base"
            echo "$base" >"$dir/base"
        fi
    elif ((${#dir} > 80)); then
        base=$(mktemp -d /tmp/ger-pg.XXXXXX)
        touch "$base/$marker"
        echo "$base" >"$dir/base"
    fi

    # initdb -U makes `ger` the bootstrap superuser, so no separate CREATE ROLE is needed.
    as_owner "$owner" "$bindir/initdb" -D "$base/data" -U ger --auth=trust --encoding=UTF8 --locale=C \
        --no-sync --no-instructions >"$base/initdb.log" 2>&1 ||
        { cat "$base/initdb.log" >&2; die "initdb failed"; }
    as_owner "$owner" mkdir -p "$base/socket"
    # The data is thrown away with the cluster, so durability is traded for speed: a crash loses nothing
    # of value. max_connections leaves room for tests that open many stores at once.
    local durability=off
    [[ ${GER_POSTGRESQL_DURABLE:-0} == 1 ]] && durability=on
    cat >>"$base/data/postgresql.conf" <<EOF

# tests/store/postgresql_cluster.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = '$base/socket'
max_connections = 200
fsync = $durability
synchronous_commit = $durability
full_page_writes = $durability
EOF

    for _ in 1 2 3 4 5; do
        port=$(free_port) || die "no free loopback port"
        if as_owner "$owner" "$bindir/pg_ctl" -D "$base/data" -l "$base/server.log" -o "-p $port" -w -t 60 \
            start >/dev/null; then
            echo "postgresql://ger@127.0.0.1:$port/postgres" >"$dir/url"
            echo "$port" >"$base/port"
            return 0
        fi
        # Only a port taken meanwhile is worth another try.
        grep -q 'could not bind\|Address already in use' "$base/server.log" 2>/dev/null || break
    done
    tail -n 20 "$base/server.log" >&2 2>/dev/null || true
    die "the server did not start (log: $base/server.log)"
}

stop() {
    local dir=$1 base bindir owner
    [[ -e $dir ]] || return 0
    dir=$(cd "$dir" && pwd)
    [[ -e $dir/$marker ]] || die "$dir is not a cluster this script made; not removing it"
    base=$(cluster_base "$dir")
    if [[ -f $base/data/postmaster.pid ]]; then
        bindir=$(find_bindir) || die "PostgreSQL 15 is not installed; cannot stop the cluster in $base"
        owner=$(stat -c %U "$base/data")
        # NOTE: immediate: the data goes with the cluster, so a clean shutdown's checkpoint is time spent for
        # nothing (on a loaded machine, over a minute after a suite's databases).
        as_owner "$owner" "$bindir/pg_ctl" -D "$base/data" -m immediate -w -t 60 stop >/dev/null 2>&1 ||
            echo "$me: warning: could not stop the server in $base (not running?)" >&2
    fi
    if [[ $base != "$dir" && -e $base/$marker ]]; then rm -rf -- "$base"; fi
    rm -rf -- "$dir"
}

# pg_ctl on the running cluster in DIR, as its owner.
control() {
    local dir=$1 base bindir owner
    shift
    dir=$(cd "$dir" && pwd)
    [[ -e $dir/$marker ]] || die "$dir is not a cluster this script made"
    base=$(cluster_base "$dir")
    bindir=$(find_bindir) || die "PostgreSQL 15 is not installed"
    owner=$(stat -c %U "$base/data")
    as_owner "$owner" "$bindir/pg_ctl" -D "$base/data" -l "$base/server.log" "$@" >/dev/null
}

up() {
    local base
    base=$(cluster_base "$(cd "$1" && pwd)")
    control "$1" -o "-p $(cat "$base/port")" -w -t 60 start
}

[[ $# == 2 && -n $2 ]] || usage
case $1 in
    start) start "$2" ;;
    stop) stop "$2" ;;
    crash) control "$2" -m immediate -w -t 60 stop && up "$2" ;;
    down) control "$2" -m fast -w -t 60 stop ;;
    up) up "$2" ;;
    *) usage ;;
esac
