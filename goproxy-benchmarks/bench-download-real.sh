#!/usr/bin/env bash
# Download benchmark on real modules (outside `mvn verify`): `go mod download` against
# GoProxyClient.downloadAll, both on fresh module caches, from one loopback server that serves a
# GOPROXY tree made from Debian's golang-*-dev sources and x/mod's own checksum-database server
# (go/sumdbserver, built against Debian's x/mod in GOPATH mode). Prints the median wall times,
# the ratios, the peak RSS of both and whether the two caches are byte-identical.
#
# Usage: goproxy-benchmarks/bench-download-real.sh [WORKDIR] [ROUNDS]
# Needs root (or the packages already installed): it apt-get installs the golang-*-dev packages.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
WORK="${1:-/tmp/goproxy4j-bench-real}"
ROUNDS="${2:-3}"
XMOD_GOPATH="${XMOD_GOPATH:-/usr/share/gocode}"
mkdir -p "$WORK"

# Real module sources: Debian's golang-*-dev packages (and what they depend on).
PACKAGES="golang-github-pkg-errors-dev golang-github-stretchr-testify-dev golang-github-davecgh-go-spew-dev
golang-github-pmezard-go-difflib-dev golang-gopkg-yaml.v2-dev golang-gopkg-yaml.v3-dev golang-github-google-go-cmp-dev
golang-github-spf13-cobra-dev golang-github-spf13-pflag-dev golang-github-sirupsen-logrus-dev golang-github-google-uuid-dev
golang-github-mattn-go-isatty-dev golang-github-mattn-go-colorable-dev golang-github-fatih-color-dev golang-golang-x-sys-dev
golang-golang-x-text-dev golang-golang-x-net-dev golang-golang-x-crypto-dev golang-golang-x-sync-dev golang-golang-x-term-dev
golang-golang-x-tools-dev golang-github-gorilla-mux-dev golang-github-gorilla-websocket-dev golang-github-json-iterator-go-dev
golang-github-burntsushi-toml-dev golang-github-hashicorp-go-multierror-dev golang-github-mitchellh-mapstructure-dev
golang-github-spf13-viper-dev golang-github-spf13-cast-dev golang-github-spf13-afero-dev golang-github-magiconair-properties-dev
golang-github-pelletier-go-toml-dev golang-github-fsnotify-fsnotify-dev golang-github-subosito-gotenv-dev golang-gopkg-ini.v1-dev
golang-github-cespare-xxhash-dev golang-github-prometheus-client-golang-dev golang-google-protobuf-dev golang-github-kr-pretty-dev
golang-github-rogpeppe-go-internal-dev golang-github-urfave-cli-dev golang-github-olekukonko-tablewriter-dev
golang-github-dustin-go-humanize-dev golang-github-go-logr-logr-dev golang-github-klauspost-compress-dev
golang-github-golang-snappy-dev golang-github-gogo-protobuf-dev golang-github-aws-aws-sdk-go-dev"
if [ "$(id -u)" = 0 ]; then
  echo "== installing golang-*-dev packages" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $PACKAGES >&2
fi

echo "== building the loopback server (x/mod's sumdb server) and the benchmark jar" >&2
gp="$WORK/gopath"
mkdir -p "$gp/src"
ln -sfn "$here/go/sumdbserver" "$gp/src/sumdbserver"
(cd "$gp/src/sumdbserver" && GO111MODULE=off GOPATH="$gp:$XMOD_GOPATH" GOCACHE="$WORK/gocache" GOFLAGS= \
  go build -o "$WORK/sumdbserver" .)
(cd "$root" && mvn -B -o -q -pl goproxy-benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true) >&2

echo "== making the GOPROXY tree" >&2
list="$WORK/dirs.txt"
: > "$list.new"
find /usr/share/gocode/src -name go.mod -not -path '*/vendor/*' -not -path '*/testdata/*' | sort | while read -r gomod; do
  pkg="$(dpkg -S "$gomod" 2>/dev/null | head -1 | cut -d: -f1)" || true
  [ -n "$pkg" ] || continue
  printf '%s\t%s\n' "$(dirname "$gomod")" "$(dpkg-query -W -f='${Version}' "$pkg")" >> "$list.new"
done
# The tree of an earlier invocation is kept when the sources are the same: deleting and writing
# its thousands of files just before the timed runs slows file creation on this machine's ext4
# for minutes (see RealModulesBench), on both sides, and the ratio with it.
if [ -s "$WORK/modules.txt" ] && [ -f "$WORK/proxy.done" ] && cmp -s "$list.new" "$list"; then
  rm -f "$list.new"
  echo "   (kept from an earlier invocation: the same sources)" >&2
else
  mv "$list.new" "$list"
  rm -rf "$WORK/proxy" "$WORK/proxy.done"
  "$WORK/sumdbserver" prepare "$list" "$WORK/proxy" > "$WORK/modules.txt" 2> "$WORK/prepare-skipped.txt"
  touch "$WORK/proxy.done"
fi

echo "== go mod download vs GoProxyClient.downloadAll ($ROUNDS rounds)" >&2
java -cp "$here/target/goproxy-benchmarks.jar" io.github.goproxy4j.benchmarks.client.RealModulesBench \
  compare "$WORK/sumdbserver" "$WORK/proxy" "$WORK/modules.txt" "$WORK" "$ROUNDS"
