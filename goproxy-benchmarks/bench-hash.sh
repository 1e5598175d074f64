#!/usr/bin/env bash
# ModuleHash.ofZip vs raw inflate+SHA-256 (JMH, one JVM) vs Go's x/mod dirhash.HashZip, on the
# same ~50 MB module zip. Needs go and Debian's golang-golang-x-mod-dev. Run from the repo root:
#   bash goproxy-benchmarks/bench-hash.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -o -q -pl goproxy-benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true
JAR=goproxy-benchmarks/target/goproxy-benchmarks.jar
ZIP=$(java -cp "$JAR" io.github.goproxy4j.benchmarks.sumdb.LargeZip)
echo "zip: $ZIP ($(stat -c %s "$ZIP") bytes)"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/gopath/src/benchhash"
cat > "$WORK/gopath/src/benchhash/main.go" <<'GO'
package main

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"golang.org/x/mod/sumdb/dirhash"
)

func main() {
	n, _ := strconv.Atoi(os.Args[2])
	var h string
	for i := 0; i < 2; i++ { // warm-up
		h, _ = dirhash.HashZip(os.Args[1], dirhash.Hash1)
	}
	start := time.Now()
	for i := 0; i < n; i++ {
		var err error
		h, err = dirhash.HashZip(os.Args[1], dirhash.Hash1)
		if err != nil {
			panic(err)
		}
	}
	el := time.Since(start)
	fmt.Printf("go dirhash.HashZip: %.1f ms/op (%d ops, %s) %s\n", float64(el.Microseconds())/1000/float64(n), n, el, h)
}
GO
(cd "$WORK/gopath/src/benchhash" && GO111MODULE=off GOPATH="$WORK/gopath:/usr/share/gocode" GOCACHE="$WORK/cache" \
  go build -o "$WORK/benchhash" .)
"$WORK/benchhash" "$ZIP" 5
java -jar "$JAR" 'ModuleHashBenchmark' -f 1 -wi 2 -i 3 -w 1s -r 1s
