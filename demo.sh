#!/usr/bin/env bash
# The demo: builds Tandem, then runs the bundled example (example/) twice.
#  1. As committed, its MapStruct processor (1.5.5.Final) has drifted from the library (1.6.3): the lockstep rule
#     fails the build before javac runs, and says which versions, where from, and how to fix it.
#  2. With the fix the rule suggests (one version for both), the rule passes and MapStruct generates the mapper.
# Exits 0 when both happen as described.
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
rm -f "$log"
