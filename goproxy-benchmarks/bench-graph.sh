#!/usr/bin/env bash
# Module-graph loading benchmark (outside `mvn verify`): go's cold `go list -m all` (fresh
# GOMODCACHE, GOFLAGS=-mod=mod) against GoProxyClient.moduleGraph in a warmed JVM and against the
# whole `goproxy list -m all` process, on a generated universe of ~400 module versions whose build
# list is 150 modules, served on loopback by goproxy-testkit's FakeGoProxy with its checksum
# database. Prints each round, the medians, the ratios, peak RSS and the machine's load average;
# fails if the three outputs are not byte-identical.
#
# Usage: goproxy-benchmarks/bench-graph.sh [WORKDIR] [ROUNDS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
WORK="${1:-/tmp/goproxy4j-bench-graph}"
ROUNDS="${2:-5}"
mkdir -p "$WORK"
(cd "$root" && mvn -B -o -q -pl goproxy-benchmarks,goproxy-cli -am package -DskipTests -Dmaven.javadoc.skip=true) >&2
echo "load average before: $(cat /proc/loadavg)"
java -cp "$here/target/goproxy-benchmarks.jar" io.github.goproxy4j.benchmarks.client.GraphBench \
  compare "$WORK" "$root/goproxy" "$ROUNDS"
