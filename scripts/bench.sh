#!/usr/bin/env bash
# The benchmark suite (docs/performance.md): builds the project, makes sure a Docker engine and the
# test tools are there, then runs io.redeploy.bench.Benchmarks, which starts the service's jar with
# a 256 MiB heap, measures every scenario next to its floor and cleans up after itself.
#
#   scripts/bench.sh [--quick] [--only=single,data,layer,api] [--runs=N] [--data-mib=N]
#                    [--layer-nodes=N] [--rate=N] [--load-seconds=N] [--keep] [--service-arg=--name=value]...
#
# The table is printed and written to redeploy-bench/target/bench/results.md (every value in
# samples.csv beside it). A full run takes about 11 minutes on 2 cores, --quick about 3.
# Set BENCH_SKIP_BUILD=1 to run on what the last build left.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

case " $* " in
  *" -h "*|*" --help "*) sed -n '2,13p' "$0"; exit 0 ;;
esac

scripts/docker-engine.sh --with-test-tools
if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  mvn -B -q -DskipTests package
fi

exec java -cp "redeploy-bench/target/classes:$(cat redeploy-bench/target/classpath.txt)" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  io.redeploy.bench.Benchmarks "$@"
