#!/usr/bin/env bash
# CollabEdit on several servers, on this machine, from Debian's packages:
#   scripts/cluster.sh start   PostgreSQL, Redis, two app servers and nginx in front of them, on free loopback ports;
#                              prints the load balancer's URL alone on its last line. Environment variables given to
#                              it (CollabEdit__Access__Mode=Open, …) reach every app server. COLLABEDIT_CLUSTER_SERVERS
#                              sets how many app servers (default 2; the benchmark compares 1 and 2).
#   scripts/cluster.sh stop    stops everything it started, by pid.
#   scripts/cluster.sh status  what is running.
# State, logs and pids live in $COLLABEDIT_CLUSTER_DIR (default artifacts/cluster).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
state=${COLLABEDIT_CLUSTER_DIR:-$root/artifacts/cluster}
servers=${COLLABEDIT_CLUSTER_SERVERS:-2}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
# PostgreSQL refuses to run as root: its commands run as the postgres user then.
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
# A free port below the kernel's ephemeral range: a port from that range (what binding port 0 gives) can be taken by
# any outgoing connection (an app server's to PostgreSQL, say) between the moment it is chosen and nginx binding it.
# Arguments: ports already chosen, not to be chosen again.
free_port() {
  python3 - "$@" <<'PY'
import random, socket, sys
low = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
taken = {int(p) for p in sys.argv[1:]}
for _ in range(200):
    port = random.randint(max(1025, low - 12000), low - 1)
    if port in taken:
        continue
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
    print(port)
    break
else:
    raise SystemExit("no free port below the ephemeral range")
PY
}
wait_for_http() { # url seconds
  for _ in $(seq $(($2 * 10))); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "no answer from $1 after $2 s" >&2
  return 1
}

install_missing() {
  local missing=()
  ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  command -v curl >/dev/null || missing+=(curl)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} from Debian's packages..." >&2
    as_root apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  fi
}

start() {
  if [ -f "$state/started" ]; then
    echo "already started ($state); run scripts/cluster.sh stop first" >&2
    exit 1
  fi
  install_missing
  mkdir -p "$state"
  touch "$state/started"
  # Whatever fails from here on, what was started is stopped again.
  trap 'echo "start failed; stopping what was started (logs in $state)" >&2; stop >&2' ERR

  local pg_port redis_port lb_port app_ports
  pg_port=$(free_port); redis_port=$(free_port "$pg_port"); lb_port=$(free_port "$pg_port" "$redis_port")
  app_ports=()
  for _ in $(seq "$servers"); do app_ports+=("$(free_port "$pg_port" "$redis_port" "$lb_port" "${app_ports[@]}")"); done

  # PostgreSQL: a cluster of its own in a folder the postgres user owns.
  local pgbin pgdata
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  pgdata=$(mktemp -d /tmp/collabedit-cluster-pg-XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres "$pgdata"
  echo "$pgdata" > "$state/pgdata"
  echo "$pgbin" > "$state/pgbin"
  as_postgres "$pgbin/initdb" -D "$pgdata/data" -U postgres --auth=trust -E UTF8 >"$state/postgres-init.log"
  as_postgres "$pgbin/pg_ctl" -D "$pgdata/data" -l "$pgdata/postgres.log" -w \
    -o "-p $pg_port -k $pgdata -c listen_addresses=127.0.0.1 -c max_connections=400" start >&2
  as_postgres "$pgbin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE collabedit" >&2

  # Redis: no persistence (it carries announcements, keys and limits, not documents).
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$state/redis.pid" --logfile "$state/redis.log"

  # The app, published once (the build output serves no static assets outside Development), unless given one
  # already published (COLLABEDIT_CLUSTER_PUBLISHED: the benchmark starts clusters over and over).
  local app=${COLLABEDIT_CLUSTER_PUBLISHED:-$state/app}
  [ -n "${COLLABEDIT_CLUSTER_PUBLISHED:-}" ] || dotnet publish src/CollabEdit.Web -c Release -o "$app" -nologo -v quiet >&2
  local i=0
  for port in "${app_ports[@]}"; do
    i=$((i + 1))
    ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production} \
    ASPNETCORE_URLS="http://127.0.0.1:$port" \
    CollabEdit__Storage__Provider=Postgres \
    ConnectionStrings__CollabEdit="Host=127.0.0.1;Port=$pg_port;Database=collabedit;Username=postgres" \
    CollabEdit__Redis__Configuration="127.0.0.1:$redis_port" \
    CollabEdit__Proxy__KnownProxies__0=127.0.0.1 \
      nohup dotnet "$app/CollabEdit.Web.dll" >"$state/app-$i.log" 2>&1 &
    echo $! > "$state/app-$i.pid"
    echo "$port" > "$state/app-$i.port"
    # One at a time: the first applies the migrations and seeds, the second finds them done.
    wait_for_http "http://127.0.0.1:$port/health" 60
  done

  # nginx: sticky by a cookie it sets itself (the first request's id), so a browser's circuit and hub connection stay
  # on one server; a server that stops answering is skipped, and its clients move to the other.
  mkdir -p "$state/nginx-temp"
  cat > "$state/nginx.conf" <<EOF
worker_processes 1;
pid $state/nginx.pid;
error_log $state/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $state/nginx-temp/body;
  proxy_temp_path $state/nginx-temp/proxy;
  fastcgi_temp_path $state/nginx-temp/fastcgi;
  uwsgi_temp_path $state/nginx-temp/uwsgi;
  scgi_temp_path $state/nginx-temp/scgi;
  client_max_body_size 20m;

  map \$http_upgrade \$connection_upgrade { default upgrade; '' ''; }
  map \$cookie_collabedit_route \$route { '' \$request_id; default \$cookie_collabedit_route; }

  upstream collabedit {
    hash \$route consistent;
$(for port in "${app_ports[@]}"; do echo "    server 127.0.0.1:$port max_fails=1 fail_timeout=10s;"; done)
    keepalive 64;
  }

  server {
    listen 127.0.0.1:$lb_port;
    location / {
      proxy_pass http://collabedit;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_read_timeout 1h;
      proxy_buffering off;
      proxy_next_upstream error timeout http_502;
      add_header Set-Cookie "collabedit_route=\$route; Path=/; HttpOnly; SameSite=Lax" always;
      # Which server answered: for the cluster tests and for whoever reads the logs (loopback only here).
      add_header X-CollabEdit-Upstream \$upstream_addr always;
    }
  }
}
EOF
  /usr/sbin/nginx -p "$state" -c "$state/nginx.conf"
  wait_for_http "http://127.0.0.1:$lb_port/health" 20
  echo "$lb_port" > "$state/lb.port"
  trap - ERR
  echo "PostgreSQL 127.0.0.1:$pg_port, Redis 127.0.0.1:$redis_port, app servers on ports ${app_ports[*]}; logs in $state" >&2
  echo "http://127.0.0.1:$lb_port"
}

stop_pid() { # pidfile
  [ -f "$1" ] || return 0
  local pid
  pid=$(cat "$1")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$1"
}

stop() {
  [ -d "$state" ] || return 0
  if [ -f "$state/nginx.pid" ]; then
    /usr/sbin/nginx -p "$state" -c "$state/nginx.conf" -s quit 2>/dev/null || true
    for _ in $(seq 50); do [ -f "$state/nginx.pid" ] || break; sleep 0.1; done
    stop_pid "$state/nginx.pid"
  fi
  for pidfile in "$state"/app-*.pid; do stop_pid "$pidfile"; done
  stop_pid "$state/redis.pid"
  if [ -f "$state/pgdata" ]; then
    local pgdata pgbin
    pgdata=$(cat "$state/pgdata"); pgbin=$(cat "$state/pgbin")
    if [ -f "$pgdata/data/postmaster.pid" ]; then
      as_postgres "$pgbin/pg_ctl" -D "$pgdata/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$pgdata"
    rm -f "$state/pgdata" "$state/pgbin"
  fi
  rm -f "$state/started" "$state/lb.port"
}

status() {
  local names=(nginx redis)
  for pidfile in "$state"/app-*.pid; do [ -f "$pidfile" ] && names+=("$(basename "$pidfile" .pid)"); done
  for name in "${names[@]}"; do
    if [ -f "$state/$name.pid" ] && kill -0 "$(cat "$state/$name.pid")" 2>/dev/null; then
      echo "$name: running (pid $(cat "$state/$name.pid"))"
    else
      echo "$name: stopped"
    fi
  done
  if [ -f "$state/lb.port" ]; then echo "http://127.0.0.1:$(cat "$state/lb.port")"; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: scripts/cluster.sh start|stop|status" >&2; exit 2 ;;
esac
