#!/usr/bin/env bash
# What happens to a downloaded module zip before it is in the cache, on the same ~50 MB zip
# (LargeZip), into a fresh directory each time:
#   go:   archive/zip prefix check + x/mod dirhash.HashZip + x/mod zip.Unzip (go's modfetch)
#   java: UnzipPassBenchmark (JMH): onePass (now), threePasses (before), and one vs two
#         extraction threads (does parallel extraction pay?)
# Needs go and Debian's golang-golang-x-mod-dev. Run from the repo root:
#   bash goproxy-benchmarks/bench-unzip.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -o -q -pl goproxy-benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true
JAR=goproxy-benchmarks/target/goproxy-benchmarks.jar
ZIP=$(java -cp "$JAR" io.github.goproxy4j.benchmarks.sumdb.LargeZip)
echo "zip: $ZIP ($(stat -c %s "$ZIP") bytes)"

WORK=$(mktemp -d)
trap 'chmod -R u+w "$WORK"; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/gopath/src/benchunzip"
cat > "$WORK/gopath/src/benchunzip/main.go" <<'GO'
package main

import (
	"archive/zip"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb/dirhash"
	modzip "golang.org/x/mod/zip"
)

// once does what modfetch does with a downloaded zip: prefix check, HashZip, Unzip.
func once(zipfile, dir string) string {
	mod := module.Version{Path: "example.com/large/module", Version: "v1.2.3"}
	z, err := zip.OpenReader(zipfile)
	if err != nil {
		panic(err)
	}
	prefix := mod.Path + "@" + mod.Version + "/"
	for _, f := range z.File {
		if !strings.HasPrefix(f.Name, prefix) {
			panic(f.Name)
		}
	}
	z.Close()
	h, err := dirhash.HashZip(zipfile, dirhash.Hash1)
	if err != nil {
		panic(err)
	}
	if err := modzip.Unzip(dir, mod, zipfile); err != nil {
		panic(err)
	}
	return h
}

func main() {
	n, _ := strconv.Atoi(os.Args[3])
	var h string
	var el time.Duration
	for i := -2; i < n; i++ { // two warm-up rounds
		dir := filepath.Join(os.Args[2], "t"+strconv.Itoa(i+2))
		start := time.Now()
		h = once(os.Args[1], dir)
		if i >= 0 {
			el += time.Since(start)
		}
		os.RemoveAll(dir)
	}
	fmt.Printf("go prefix check + dirhash.HashZip + zip.Unzip: %.1f ms/op (%d ops) %s\n",
		float64(el.Microseconds())/1000/float64(n), n, h)
}
GO
(cd "$WORK/gopath/src/benchunzip" && GO111MODULE=off GOPATH="$WORK/gopath:/usr/share/gocode" GOCACHE="$WORK/cache" \
  go build -o "$WORK/benchunzip" .)
mkdir -p "$WORK/out"
"$WORK/benchunzip" "$ZIP" "$WORK/out" "${GO_OPS:-10}"
java -jar "$JAR" 'UnzipPassBenchmark' "$@"
"$WORK/benchunzip" "$ZIP" "$WORK/out" "${GO_OPS:-10}"
