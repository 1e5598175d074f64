#!/bin/sh
# Download benchmark (outside `mvn verify`): go mod download vs GoProxyClient.downloadAll
# into empty module caches, from one loopback FakeGoProxy with a checksum database; then the
# client's peak heap for a single 400 MB zip in a JVM limited to -Xmx128m.
#
# Usage: goproxy-benchmarks/bench-download.sh [WORKDIR] [MODULES] [ROUNDS]
set -eu
cd "$(dirname "$0")/.."
WORK=${1:-/tmp/goproxy4j-bench-download}
MODULES=${2:-60}
ROUNDS=${3:-3}
mkdir -p "$WORK"
mvn -B -o -q -pl goproxy-benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true
JAR=goproxy-benchmarks/target/goproxy-benchmarks.jar
echo "== go mod download vs GoProxyClient ($MODULES modules, $ROUNDS rounds)"
java -Xmx1g -cp "$JAR" io.github.goproxy4j.benchmarks.client.DownloadBench compare "$WORK" "$MODULES" "$ROUNDS"
echo "== peak heap for one 400 MB zip"
java -Xmx2g -cp "$JAR" io.github.goproxy4j.benchmarks.client.DownloadBench heap "$WORK" 400
