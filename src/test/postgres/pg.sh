#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests and benchmarks: Debian's package, a cluster in a folder of
# your choosing, no Docker and no system service. Run as root (initdb and the server run as the `postgres`
# OS user) or as any other user when PostgreSQL is already installed.
#
#   pg.sh install       installs Debian's postgresql unless some /usr/lib/postgresql/*/bin/pg_ctl exists;
#                       the cluster Debian creates on 5432 is left stopped
#   pg.sh start DIR     creates a cluster in DIR (made if missing), starts it on a free port of 127.0.0.1 with
#                       a database deal_advisor owned by user deal_advisor, and prints the connection facts:
#                         port=...  url=jdbc:postgresql://127.0.0.1:PORT/deal_advisor  username=...  password=...
#   pg.sh restart DIR   starts the cluster again (stopping it first if it runs) on the same port; prints the same
#   pg.sh reset DIR     drops and creates the deal_advisor database, empty (the server must be running)
#   pg.sh stop DIR      fast shutdown: sessions are ended, the port refuses connections until restart
#   pg.sh remove DIR    stops the server if it runs and deletes DIR
#
# Durability is switched off (fsync, synchronous_commit): a crash of the machine loses a test cluster anyway.
# Its log is DIR/server.log; the Unix socket (for the superuser `postgres`, no password) is in DIR.
set -euo pipefail

DATABASE=deal_advisor
USERNAME=deal_advisor

die() {
  echo "pg.sh: $*" >&2
  exit 1
}

# The newest installed version's programs.
bin_dir() {
  local newest
  newest=$(printf '%s\n' /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)
  [ -x "$newest" ] || die "PostgreSQL is not installed: run 'pg.sh install' as root"
  dirname "$newest"
}

# The server refuses to run as root, so as root everything on the cluster runs as `postgres`.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

install() {
  if compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' > /dev/null; then
    return
  fi
  [ "$(id -u)" = 0 ] || die "PostgreSQL is not installed and only root can install it (apt-get install postgresql)"
  echo "pg.sh: installing Debian's postgresql" >&2
  # Tell the package scripts not to start services, unless the machine already says so.
  local policy=/usr/sbin/policy-rc.d added=
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod +x "$policy"
    added=yes
  fi
  local status=0
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >&2 || status=$?
  [ -z "$added" ] || rm -f "$policy"
  [ "$status" = 0 ] || die "apt-get install postgresql failed"
  # Where a service manager started Debian's own cluster anyway, stop it: nothing of ours listens on 5432.
  if command -v pg_lsclusters > /dev/null; then
    pg_lsclusters --no-header | while read -r version name _ status _; do
      if [ "$status" = online ]; then
        pg_ctlcluster "$version" "$name" stop >&2 || true
      fi
    done
  fi
}

facts() {
  cat "$DIR/connection"
}

running() {
  [ -f "$DIR/data/postmaster.pid" ] && as_owner "$BIN/pg_ctl" -D "$DIR/data" status > /dev/null 2>&1
}

# Starts the server on the configured port; on failure shows what the server said, kept in FAILURE.
launch() {
  local lines=0
  [ ! -f "$DIR/server.log" ] || lines=$(wc -l < "$DIR/server.log")
  if ! as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start > /dev/null; then
    FAILURE=$(tail -n +"$((lines + 1))" "$DIR/server.log" 2> /dev/null || true)
    echo "$FAILURE" >&2
    return 1
  fi
}

port_in_use() {
  (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null
}

start() {
  [ ! -e "$DIR/data" ] || die "$DIR already holds a cluster"
  mkdir -p "$DIR"
  chmod 700 "$DIR" # the connection file holds the password
  [ "$(id -u)" != 0 ] || chown postgres: "$DIR"
  as_owner "$BIN/initdb" -D "$DIR/data" --username=postgres --encoding=UTF8 --locale=C \
    --auth-local=trust --auth-host=scram-sha-256 --no-sync > "$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; die "initdb failed in $DIR"; }
  as_owner tee -a "$DIR/data/postgresql.conf" > /dev/null <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
include = 'port.conf'
EOF
  # A port nobody listens on may still be taken by the time the server binds it: then try another.
  local port='' _
  for _ in $(seq 20); do
    port=$((20000 + RANDOM % 12000)) # below Linux's range for outgoing connections (32768 and up)
    port_in_use "$port" && continue
    echo "port = $port" | as_owner tee "$DIR/data/port.conf" > /dev/null
    if launch; then
      break
    fi
    grep -q 'could not create any TCP/IP sockets\|Address already in use' <<< "$FAILURE" \
      || die "the server did not start; see $DIR/server.log"
    port=
  done
  [ -n "$port" ] || die "found no free port for the server"
  local password
  password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  psql_super postgres -c "CREATE ROLE $USERNAME LOGIN PASSWORD '$password'" > /dev/null
  psql_super postgres -c "CREATE DATABASE $DATABASE OWNER $USERNAME" > /dev/null
  cat > "$DIR/connection" <<EOF
port=$port
url=jdbc:postgresql://127.0.0.1:$port/$DATABASE
username=$USERNAME
password=$password
EOF
  facts
}

psql_super() {
  local database=$1
  shift
  as_owner "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$DIR" -p "$(sed -n 's/^port = //p' "$DIR/data/port.conf")" \
    -U postgres -d "$database" "$@"
}

stop() {
  if running; then
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w -t 60 stop > /dev/null
  fi
}

command=${1:-}
case "$command" in
  install)
    install
    ;;
  start | restart | reset | stop | remove)
    [ $# = 2 ] || die "usage: pg.sh $command DIR"
    DIR=$(realpath -m "$2")
    BIN=$(bin_dir)
    case "$command" in
      start) start ;;
      restart)
        [ -f "$DIR/connection" ] || die "no cluster in $DIR: use 'pg.sh start $DIR'"
        stop
        launch || die "the server did not start again; see $DIR/server.log"
        facts
        ;;
      reset)
        psql_super postgres -c "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)" \
          -c "CREATE DATABASE $DATABASE OWNER $USERNAME" > /dev/null
        ;;
      stop) stop ;;
      remove)
        if [ -d "$DIR/data" ]; then
          stop
        fi
        rm -rf "$DIR"
        ;;
    esac
    ;;
  *)
    die "usage: pg.sh install | start DIR | restart DIR | reset DIR | stop DIR | remove DIR"
    ;;
esac
