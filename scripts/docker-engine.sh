#!/usr/bin/env bash
# Makes sure a Docker engine answers on the local socket (Debian 12, see shared/MACHINE-NOTES.md).
#
#   scripts/docker-engine.sh [--with-test-tools] [--with-browser]
#
#   --with-test-tools  also install busybox-static (tests build images from /usr/bin/busybox),
#                      docker-registry and apache2-utils (htpasswd)
#   --with-browser     also install Debian's chromium and chromium-driver
#
# Idempotent and silent when everything is already present and the engine answers.
# Installing packages or starting dockerd needs root. Note: /usr/local/bin/docker may be a newer
# client than Debian's engine (docker.io 20.10, API 1.41); the client negotiates down, that is fine.
set -euo pipefail

with_test_tools=false
with_browser=false
for arg in "$@"; do
  case "$arg" in
    --with-test-tools) with_test_tools=true ;;
    --with-browser) with_browser=true ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "docker-engine.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

log_dir="${TMPDIR:-/tmp}"
dockerd_log="$log_dir/redeploy-dockerd.log"
apt_log="$log_dir/redeploy-apt.log"
apt_updated=false

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

# Docker engine and client (Debian's docker.io provides both dockerd and docker).
if command -v docker >/dev/null 2>&1 && engine_answers; then
  exit 0
fi
if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
  apt_install docker.io
fi

if ! pgrep -x dockerd >/dev/null 2>&1; then
  if ! is_root; then
    echo "docker-engine.sh: no Docker engine answers and dockerd is not running; start it as root (dockerd &)" >&2
    exit 1
  fi
  # A pid file left by a dockerd that was killed makes a new one refuse to start.
  if [ -f /var/run/docker.pid ]; then
    rm -f /var/run/docker.pid
  fi
  echo "docker-engine.sh: starting dockerd (log: $dockerd_log)" >&2
  # setsid: the engine must outlive this script and its process group.
  nohup setsid dockerd </dev/null >>"$dockerd_log" 2>&1 &
fi

fail() {
  echo "docker-engine.sh: $1; tail of $dockerd_log:" >&2
  tail -n 40 "$dockerd_log" >&2 2>/dev/null || echo "(no log at $dockerd_log)" >&2
  exit 1
}

deadline=$((SECONDS + 60))
while [ "$SECONDS" -lt "$deadline" ]; do
  if engine_answers; then
    exit 0
  fi
  sleep 1
  pgrep -x dockerd >/dev/null 2>&1 || fail "dockerd exited"
done
fail "the Docker engine did not answer within 60 s"
