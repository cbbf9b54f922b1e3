#!/usr/bin/env bash
# Processor cache benchmarks: every figure of the targets, each beside its baseline, in one run.
#
#   bash benchmarks/cache/run.sh        (after ./mvnw install -DskipTests -Dinvoker.skip)
#
# 1. a 10,000 x 4 KB tree: git status, and tandem:prepare's indexing with nothing changed and from scratch (JMH),
#    beside reading and hashing every file on 2 threads (JMH);
# 2. the cache API (JMH): a hit and a put of a 2 KiB entry; the first open of a 10,000-file index in a fresh
#    class loader;
# 3. whole builds of a 500-invocation module with a file-reading processor (about 5 ms an invocation): processor
#    time on a rebuild after touching one Java file, with the cache and without (RUNS, 5 by default); and what
#    prepare adds to a no-op mvn generate-sources, in PAIRS interleaved pairs (30 by default);
# 4. a generated 50-module reactor (30 sources each, no processor): what prepare adds to a no-op mvn -T 2
#    generate-sources, in REACTOR_PAIRS interleaved pairs (80 by default); and, with no target, the same with every
#    module indexed (-Dtandem.alwaysIndex), in PAIRS pairs.
# Whole-build figures print their median and interquartile range, the pairs' difference (Hodges-Lehmann estimate,
# ../stats.sh) with its 95 % confidence interval, and a verdict only where that interval lies all on one side of the
# target.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/target/bench-cache"
mvnw="$root/mvnw"
runs=${RUNS:-5}
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }

# shellcheck source=../cars-module.sh
source "$root/benchmarks/cars-module.sh"
# shellcheck source=../stats.sh
source "$root/benchmarks/stats.sh"
[ -f "$root/benchmarks/target/classes/META-INF/BenchmarkList" ] \
  || { echo "build first: ./mvnw install -DskipTests -Dinvoker.skip" >&2; exit 1; }
rm -rf "$out" && mkdir -p "$out"

echo "== 1. 10,000 files of 4 KB"
java "$here/GenerateTree.java" "$out/tree" 10000 4096
(cd "$out/tree" && git init -q && git add -A && git -c user.email=bench@tandem -c user.name=bench commit -qm tree)
git -C "$out/tree" status --porcelain > /dev/null
gs=()
for i in $(seq 1 21); do s=$(now); git -C "$out/tree" status --porcelain > /dev/null; gs+=($(ms "$s" "$(now)")); done
git_status=$(printf '%s\n' "${gs[@]}" | median)

echo "== 2. JMH (cache API and indexing)"
cp="$root/benchmarks/target/classes:$("$mvnw" -q -f "$root/benchmarks/pom.xml" dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
# the first open and the indexing first, on a quiet disk: the put benchmark appends a gigabyte, whose write-back
# would still be running under whatever came after it
java -Dtandem.bench.tree="$out/tree" -cp "$cp" org.openjdk.jmh.Main -f 1 -wi 3 -w 2s -i 5 -r 2s \
  'dev.tandem.(bench.FirstOpen|maven).*' > "$out/jmh.txt" 2>&1 || { tail -30 "$out/jmh.txt"; exit 1; }
java -cp "$cp" org.openjdk.jmh.Main -f 1 -wi 3 -w 2s -i 5 -r 2s \
  'dev.tandem.bench.CacheBenchmark' >> "$out/jmh.txt" 2>&1 || { tail -30 "$out/jmh.txt"; exit 1; }
sync
jmh() { grep -E "$1" "$out/jmh.txt" | tail -1 | awk '{for (i=NF; i>0; i--) if ($i ~ /^[0-9.,]+$/) { gsub(",", "", $i); print $i; exit }}'; }
score() { grep -E "$1 +avgt" "$out/jmh.txt" | awk '{print $(NF-3)}' | tr -d ,; }
hit=$(jmh 'CacheBenchmark.hit:p0.50'); put=$(jmh 'CacheBenchmark.put:p0.50'); open=$(jmh 'firstOpenInAFreshClassLoader:p0.50')
nochange=$(score 'IndexBenchmark.noChangeIndex'); full=$(score 'IndexBenchmark.fullIndex'); floor=$(score 'IndexBenchmark.readAndHashOn2Threads')

echo "== 3. Whole builds of a 500-invocation module"
cars_module
touch_java() { echo "// $(now)" >> "$out/module/src/main/java/dev/tandem/it/fleet/Fleet07.java"; }
# the processor's own work (keys, then look-up or compute), and all of process() including javac writing the files
own_ms() { sed -n 's/.*CarsProcessor: 500 elements in [0-9]* ms: keys \([0-9]*\) ms, look-up or compute \([0-9]*\) ms.*/\1 \2/p' "$1" | awk '{print $1 + $2}'; }
total_ms() { sed -n 's/.*CarsProcessor: 500 elements in \([0-9]*\) ms.*/\1/p' "$1"; }
with=(); without=(); with_total=(); without_total=()
for i in $(seq 1 "$runs"); do
  touch_java; m -f "$out/module/pom.xml" compile > "$out/with-$i.log" 2>&1
  with+=($(own_ms "$out/with-$i.log")); with_total+=($(total_ms "$out/with-$i.log"))
  touch_java; m -f "$out/module/pom.xml" compile -Dcars.cache=false > "$out/without-$i.log" 2>&1
  without+=($(own_ms "$out/without-$i.log")); without_total+=($(total_ms "$out/without-$i.log"))
done
# No-op builds: enough interleaved pairs (PAIRS, 30 by default) that the spread can tell a few per cent from noise
pairs=${PAIRS:-30}
on=(); off=()
# one no-op build, timed: noop <pom> <array to append to> [more arguments]
noop() {
  local pom=$1 into=$2; shift 2
  local s; s=$(now); m -q -f "$pom" "$@" > /dev/null 2>&1; eval "$into+=($(ms "$s" "$(now)"))"
}
# a pair's two builds run in turn in both orders (with first in odd pairs, second in even ones), so that whatever
# the first build of a pair meets (a cooler CPU, a busier disk) falls on both sides
pair() { # pom with-array without-array [more arguments]
  local pom=$1 on_=$2 off_=$3; shift 3
  if (( i % 2 )); then
    noop "$pom" "$on_" "$@"; noop "$pom" "$off_" "$@" -Dtandem.skip
  else
    noop "$pom" "$off_" "$@" -Dtandem.skip; noop "$pom" "$on_" "$@"
  fi
}
for i in $(seq 1 "$pairs"); do
  pair "$out/module/pom.xml" on off generate-sources
done

echo "== 4. A 50-module reactor, no-op mvn -T 2 generate-sources"
java "$here/GenerateReactor.java" "$out/reactor" 50 30 "$version" "$compiler"
m -q -f "$out/reactor/pom.xml" -T 2 generate-sources > "$out/reactor-first.log" 2>&1 || { tail -30 "$out/reactor-first.log"; exit 1; }
# the verdict needs a narrow interval: a reactor build's spread is wider than one module's, so more pairs
reactor_pairs=${REACTOR_PAIRS:-80}
ron=(); roff=()
for i in $(seq 1 "$reactor_pairs"); do
  pair "$out/reactor/pom.xml" ron roff -T 2 generate-sources
done
# the same reactor as if every module used the cache (-Dtandem.alwaysIndex: each module walks and stats its files),
# what a module with a processor pays; shown beside, with no target
m -q -f "$out/reactor/pom.xml" -T 2 generate-sources -Dtandem.alwaysIndex > /dev/null 2>&1
ion=(); ioff=()
for i in $(seq 1 "$pairs"); do
  pair "$out/reactor/pom.xml" ion ioff -T 2 generate-sources -Dtandem.alwaysIndex
done
cold=$(grep -o 'indexed, [0-9]* changed ([0-9]* read) in [0-9]* ms' "$out/with-1.log" | grep -o 'in [0-9]* ms' | grep -o '[0-9]*')

w=$(printf '%s\n' "${with[@]}" | median); wo=$(printf '%s\n' "${without[@]}" | median)
wt=$(printf '%s\n' "${with_total[@]}" | median); wot=$(printf '%s\n' "${without_total[@]}" | median)
# the overhead of "with" over "without": each side's median [IQR], then the pairs' difference (Hodges-Lehmann) with
# its 95 % confidence interval, on which the verdict is read: met when all of the interval is within the target,
# missed when all of it is past, else undecided
overhead() { # target% on... -- off...
  local target=$1; shift; local with=() without=(); while [ "$1" != -- ]; do with+=("$1"); shift; done; shift
  without=("$@")
  read -r a a1 a3 <<< "$(stats "${with[@]}")"; read -r b b1 b3 <<< "$(stats "${without[@]}")"
  read -r d dlo dhi <<< "$(paired "${with[@]}" -- "${without[@]}")"
  awk -v a="$a" -v a1="$a1" -v a3="$a3" -v b="$b" -v b1="$b1" -v b3="$b3" -v d="$d" -v lo="$dlo" -v hi="$dhi" \
    -v t="$target" 'BEGIN {
    limit = b * t / 100
    verdict = (hi <= limit) ? "met" : (lo > limit) ? "missed" : "undecided: the interval holds the target";
    printf "%d ms [%d-%d] / %d ms [%d-%d]; pairs %+d ms [%+d..%+d] = %+.1f%% [%+.1f..%+.1f]",
      a, a1, a3, b, b1, b3, d, lo, hi, 100 * d / b, 100 * lo / b, 100 * hi / b
    if (t != "none") printf " (target <= +%d%%): %s", t, verdict }'
}
echo
echo "Tandem processor cache benchmark ($(nproc) cores, $(java -version 2>&1 | head -1))"
printf '  %-62s %s\n' \
  "no-change index of 10,000 files / git status (target <= 1.5x)" "$nochange ms / $git_status ms = $(ratio "$nochange" "$git_status")x" \
  "full index / read + SHA-256 on 2 threads (target <= 1.2x)" "$full ms / $floor ms = $(ratio "$full" "$floor")x" \
  "hit of a 2 KiB entry, median (target <= 25 us)" "$hit us" \
  "put of a 2 KiB entry, median (target <= 50 us)" "$put us" \
  "first open, fresh class loader, 10,000-file index (target <= 2 ms)" "$open ms" \
  "500 invocations, one Java file touched: processor's own work," "$wo ms without / $w ms with = $(ratio "$wo" "$w")x (target >= 50x)" \
  "  and all of process(), javac writing 500 files included" "$wot ms without / $wt ms with = $(ratio "$wot" "$wt")x" \
  "no-op mvn generate-sources, one module: prepare / -Dtandem.skip" "$(overhead 5 "${on[@]}" -- "${off[@]}")" \
  "no-op mvn -T 2 generate-sources, 50 modules: prepare / skip" "$(overhead 3 "${ron[@]}" -- "${roff[@]}")" \
  "  the same, every module indexed (-Dtandem.alwaysIndex)" "$(overhead none "${ion[@]}" -- "${ioff[@]}")" \
  "prepare's indexing in the one-module build (cold JVM, 61 files)" "$cold ms"
echo "  medians [interquartile range] of $pairs interleaved pairs ($reactor_pairs for the reactor's verdict); then the"
echo "  pairs' difference (Hodges-Lehmann estimate) [its 95 % confidence interval, Wilcoxon signed rank], on which the"
echo "  verdict is read: only where the interval lies all on one side of the target. The reactor's modules run no"
echo "  processor, so prepare indexes nothing there (it indexes a module when something in it uses the cache); the row"
echo "  below it walks every module anyway"
echo "  raw: with ${with[*]} / without ${without[*]}; generate-sources ${on[*]} / ${off[*]};"
echo "       reactor ${ron[*]} / ${roff[*]}; reactor indexed ${ion[*]} / ${ioff[*]}; JMH output $out/jmh.txt"
