#!/usr/bin/env bash
# CLI start-up benchmark (outside `mvn verify`): the whole process of `./goproxy` against `go`,
# on commands that start, read the environment and make one request that fails at once (a
# loopback port that refuses), so what is measured is start-up, not the network:
#   explain  goproxy explain golang.org/x/text     vs  go env GOPROXY GOSUMDB GONOSUMDB
#   fetch    goproxy download golang.org/x/text@v0.3.0  vs  go mod download golang.org/x/text@v0.3.0
# Each command runs as plain `java -jar goproxy.jar` and through the ./goproxy launcher (the
# start-up archive the build made for its JDK, C1 only for these commands: see ./goproxy). The
# sides alternate; prints the median wall and CPU (user+sys) time of ROUNDS runs each.
#
# Usage: goproxy-benchmarks/bench-cli-start.sh [ROUNDS]   (build first: mvn -B -q -DskipTests package)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
ROUNDS="${1:-15}"
jar="$root/goproxy-cli/target/goproxy.jar"
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/mod" && printf 'module m\n\ngo 1.19\n' > "$tmp/mod/go.mod"
export GOPROXY=http://127.0.0.1:9 GOSUMDB=off GOFLAGS= GOENV=off GOMODCACHE="$tmp/modcache" \
  GOCACHE="$tmp/gocache" GOTOOLCHAIN=local GONOPROXY= GOPRIVATE=
plain=(java -jar "$jar")
launcher=("$root/goproxy")

run() { # name command...
  local name="$1"; shift
  /usr/bin/time -o "$tmp/t" -f "%e %U %S" "$@" > /dev/null 2>&1 || true
  echo "$name $(tail -1 "$tmp/t")" >> "$tmp/times"
}
cd "$tmp/mod"
for _ in 1 2; do # warm the page cache and go's build cache
  run warm go env GOPROXY; run warm "${launcher[@]}" explain golang.org/x/text
done
: > "$tmp/times"
for _ in $(seq "$ROUNDS"); do
  run "explain/go" go env GOPROXY GOSUMDB GONOSUMDB
  run "explain/java" "${plain[@]}" explain golang.org/x/text
  run "explain/goproxy" "${launcher[@]}" explain golang.org/x/text
  run "fetch/go" go mod download golang.org/x/text@v0.3.0
  run "fetch/java" "${plain[@]}" download golang.org/x/text@v0.3.0
  run "fetch/goproxy" "${launcher[@]}" download golang.org/x/text@v0.3.0
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); $(go version)"
python3 - "$tmp/times" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, wall, user, sys_ = line.split()
    rows.setdefault(name, []).append((float(wall), float(user) + float(sys_)))
print(f"{'command':18} {'median wall s':>14} {'median cpu s':>13} {'wall vs go':>11}")
for name, v in rows.items():
    wall = statistics.median(x for x, _ in v)
    cpu = statistics.median(y for _, y in v)
    go = statistics.median(x for x, _ in rows[name.split('/')[0] + '/go'])
    print(f"{name:18} {wall:14.3f} {cpu:13.3f} {wall / go:10.2f}x")
PY
