#!/usr/bin/env bash
# Runs the module-model benchmarks in Java (JMH, ModuleBenchmarks) and in Go (testing.B against
# golang.org/x/mod in GOPATH mode, go/module) on the same inputs, and prints them side by side.
#   JMH_ARGS   JMH options (default: -f 1 -wi 5 -i 5 -w 1s -r 1s)
#   GO_COUNT   go test -count (default 5)
# Both the mean and the best (minimum) of the measurement iterations are shown: on a shared,
# loaded machine the minimum is the better estimate of what an operation costs.
#   XMOD_GOPATH  GOPATH root holding golang.org/x/mod (default /usr/share/gocode)
#   CPU_ROUNDS   rounds of the CPU-time cross-check (default 5; 0 skips it)
# The CPU-time cross-check (ModuleCpuTime / TestCPUTime) times the same operations by the
# calling thread's CPU time, which a loaded machine distorts much less than wall time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
JMH_ARGS="${JMH_ARGS:--f 1 -wi 5 -i 5 -w 1s -r 1s}"
GO_COUNT="${GO_COUNT:-5}"
CPU_ROUNDS="${CPU_ROUNDS:-5}"
XMOD_GOPATH="${XMOD_GOPATH:-/usr/share/gocode}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "== building goproxy-benchmarks" >&2
(cd "$root" && mvn -B -o -q -pl goproxy-benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true) >&2
jar="$here/target/goproxy-benchmarks.jar"

echo "== Go (x/mod)" >&2
mkdir -p "$tmp/gopath/src"
ln -s "$here/go/module" "$tmp/gopath/src/modulebench"
( cd "$tmp/gopath/src/modulebench" &&
  GO111MODULE=off GOPATH="$tmp/gopath:$XMOD_GOPATH" GOCACHE="$tmp/gocache" GOFLAGS= \
    go test -run TestSameInputs -v -bench . -benchmem -count "$GO_COUNT" ) > "$tmp/go.txt"
go_inputs="$(grep -o 'inputs: .*' "$tmp/go.txt" | head -1)"
java_inputs="$(java -cp "$jar" io.github.goproxy4j.benchmarks.module.ModuleBenchData)"
if [ "$go_inputs" != "$java_inputs" ]; then
  echo "inputs differ: go '$go_inputs' java '$java_inputs'" >&2
  exit 1
fi
echo "same inputs ($java_inputs)" >&2

echo "== Java (JMH)" >&2
# shellcheck disable=SC2086
java -jar "$jar" 'io.github.goproxy4j.benchmarks.module.ModuleBenchmarks' $JMH_ARGS \
  -rf json -rff "$tmp/jmh.json" > "$tmp/jmh.txt"

if [ "$CPU_ROUNDS" != 0 ]; then
  echo "== CPU-time cross-check" >&2
  ( cd "$tmp/gopath/src/modulebench" &&
    MODULE_CPU="$CPU_ROUNDS" GO111MODULE=off GOPATH="$tmp/gopath:$XMOD_GOPATH" GOCACHE="$tmp/gocache" GOFLAGS= \
      go test -v -run TestCPUTime -count 1 ) | grep '^cpu ' > "$tmp/go-cpu.txt"
  java -cp "$jar" io.github.goproxy4j.benchmarks.module.ModuleCpuTime "$CPU_ROUNDS" | grep '^cpu ' > "$tmp/java-cpu.txt"
fi
touch "$tmp/go-cpu.txt" "$tmp/java-cpu.txt"

python3 - "$tmp/jmh.json" "$tmp/go.txt" "$tmp/java-cpu.txt" "$tmp/go-cpu.txt" <<'PY'
import json, re, sys
java = {}
for b in json.load(open(sys.argv[1])):
    name = b["benchmark"].rsplit(".", 1)[1]
    raw = [x for fork in b["primaryMetric"]["rawData"] for x in fork]
    java[name] = (b["primaryMetric"]["score"], min(raw))
go = {}
for line in open(sys.argv[2]):
    m = re.match(r"Benchmark(\w+?)(-\d+)?\s+\d+\s+([\d.]+) ns/op(?:\s+(\d+) B/op\s+(\d+) allocs/op)?", line)
    if m:
        name = m.group(1)[0].lower() + m.group(1)[1:]
        go.setdefault(name, []).append((float(m.group(3)), m.group(5)))
def f(x):
    return f"{x:12.1f}" if x is not None else f"{'-':>12}"
print(f"{'benchmark (ns/op)':24} {'java mean':>12} {'java best':>12} {'go mean':>12} {'go best':>12} {'go allocs':>9} {'best go/java':>12}")
for name in sorted(set(java) | set(go)):
    j = java.get(name)
    g = go.get(name)
    gmean = sum(x for x, _ in g) / len(g) if g else None
    gbest = min(x for x, _ in g) if g else None
    ratio = f"{gbest / j[1]:12.2f}" if g and j else f"{'-':>12}"
    print(f"{name:24} {f(j[0] if j else None)} {f(j[1] if j else None)} {f(gmean)} {f(gbest)} {(g[0][1] if g else '-'):>9} {ratio}")
jc = {l.split()[1]: float(l.split()[2]) for l in open(sys.argv[3])}
gc = {l.split()[1]: float(l.split()[2]) for l in open(sys.argv[4])}
if jc and gc:
    print()
    print(f"{'CPU time, best (ns/op)':24} {'java':>12} {'go':>12} {'go/java':>12}")
    for name in jc:
        g = gc.get(name)
        print(f"{name:24} {jc[name]:12.1f} {f(g)} {(f'{g / jc[name]:12.2f}' if g else '-'):>12}")
PY
