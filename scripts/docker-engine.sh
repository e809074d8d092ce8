#!/usr/bin/env bash
# Makes sure a Docker engine answers on the local socket (Debian 12, see shared/MACHINE-NOTES.md).
#
#   scripts/docker-engine.sh [--with-test-tools] [--with-browser]
#   scripts/docker-engine.sh --restart
#
#   --with-test-tools  also install busybox-static (tests build images from /usr/bin/busybox),
#                      docker-registry and apache2-utils (htpasswd)
#   --with-browser     also install Debian's chromium and chromium-driver
#   --restart          stop the dockerd this script started (SIGTERM, wait for it to exit) and start
#                      it again with the same command line; EngineFaultIT uses it
#
# dockerd is started with --live-restore, so that its containers keep running while it restarts
# (docs/operations.md). A dockerd this script started earlier without it is restarted once with it.
# The dockerd "this script started" is the one named by $DOCKERD_PIDFILE (default /var/run/docker.pid);
# `docker info` is asked on $DOCKER_HOST, as every client does.
#
# Idempotent and silent when everything is already present and the engine answers.
# Installing packages or starting dockerd needs root. Note: /usr/local/bin/docker may be a newer
# client than Debian's engine (docker.io 20.10, API 1.41); the client negotiates down, that is fine.
set -euo pipefail

with_test_tools=false
with_browser=false
restart=false
for arg in "$@"; do
  case "$arg" in
    --with-test-tools) with_test_tools=true ;;
    --with-browser) with_browser=true ;;
    --restart) restart=true ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "docker-engine.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

log_dir="${TMPDIR:-/tmp}"
dockerd_log="$log_dir/redeploy-dockerd.log"
apt_log="$log_dir/redeploy-apt.log"
apt_updated=false
pid_file="${DOCKERD_PIDFILE:-/var/run/docker.pid}"

is_root() { [ "$(id -u)" -eq 0 ]; }

engine_answers() { timeout 10 docker info >/dev/null 2>&1; }

# apt_install PACKAGE... : installs with apt-get (apt-get update once per run).
apt_install() {
  if ! is_root; then
    echo "docker-engine.sh: missing package(s) $*; run this script as root (or: sudo apt-get install -y $*)" >&2
    exit 1
  fi
  echo "docker-engine.sh: installing $* (log: $apt_log)" >&2
  if ! $apt_updated; then
    if ! apt-get update -q >>"$apt_log" 2>&1; then
      echo "docker-engine.sh: apt-get update failed:" >&2
      tail -n 20 "$apt_log" >&2
      exit 1
    fi
    apt_updated=true
  fi
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >>"$apt_log" 2>&1; then
    echo "docker-engine.sh: apt-get install $* failed:" >&2
    tail -n 20 "$apt_log" >&2
    exit 1
  fi
}

# need COMMAND PACKAGE : installs PACKAGE when COMMAND is not on the PATH.
need() {
  command -v "$1" >/dev/null 2>&1 || apt_install "$2"
}

if $with_test_tools; then
  # Images are built from /usr/bin/busybox, which must be the static one (package busybox-static).
  if ! command -v busybox >/dev/null 2>&1 \
      || ! dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'ok installed'; then
    apt_install busybox-static
  fi
  need docker-registry docker-registry
  need htpasswd apache2-utils
fi

if $with_browser; then
  need chromium chromium
  need chromedriver chromium-driver
fi

fail() {
  echo "docker-engine.sh: $1; tail of $dockerd_log:" >&2
  tail -n 40 "$dockerd_log" >&2 2>/dev/null || echo "(no log at $dockerd_log)" >&2
  exit 1
}

# await_engine : waits up to 60 s for the engine to answer.
await_engine() {
  local deadline=$((SECONDS + 60))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if engine_answers; then
      return 0
    fi
    sleep 1
    pgrep -x dockerd >/dev/null 2>&1 || fail "dockerd exited"
  done
  fail "the Docker engine did not answer within 60 s"
}

# start_dockerd ARG... : starts dockerd with these arguments, detached, and waits for it to answer.
start_dockerd() {
  # A pid file left by a dockerd that was killed makes a new one refuse to start.
  rm -f "$pid_file"
  echo "docker-engine.sh: starting $* (log: $dockerd_log)" >&2
  # setsid: the engine must outlive this script and its process group.
  nohup setsid "$@" </dev/null >>"$dockerd_log" 2>&1 &
  await_engine
}

# our_dockerd : prints the pid of the dockerd named by the pid file, if it runs.
our_dockerd() {
  local pid
  pid="$(cat "$pid_file" 2>/dev/null || true)"
  if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null || true)" = dockerd ]; then
    echo "$pid"
  fi
}

# running PID : whether the process runs (a zombie does not: nothing may reap it here).
running() {
  [ -r "/proc/$1/stat" ] && ! awk '{ exit ($3 == "Z") ? 0 : 1 }' "/proc/$1/stat" 2>/dev/null
}

# restart_dockerd PID : stops that dockerd and starts it again with its own command line, plus
# --live-restore when it lacked it.
restart_dockerd() {
  local pid=$1 arg live=false
  local -a command=()
  mapfile -d '' -t command <"/proc/$pid/cmdline"
  for arg in "${command[@]}"; do
    case "$arg" in --live-restore|--live-restore=true) live=true ;; esac
  done
  $live || command+=(--live-restore)
  echo "docker-engine.sh: stopping dockerd ($pid)" >&2
  kill -TERM "$pid"
  local deadline=$((SECONDS + 60))
  while running "$pid"; do
    [ "$SECONDS" -lt "$deadline" ] || fail "dockerd ($pid) did not stop within 60 s of SIGTERM"
    sleep 0.2
  done
  start_dockerd "${command[@]}"
}

if $restart; then
  is_root || { echo "docker-engine.sh: --restart needs root" >&2; exit 1; }
  pid="$(our_dockerd)"
  [ -n "$pid" ] || { echo "docker-engine.sh: --restart: no dockerd runs under $pid_file" >&2; exit 1; }
  restart_dockerd "$pid"
  exit 0
fi

# Docker engine and client (Debian's docker.io provides both dockerd and docker).
if command -v docker >/dev/null 2>&1 && engine_answers; then
  pid="$(our_dockerd)"
  if [ -n "$pid" ] && is_root \
      && [ "$(timeout 10 docker info --format '{{.LiveRestoreEnabled}}' 2>/dev/null)" = false ]; then
    echo "docker-engine.sh: the running dockerd lacks --live-restore; restarting it once with it" >&2
    restart_dockerd "$pid"
  fi
  exit 0
fi
if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
  apt_install docker.io
fi

if ! pgrep -x dockerd >/dev/null 2>&1; then
  if ! is_root; then
    echo "docker-engine.sh: no Docker engine answers and dockerd is not running; start it as root (dockerd --live-restore &)" >&2
    exit 1
  fi
  start_dockerd dockerd --live-restore
fi
await_engine
