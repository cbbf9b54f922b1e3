#!/usr/bin/env bash
# Incremental compilation (tandem-compiler, compilerId=tandem) on a module without processors: N classes (2,000 by
# default, GenerateClasses.java), one file edited and `mvn compile` run, against Maven alone on the same sources.
#   - a method body changed: Tandem compiles that source alone;
#   - a signature changed (a public method added): that source and its three direct users;
#   - nothing changed (`mvn compile` with nothing to do): the floor of any rebuild;
#   - the first build (`clean compile`): what Tandem adds to a build with nothing to reuse.
#
#   bash benchmarks/compile/run.sh     (after ./mvnw install -DskipTests -Dinvoker.skip; RUNS=5 N=2000 by default)
#
# Rebuilds run in interleaved pairs, the order alternating; a ratio is the median of the pairs' ratios.
# Targets (issue 26): a body change with Tandem costs at most Maven's no-op `mvn compile` of the module + 1 s; a first
# build at most 10 % slower than Maven alone. Exits non-zero when one is missed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../driver.sh
source "$here/../driver.sh"
driver bench-compile
n=${N:-2000}
java "$here/GenerateClasses.java" "$out" "$n" "$version" "$compiler"
# resolve everything once, online, so every timed build runs offline
warm_up "$out/tandem" "$out/plain"

edit_body() { sed -i "s/return value \* 2 + [0-9]*;/return value * 2 + $2;/" "$out/$1/src/main/java/bench/p3/C5.java"; }
edit_signature() { sed -i "s/    public int value() {/    public int extra$2() {\n        return 0;\n    }\n\n    public int value() {/" \
  "$out/$1/src/main/java/bench/p3/C5.java"; }

declare -a body_tandem body_plain sig_tandem sig_plain noop_tandem noop_plain first_tandem first_plain
body() { edit_body "$1" "$2"; if [ "$1" = tandem ]; then body_tandem+=("$(ms m -f "$out/tandem/pom.xml" compile)"); summary body
  else body_plain+=("$(ms m -f "$out/plain/pom.xml" compile)"); fi; }
signature() { edit_signature "$1" "$2"; if [ "$1" = tandem ]; then sig_tandem+=("$(ms m -f "$out/tandem/pom.xml" compile)")
  summary signature; else sig_plain+=("$(ms m -f "$out/plain/pom.xml" compile)"); fi; }
for i in $(seq 1 "$runs"); do
  if (( i % 2 )); then body tandem "$i"; body plain "$i"; else body plain "$i"; body tandem "$i"; fi
  if (( i % 2 )); then signature tandem "$i"; signature plain "$i"; else signature plain "$i"; signature tandem "$i"; fi
  noop_plain+=("$(ms m -f "$out/plain/pom.xml" compile)")
  noop_tandem+=("$(ms m -f "$out/tandem/pom.xml" compile)")
done
first_builds
# the proof that the benchmark timed what it says: the last builds of both hold the same class files
(cd "$out/tandem/target/classes" && find . -type f -exec sha256sum {} + | sort) > "$out/tandem.sums"
(cd "$out/plain/target/classes" && find . -type f -exec sha256sum {} + | sort) > "$out/plain.sums"
cmp -s "$out/tandem.sums" "$out/plain.sums" || { echo "the class files differ from Maven alone's"; exit 1; }

read -r bt bt1 bt3 <<< "$(stats "${body_tandem[@]}")"
read -r bp bp1 bp3 <<< "$(stats "${body_plain[@]}")"
read -r st st1 st3 <<< "$(stats "${sig_tandem[@]}")"
read -r sp sp1 sp3 <<< "$(stats "${sig_plain[@]}")"
read -r nt nt1 nt3 <<< "$(stats "${noop_tandem[@]}")"
read -r np np1 np3 <<< "$(stats "${noop_plain[@]}")"
read -r ft ft1 ft3 <<< "$(stats "${first_tandem[@]}")"
read -r fp fp1 fp3 <<< "$(stats "${first_plain[@]}")"
read -r br br_min br_max <<< "$(ratios "${body_tandem[@]}" -- "${body_plain[@]}")"
read -r sr sr_min sr_max <<< "$(ratios "${sig_tandem[@]}" -- "${sig_plain[@]}")"
read -r fr fr_min fr_max <<< "$(ratios "${first_tandem[@]}" -- "${first_plain[@]}")"

echo
echo "Incremental compilation: $n classes, no processor, one file edited, mvn compile; $runs interleaved runs, median [IQR]"
echo "($(nproc) cores, $(java -version 2>&1 | head -1), maven-compiler-plugin $compiler)"
echo "  body change, Tandem:        $bt ms [$bt1-$bt3]   $(cat "$out/body.txt")"
echo "  body change, Maven alone:   $bp ms [$bp1-$bp3]"
echo "  body, Tandem / alone:       $br x, pairs' median [$br_min-$br_max]"
echo "  signature, Tandem:          $st ms [$st1-$st3]   $(cat "$out/signature.txt")"
echo "  signature, Maven alone:     $sp ms [$sp1-$sp3]"
echo "  signature, Tandem / alone:  $sr x, pairs' median [$sr_min-$sr_max]"
echo "  no-op, Maven alone:         $np ms [$np1-$np3]"
echo "  no-op, Tandem:              $nt ms [$nt1-$nt3]"
echo "  body change - no-op:        $((bt - np)) ms   (target <= 1000)"
echo "  first build, Tandem:        $ft ms [$ft1-$ft3]   $(cat "$out/first.txt")"
echo "  first build, Maven alone:   $fp ms [$fp1-$fp3]"
echo "  first build, Tandem/alone:  $fr x, pairs' median [$fr_min-$fr_max]   (target <= 1.10)"
ok=0
(( bt - np <= 1000 )) || { echo "  MISSED: body change target"; ok=1; }
awk -v r="$fr" 'BEGIN { exit !(r <= 1.1) }' || { echo "  MISSED: first build target"; ok=1; }
exit $ok
