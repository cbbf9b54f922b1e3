#!/usr/bin/env bash
# The demo: builds Tandem, then runs the bundled examples.
#  1. example/: its MapStruct processor (1.5.5.Final) has drifted from the library (1.6.3): the lockstep rule fails
#     the build before javac runs, and says which versions, where from, and how to fix it.
#  2. The same with the fix the rule suggests: the rule passes and MapStruct generates the mapper.
#  3. example-cache/: a file-reading processor over 100 elements, built, then rebuilt after touching one Java file:
#     the second time every element is a cache hit; tandem:status shows the table.
# Exits 0 when all of it happens as described.
set -euo pipefail
cd "$(dirname "$0")"

echo "== Building Tandem (./mvnw install, tests skipped; ./mvnw verify runs them)"
./mvnw -B -q -ntp install -DskipTests -Dinvoker.skip

echo
echo "== 1. The example as committed: mapstruct 1.6.3, mapstruct-processor 1.5.5.Final"
log=$(mktemp)
if ./mvnw -B -ntp -f example/pom.xml clean compile > "$log" 2>&1; then
  cat "$log"; echo "demo: expected the lockstep rule to fail this build" >&2; exit 1
fi
sed -n '/failed with message:/,/dependencyManagement\|^\[ERROR\] *$/p' "$log" | sed 's/^\[ERROR\] //' | grep -v -e '^$' -e '^-> \[Help'
grep -q 'Lockstep: org.mapstruct:mapstruct, org.mapstruct:mapstruct-processor' "$log" \
  || { cat "$log"; echo "demo: the build failed, but not because of the lockstep rule" >&2; exit 1; }

echo
echo "== 2. The fix: one version for both (-Dmapstruct-processor.version=1.6.3)"
./mvnw -B -ntp -f example/pom.xml clean compile -Dmapstruct-processor.version=1.6.3 > "$log" 2>&1 \
  || { cat "$log"; exit 1; }
grep -E 'LockstepRule.* passed|BUILD SUCCESS' "$log"
test -f example/target/classes/com/example/cars/CarMapperImpl.class
echo "MapStruct generated example/target/classes/com/example/cars/CarMapperImpl.class"

echo
echo "== 3. The processor cache: example-cache/, 100 elements read from data files by a processor (~5 ms each)"
./mvnw -B -ntp -f example-cache/pom.xml clean compile > "$log" 2>&1 || { cat "$log"; exit 1; }
echo "First build:"
grep -E 'Tandem: [0-9]+ input files|CarsProcessor:' "$log" | sed 's/^\[INFO\] /  /'
touch example-cache/app/src/main/java/com/example/garage/FordModels.java
./mvnw -B -ntp -f example-cache/pom.xml compile tandem:status > "$log" 2>&1 || { cat "$log"; exit 1; }
echo "Rebuild after touching one Java file (javac recompiles the whole module, the processor runs again):"
grep -E 'Recompiling|CarsProcessor:|Tandem cache .*app|consumer +entries|dev.tandem.example.cars ' "$log" | sed 's/^\[INFO\] /  /'
grep -qE 'dev.tandem.example.cars +100 +[0-9.]+ [KM]?i?B +100 +0 ' "$log" \
  || { cat "$log"; echo "demo: expected 100 hits and no miss on the rebuild" >&2; exit 1; }
rm -f "$log"
