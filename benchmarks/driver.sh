# Sourced by the benchmark drivers that time whole Maven builds against each other (compile/run.sh, compile/mappers.sh):
#   driver NAME     sets root (this checkout), out ($root/target/NAME, emptied), runs (RUNS, 5 by default), version
#                   (Tandem's) and compiler (the integration tests' maven-compiler-plugin), writes $out/settings.xml
#                   (outer-settings.sh), and sources stats.sh
#   m ARGS...       ./mvnw offline with those settings and the local repository $out/repo
#   warm_up DIR...  builds each module once (clean compile), online, so that every timed build can run offline
#   ms CMD...       runs CMD, its output in $out/last.log, and prints its wall time in milliseconds; when it fails,
#                   shows the log's end and exits
#   first_builds    times `clean compile` of $out/tandem and $out/plain RUNS times, the order alternating, into the
#                   arrays first_tandem and first_plain (Tandem's lines in $out/first.txt)
#   summary NAME    keeps the last build's "Tandem compiler:" lines in $out/NAME.txt, for the report
# shellcheck source=outer-settings.sh
source "$(dirname "${BASH_SOURCE[0]}")/outer-settings.sh"
# shellcheck source=stats.sh
source "$(dirname "${BASH_SOURCE[0]}")/stats.sh"

driver() {
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  out="$root/target/$1"
  runs=${RUNS:-5}
  rm -rf "$out" && mkdir -p "$out"
  version=$("$root/mvnw" -q -f "$root/pom.xml" help:evaluate -Dexpression=project.version -DforceStdout -N)
  compiler=$("$root/mvnw" -q -f "$root/pom.xml" help:evaluate -Dexpression=it.compiler.version -DforceStdout -N)
  outer_settings "$out/settings.xml"
}

m() { "$root/mvnw" -B -o -s "$out/settings.xml" -Dmaven.repo.local="$out/repo" "$@"; }

warm_up() {
  local dir
  for dir in "$@"; do
    "$root/mvnw" -B -q -s "$out/settings.xml" -Dmaven.repo.local="$out/repo" -f "$dir/pom.xml" clean compile \
      > "$dir.warm-up.log" 2>&1 || { tail -30 "$dir.warm-up.log"; exit 1; }
  done
}

ms() {
  local start end
  start=$(date +%s%N)
  "$@" > "$out/last.log" 2>&1 || { tail -30 "$out/last.log"; exit 1; }
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

summary() { grep -h "Tandem compiler:" "$out/last.log" | sed 's/^\[INFO\] //' > "$out/$1.txt" || true; }

first_builds() {
  local i
  for i in $(seq 1 "$runs"); do
    if (( i % 2 )); then
      first_tandem+=("$(ms m -f "$out/tandem/pom.xml" clean compile)"); summary first
      first_plain+=("$(ms m -f "$out/plain/pom.xml" clean compile)")
    else
      first_plain+=("$(ms m -f "$out/plain/pom.xml" clean compile)")
      first_tandem+=("$(ms m -f "$out/tandem/pom.xml" clean compile)"); summary first
    fi
  done
}
