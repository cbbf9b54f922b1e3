#!/usr/bin/env bash
# Incremental compilation with a processor that writes files: the replay benchmark's module of N MapStruct 1.6.3
# mappers (500 by default, benchmarks/replay/GenerateMappers.java), compiled with tandem-compiler (MapStruct runs
# under Tandem's recorder, on the changed sources alone) against Maven alone, one model edited and `mvn compile` run:
#   - one model touched (a comment added, as the replay benchmark does): that model compiles alone;
#   - a property added to one model and its DTO: those two and their mapper, whose implementation MapStruct writes anew;
#   - the first build (`clean compile`).
#
#   bash benchmarks/compile/mappers.sh     (after ./mvnw install -DskipTests -Dinvoker.skip; RUNS=5 N=500 by default)
#
# Both variants run with -Amapstruct.suppressGeneratorTimestamp=true, so that the driver can check at the end that
# both hold the same class files and generated sources. Rebuilds run in interleaved pairs, the order alternating; a
# ratio is the median of the pairs' ratios. Target (issue 26): the one-model edit at most 0.3x Maven alone; a first
# build at most 10 % slower. Exits non-zero when one is missed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../driver.sh
source "$here/../driver.sh"
driver bench-compile-mappers
n=${N:-500}
java "$root/benchmarks/replay/GenerateMappers.java" "$out/generated" "$n" "$version" "$compiler"
# the plain variant twice: Maven alone, and with compilerId tandem (tandem-compiler a dependency of the plugin)
options='<compilerArgs><arg>-Amapstruct.suppressGeneratorTimestamp=true</arg></compilerArgs>'
cp -r "$out/generated/plain" "$out/plain"
sed -i "s|<configuration>|<configuration>$options|" "$out/plain/pom.xml"
cp -r "$out/plain" "$out/tandem"
sed -i "s|mappers-plain|mappers-tandem|; s|<configuration>|<configuration><compilerId>tandem</compilerId>|; \
s|</configuration>|</configuration><dependencies><dependency><groupId>dev.tandem</groupId>\
<artifactId>tandem-compiler</artifactId><version>$version</version></dependency></dependencies>|" "$out/tandem/pom.xml"
rm -rf "$out/generated"
# resolve everything once, online, so every timed build runs offline
warm_up "$out/tandem" "$out/plain"

model="src/main/java/bench/mappers/Model7"
touch_model() { echo "// $2" >> "$out/$1/$model.java"; }
add_property() { for f in "$model.java" "${model}Dto.java"; do
    sed -i "s/^}$/    private int extra$2;\n    public int getExtra$2() { return extra$2; }\n    public void setExtra$2(int v) { extra$2 = v; }\n}/" \
      "$out/$1/$f"
  done; }

declare -a touch_tandem touch_plain prop_tandem prop_plain first_tandem first_plain
touched() { touch_model "$1" "$2"; if [ "$1" = tandem ]; then touch_tandem+=("$(ms m -f "$out/tandem/pom.xml" compile)")
  summary touch; else touch_plain+=("$(ms m -f "$out/plain/pom.xml" compile)"); fi; }
property() { add_property "$1" "$2"; if [ "$1" = tandem ]; then prop_tandem+=("$(ms m -f "$out/tandem/pom.xml" compile)")
  summary property; else prop_plain+=("$(ms m -f "$out/plain/pom.xml" compile)"); fi; }
for i in $(seq 1 "$runs"); do
  if (( i % 2 )); then touched tandem "$i"; touched plain "$i"; else touched plain "$i"; touched tandem "$i"; fi
  if (( i % 2 )); then property tandem "$i"; property plain "$i"; else property plain "$i"; property tandem "$i"; fi
done
first_builds
# an incremental build last, then the proof that the benchmark timed what it says: both hold the same files
touched tandem last; touched plain last
for v in tandem plain; do
  (cd "$out/$v/target" && find classes generated-sources -type f -exec sha256sum {} + | sort) > "$out/$v.sums"
done
cmp -s "$out/tandem.sums" "$out/plain.sums" || { echo "the class files or generated sources differ from Maven alone's"; exit 1; }

read -r tt tt1 tt3 <<< "$(stats "${touch_tandem[@]}")"
read -r tp tp1 tp3 <<< "$(stats "${touch_plain[@]}")"
read -r pt pt1 pt3 <<< "$(stats "${prop_tandem[@]}")"
read -r pp pp1 pp3 <<< "$(stats "${prop_plain[@]}")"
read -r ft ft1 ft3 <<< "$(stats "${first_tandem[@]}")"
read -r fp fp1 fp3 <<< "$(stats "${first_plain[@]}")"
read -r tr tr_min tr_max <<< "$(ratios "${touch_tandem[@]}" -- "${touch_plain[@]}")"
read -r pr pr_min pr_max <<< "$(ratios "${prop_tandem[@]}" -- "${prop_plain[@]}")"
read -r fr fr_min fr_max <<< "$(ratios "${first_tandem[@]}" -- "${first_plain[@]}")"

echo
echo "Incremental compilation: $n MapStruct 1.6.3 mappers, one model edited, mvn compile; $runs interleaved runs, median [IQR]"
echo "($(nproc) cores, $(java -version 2>&1 | head -1), maven-compiler-plugin $compiler)"
echo "  model touched, Tandem:      $tt ms [$tt1-$tt3]   $(cat "$out/touch.txt")"
echo "  model touched, Maven alone: $tp ms [$tp1-$tp3]"
echo "  touched, Tandem / alone:    $tr x, pairs' median [$tr_min-$tr_max]   (target <= 0.30)"
echo "  property added, Tandem:     $pt ms [$pt1-$pt3]   $(cat "$out/property.txt")"
echo "  property, Maven alone:      $pp ms [$pp1-$pp3]"
echo "  property, Tandem / alone:   $pr x, pairs' median [$pr_min-$pr_max]"
echo "  first build, Tandem:        $ft ms [$ft1-$ft3]   $(cat "$out/first.txt")"
echo "  first build, Maven alone:   $fp ms [$fp1-$fp3]"
echo "  first build, Tandem/alone:  $fr x, pairs' median [$fr_min-$fr_max]   (target <= 1.10)"
ok=0
awk -v r="$tr" 'BEGIN { exit !(r <= 0.3) }' || { echo "  MISSED: one-model edit target"; ok=1; }
awk -v r="$fr" 'BEGIN { exit !(r <= 1.1) }' || { echo "  MISSED: first build target"; ok=1; }
exit $ok
