#!/usr/bin/env bash
# The floor of a bulk download on this machine (outside `mvn verify`): floor/unzip-floor.c
# inflates, SHA-256s, CRC-checks and writes every file of the zips bench-download-real.sh serves
# (run that first: it makes WORK/proxy and WORK/modules.txt), with no network and no JVM. Per
# round: the compute alone (NOWRITE=1, one thread), then the whole job on one and on two threads,
# each into a new directory (deleted after the last round: see DEVELOPING.md on ext4's recently
# deleted inodes). Prints /usr/bin/time's wall, user and system seconds with the load average.
#
# Usage: goproxy-benchmarks/bench-floor.sh [WORKDIR] [ROUNDS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
WORK="${1:-/tmp/goproxy4j-bench-real}"
ROUNDS="${2:-3}"
bin="$WORK/unzip-floor"
cc -O2 -o "$bin" "$here/floor/unzip-floor.c" -lz -lcrypto -lpthread
# module path and version as the proxy tree spells them (an upper-case letter as ! and its lower case)
zips=()
while read -r mv; do
  [ -n "$mv" ] || continue
  p="$(printf '%s' "${mv%@*}" | sed -E 's/([A-Z])/!\L\1/g')"
  v="$(printf '%s' "${mv#*@}" | sed -E 's/([A-Z])/!\L\1/g')"
  zips+=("$WORK/proxy/$p/@v/$v.zip")
done < "$WORK/modules.txt"
echo "${#zips[@]} zips, $(cat "${zips[@]}" | wc -c) bytes"
runs="$WORK/floor-runs"
rm -rf "$runs"
mkdir -p "$runs"
cat "${zips[@]}" > /dev/null # in the page cache, as the downloaded zips are
for r in $(seq 1 "$ROUNDS"); do
  for mode in compute 1 2; do
    sync
    sleep 2
    load="$(cut -d' ' -f1-3 /proc/loadavg)"
    if [ "$mode" = compute ]; then
      NOWRITE=1 /usr/bin/time -f "round $r compute only, 1 thread: %e s wall, %U s user, %S s sys (load $load)" \
        "$bin" "$runs/none" 1 "${zips[@]}"
    else
      /usr/bin/time -f "round $r inflate+SHA-256+write, $mode thread(s): %e s wall, %U s user, %S s sys (load $load)" \
        "$bin" "$runs/$mode-$r" "$mode" "${zips[@]}"
    fi
  done
done
chmod -R u+w "$runs"
rm -rf "$runs"
