#!/usr/bin/env bash
# A redeploy done by hand with the docker CLI: the floor the benchmark (scripts/bench.sh) holds the
# service to. It does the same job on one container: archive the kept paths while it still runs
# (docker cp | gzip -1), stop it, set it aside, create the new one with the same network, host name,
# volumes and labels, copy the archives back, start it and check that it runs.
#
#   scripts/docker-cli-redeploy.sh CONTAINER NEW_IMAGE WORK_DIR PATH...
#
# The old container is left stopped as CONTAINER-old (the rollback copy). Prints one line per
# phase, "<phase> <milliseconds>": plan, archive, stop, create, restore, start.
# What a hand-written script skips and the service does not: checksums and a re-read of the
# archives, a journal, a rollback on failure, the node's settings from a database, a registry check.
set -euo pipefail

if [ "$#" -lt 4 ]; then
  sed -n '2,12p' "$0" >&2
  exit 2
fi
container=$1 image=$2 work=$3
shift 3

now() { date +%s%N; }
phase() { echo "$1 $(( ($(now) - $2) / 1000000 ))"; }

mkdir -p "$work"

t=$(now)
name=$(docker inspect --format '{{.Name}}' "$container")
name=${name#/}
# the settings the new container needs, as create flags (labels and names without spaces)
# shellcheck disable=SC2016
settings=$(docker inspect --format '--hostname={{.Config.Hostname}}
{{- range $net, $_ := .NetworkSettings.Networks}} --network={{$net}}{{end}}
{{- range .Mounts}}{{if eq .Type "volume"}} --volume={{.Name}}:{{.Destination}}{{end}}{{end}}
{{- range $key, $value := .Config.Labels}} --label={{$key}}={{$value}}{{end}}' "$container")
phase plan "$t"

t=$(now)
i=0
for path in "$@"; do
  docker cp "$container:$path" - | gzip -1 > "$work/$i.tar.gz"
  i=$((i + 1))
done
phase archive "$t"

t=$(now)
docker stop --time 10 "$container" > /dev/null
docker rename "$container" "$name-old"
phase stop "$t"

t=$(now)
# shellcheck disable=SC2086
docker create --name "$name" $settings "$image" > /dev/null
phase create "$t"

t=$(now)
i=0
for path in "$@"; do
  gzip -dc "$work/$i.tar.gz" | docker cp - "$name:$(dirname "$path")"
  i=$((i + 1))
done
phase restore "$t"

t=$(now)
docker start "$name" > /dev/null
[ "$(docker inspect --format '{{.State.Running}}' "$name")" = true ] || { echo "$name is not running" >&2; exit 1; }
phase start "$t"
