#!/usr/bin/env bash
# Lockstep rule benchmark: how long the rule adds to a build, for the first module and for each further module, on a
# synthetic 20-module reactor whose modules each have a 200-artifact dependency graph and a processor path.
#
#   bash benchmarks/lockstep/run.sh [runs]        (after ./mvnw install, which puts the rule in ~/.m2)
#
# The figure is the enforcer's own "Finish Rule 0 ... takes N ms", logged at DEBUG by the enforce Mojo; only that
# logger is set to DEBUG, so the rest of Maven runs as usual. Each run is a fresh Maven JVM; the first run also
# fills the benchmark's local repository and is not counted.
set -euo pipefail
# shellcheck source=../outer-settings.sh
source "$(cd "$(dirname "$0")/.." && pwd)/outer-settings.sh"
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=../stats.sh
source "$root/benchmarks/stats.sh"
runs=${1:-5}
out="$root/target/bench-lockstep"
mvnw="$root/mvnw"
version=$("$mvnw" -q -f "$root/pom.xml" help:evaluate -Dexpression=project.version -DforceStdout -N)
enforcer=$("$mvnw" -q -f "$root/pom.xml" help:evaluate -Dexpression=it.enforcer.version -DforceStdout -N)
if [ ! -f "$HOME/.m2/repository/dev/tandem/tandem-enforcer-rules/$version/tandem-enforcer-rules-$version.jar" ]; then
  echo "tandem-enforcer-rules $version is not in ~/.m2: run ./mvnw install -DskipTests first" >&2
  exit 1
fi
rm -rf "$out" && mkdir -p "$out"
java "$here/GenerateProject.java" "$out" "$version" "$enforcer"
outer_settings "$out/settings.xml"
run() {
  "$mvnw" -B -f "$out/reactor/pom.xml" -s "$out/settings.xml" -Dmaven.repo.local="$out/local-repo" \
    -Dorg.slf4j.simpleLogger.log.org.apache.maven.plugins.enforcer=debug validate "$@"
}

run > "$out/warmup.log" 2>&1 || { tail -40 "$out/warmup.log"; exit 1; }
grep -q 'LockstepRule.* passed' "$out/warmup.log" || { echo "the rule did not run" >&2; exit 1; }
first=(); further=(); walls=(); skipped=()
for i in $(seq 1 "$runs"); do
  log="$out/run-$i.log"
  start=$(date +%s%N); run > "$log" 2>&1; end=$(date +%s%N)
  walls+=($(( (end - start) / 1000000 )))
  mapfile -t ms < <(grep -o 'Finish Rule 0: .*LockstepRule.* takes [0-9]* ms' "$log" | grep -o '[0-9]* ms' | grep -o '[0-9]*')
  [ "${#ms[@]}" -eq 20 ] || { echo "expected 20 rule timings in $log, found ${#ms[@]}" >&2; exit 1; }
  first+=("${ms[0]}")
  further+=($(printf '%s\n' "${ms[@]:1}" | median))
  start=$(date +%s%N); run -Denforcer.skip > /dev/null 2>&1; end=$(date +%s%N)
  skipped+=($(( (end - start) / 1000000 )))
done
echo "lockstep benchmark: 20 modules x 200-artifact graph, 1 processor path, 5 published companions; $runs runs"
echo "  rule, first module:          median $(printf '%s\n' "${first[@]}" | median) ms  (runs: ${first[*]})"
echo "  rule, each further module:   median $(printf '%s\n' "${further[@]}" | median) ms  (per-run medians: ${further[*]})"
echo "  mvn validate, whole reactor: median $(printf '%s\n' "${walls[@]}" | median) ms with the rule, $(printf '%s\n' "${skipped[@]}" | median) ms with -Denforcer.skip"
