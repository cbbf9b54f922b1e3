#!/usr/bin/env bash
# Two builds of one module at once (an IDE and a terminal), with Tandem's cache and without, interleaved.
#
#   bash benchmarks/concurrent/run.sh        (after ./mvnw install -DskipTests -Dinvoker.skip; PAIRS=20 by default)
#
# Each pair touches one Java file of the 500-invocation module of the cache benchmark, then starts two
# `mvn compile` at once. "with" runs tandem:prepare and the cache; "without" is Maven alone (-Dtandem.skip and the
# processor's -Acars.cache=false). Prints the failed builds of each side and the first error line of each failure,
# and exits non-zero when the side with the cache failed more often than Maven alone.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/target/bench-concurrent"
pairs=${PAIRS:-20}
# shellcheck source=../cars-module.sh
source "$root/benchmarks/cars-module.sh"

rm -rf "$out" && mkdir -p "$out"
cars_module

failed_with=0; failed_without=0
pair() { # side, index, extra maven arguments...
  local side=$1 i=$2; shift 2
  echo "// $(date +%s%N)" >> "$out/module/src/main/java/dev/tandem/it/fleet/Fleet07.java"
  m -f "$out/module/pom.xml" compile "$@" > "$out/$side-$i-a.log" 2>&1 & local a=$!
  m -f "$out/module/pom.xml" compile "$@" > "$out/$side-$i-b.log" 2>&1 & local b=$!
  local failed=0
  wait $a || failed=$((failed + 1))
  wait $b || failed=$((failed + 1))
  for log in "$out/$side-$i-a.log" "$out/$side-$i-b.log"; do
    if grep -q 'BUILD FAILURE' "$log"; then
      echo "  $side pair $i: $(grep -m1 -E '^\[ERROR\] ' "$log" | cut -c1-220)"
    fi
  done
  if [ "$side" = with ]; then failed_with=$((failed_with + failed)); else failed_without=$((failed_without + failed)); fi
}
for i in $(seq 1 "$pairs"); do
  pair with "$i"
  pair without "$i" -Dtandem.skip -Dcars.cache=false
done
echo
echo "Two concurrent mvn compile of one 500-invocation module, $pairs pairs each ($(nproc) cores, $(java -version 2>&1 | head -1))"
echo "  with Tandem's cache: $failed_with of $((2 * pairs)) builds failed"
echo "  Maven alone:         $failed_without of $((2 * pairs)) builds failed"
echo "  logs: $out"
[ "$failed_with" -le "$failed_without" ]
