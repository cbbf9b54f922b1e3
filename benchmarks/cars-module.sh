# Sourced by the benchmark drivers that build the 500-invocation module of the file-reading cars processor:
#   cars_module "$root" "$out"   installs the processor into $out/repo, writes $out/module and builds it once
#   m ARGS...                    runs ./mvnw with $out's settings (reading ~/.m2 first) and local repository
# shellcheck source=outer-settings.sh
source "$(dirname "${BASH_SOURCE[0]}")/outer-settings.sh"

m() { "$root/mvnw" -B -s "$out/settings.xml" -Dmaven.repo.local="$out/repo" "$@"; }

cars_module() {
  # version and compiler stay set for the caller: other modules of a benchmark are built with the same
  version=$("$root/mvnw" -q -f "$root/pom.xml" help:evaluate -Dexpression=project.version -DforceStdout -N)
  compiler=$("$root/mvnw" -q -f "$root/pom.xml" help:evaluate -Dexpression=it.compiler.version -DforceStdout -N)
  outer_settings "$out/settings.xml"
  cp -r "$root/it/src/it/setup-cars-processor" "$out/cars-processor"
  sed -i "s/@project.version@/$version/; s/@it.compiler.version@/$compiler/; s|@project.basedir@|$root/it|" \
    "$out/cars-processor/pom.xml"
  m -q -f "$out/cars-processor/pom.xml" install > "$out/processor.log" 2>&1 || { cat "$out/processor.log"; exit 1; }
  java "$root/benchmarks/cache/GenerateModule.java" "$out/module" "$version" "$compiler"
  m -f "$out/module/pom.xml" clean compile > "$out/first.log" 2>&1 || { tail -40 "$out/first.log"; exit 1; }
}
