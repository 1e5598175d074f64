#!/usr/bin/env bash
# Behaviour check on real go.mod files (outside `mvn verify`): for each module of the tree that
# bench-download-real.sh prepared (Debian's golang-*-dev sources behind x/mod's own checksum-database
# server), copies its go.mod into an empty directory and runs one go command there with the real go
# and with goproxy (--go-version), each with its own module cache; then compares stdout, stderr
# (each side's paths made equal), exit status, go.sum and go.mod, and lists the modules that differ.
# Most of these go.mod files require versions the tree lacks, so the failure paths get exercised.
#
# Usage: goproxy-benchmarks/real-modules-diff.sh [WORKDIR] [OUTDIR]
#   WORKDIR  bench-download-real.sh's work directory (default /tmp/goproxy4j-bench-real)
#   GO=/usr/lib/go-1.27/bin/go RELEASE=1.27 FLAGS=-mod=mod CMD="list -m all" select the comparison;
#   SUMFROM=<an earlier OUTDIR> starts each module with the go.sum go wrote there.
# Needs the CLI built (mvn -B -q -DskipTests package) and python3.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
W="${1:-/tmp/goproxy4j-bench-real}"
OUT="${2:-/tmp/goproxy4j-real-diff}"
GO="${GO:-/usr/lib/go-1.27/bin/go}"
RELEASE="${RELEASE:-1.27}"
CMD="${CMD:-list -m all}"
JAR="$here/../goproxy-cli/target/goproxy.jar"
[ -x "$W/sumdbserver" ] && [ -f "$W/modules.txt" ] || { echo "run bench-download-real.sh $W first" >&2; exit 2; }
[ -f "$JAR" ] || { echo "$JAR not found; build it with: mvn -B -q -DskipTests package" >&2; exit 2; }
rm -rf "$OUT"; mkdir -p "$OUT/home"
mkfifo "$OUT/fifo"
"$W/sumdbserver" serve "$W/proxy" < "$OUT/fifo" > "$OUT/server.out" 2> "$OUT/server.err" &
srv=$!
exec 7> "$OUT/fifo" # the server runs until its standard input closes
trap 'exec 7>&-; kill $srv 2>/dev/null' EXIT
for _ in $(seq 100); do grep -q READY "$OUT/server.out" && break; sleep 0.1; done
base=$(sed -n 's/^READY //p' "$OUT/server.out")
vkey="localhost.localdev/sumdb+00000c67+AcTrnkbUA+TU4heY3hkjiSES/DSQniBqIeQ/YppAUtK6"
export GOPROXY="$base/proxy" GOSUMDB="$vkey $base/sumdb/localhost.localdev/sumdb" GOFLAGS="${FLAGS:--mod=mod}"
export GOTOOLCHAIN=local GONOSUMDB= GOPRIVATE= GONOPROXY= GOINSECURE= GOWORK=off GO111MODULE=on GOENV=off
export HOME="$OUT/home" GOCACHE="$OUT/gocache"
n=0; differing=0
while read -r mv; do
  [ -n "$mv" ] || continue
  n=$((n + 1)); p=${mv%@*}; v=${mv#*@}
  ep=$(python3 -c 'import re,sys; print(re.sub("[A-Z]", lambda m: "!" + m.group().lower(), sys.argv[1]))' "$p")
  for side in go gp; do
    d="$OUT/$n/$side"; mkdir -p "$d/m"; cp "$W/proxy/$ep/@v/$v.mod" "$d/m/go.mod"
    if [ -n "${SUMFROM:-}" ] && [ -f "$SUMFROM/$n/go/m/go.sum" ]; then cp "$SUMFROM/$n/go/m/go.sum" "$d/m/go.sum"; fi
    export GOPATH="$OUT/gopath-$side"
    if [ $side = go ]; then (cd "$d/m" && $GO $CMD > ../stdout 2> ../stderr; echo $? > ../rc)
    else (cd "$d/m" && java -jar "$JAR" --go-version "$RELEASE" $CMD > ../stdout 2> ../stderr; echo $? > ../rc); fi
  done
  diff=""
  for f in stdout stderr rc m/go.sum m/go.mod; do
    a="$OUT/$n/go/$f"; b="$OUT/$n/gp/$f"
    [ -e "$a" ] || [ -e "$b" ] || continue
    if [ $f = stdout ] || [ $f = stderr ]; then
      cmp -s <(sed "s|/$n/go/|/$n/X/|g; s|gopath-go/|gopath-X/|g" "$a") \
        <(sed "s|/$n/gp/|/$n/X/|g; s|gopath-gp/|gopath-X/|g" "$b") || diff="$diff $f"
    else
      cmp -s "$a" "$b" 2>/dev/null || diff="$diff $f"
    fi
  done
  if [ -n "$diff" ]; then differing=$((differing + 1)); echo "$n $mv:$diff"; fi
done < "$W/modules.txt"
echo "$($GO version | cut -d' ' -f3) ${FLAGS:--mod=mod} $CMD: $n modules, $differing differ (outputs in $OUT)"
