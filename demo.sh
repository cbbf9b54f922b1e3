#!/usr/bin/env bash
# The demo: builds Tandem (installing it into the local repository), then runs the bundled examples: example/ in a
# temporary copy (the demo edits its POM and a source), example-cache/ in place (its target/ folders are ignored by git).
#  1. example/: its MapStruct processor (1.5.5.Final) has drifted from the library (1.6.3): the lockstep rule fails
#     the build before javac runs, and says which versions, where from, and how to fix it.
#  2. The fix the rule prints, applied to the POM: the rule passes, and MapStruct, run by tandem-replay, generates
#     the three mappers.
#  3. One mapper's file edited: replay replays the two others and runs MapStruct for the edited one alone.
#  4. example-cache/: a file-reading processor over 100 elements, built, then rebuilt after touching one Java file:
#     the second time every element is a cache hit; tandem:status shows the table.
# Exits 0 when all of it happens as described.
set -euo pipefail
cd "$(dirname "$0")"

echo "== Building Tandem (./mvnw install, tests skipped; ./mvnw verify runs them)"
./mvnw -B -q -ntp install -DskipTests -Dinvoker.skip

copy=$(mktemp -d)
log="$copy/build.log"
trap 'rm -rf "$copy"' EXIT
cp -r example "$copy/example"
rm -rf "$copy/example/target"
pom="$copy/example/pom.xml"

echo
echo "== 1. The example as committed: mapstruct 1.6.3, mapstruct-processor 1.5.5.Final"
if ./mvnw -B -ntp -f "$pom" clean compile > "$log" 2>&1; then
  cat "$log"; echo "demo: expected the lockstep rule to fail this build" >&2; exit 1
fi
sed -n '/failed with message:/,/dependencyManagement\|^\[ERROR\] *$/p' "$log" | sed 's/^\[ERROR\] //' | grep -v -e '^$' -e '^-> \[Help'
grep -q 'Lockstep: org.mapstruct:mapstruct, org.mapstruct:mapstruct-processor' "$log" \
  || { cat "$log"; echo "demo: the build failed, but not because of the lockstep rule" >&2; exit 1; }

echo
# the rule's "Fix:" says which <version> to write for the processor's path: write exactly that into the POM
fixed=$(sed -n 's/.*and write <version>\(.*\)<\/version> for org.mapstruct:mapstruct-processor.*/\1/p' "$log" | head -1)
[ -n "$fixed" ] || { cat "$log"; echo "demo: the rule's message has no fix to apply" >&2; exit 1; }
echo "== 2. The fix the rule prints, applied to pom.xml: <version>$fixed</version> for mapstruct-processor"
sed -i "s|<version>\${mapstruct-processor.version}</version>|<version>$fixed</version>|" "$pom"
grep -q "<version>$fixed</version>" "$pom" || { echo "demo: could not apply the fix to $pom" >&2; exit 1; }
./mvnw -B -ntp -f "$pom" clean compile > "$log" 2>&1 || { cat "$log"; exit 1; }
grep -E 'LockstepRule.* passed|Tandem replay:' "$log" | sed 's/^\[INFO\] /  /'
grep -q 'Tandem replay: MapStruct 0 replayed, 3 run' "$log" \
  || { cat "$log"; echo "demo: expected MapStruct to run for the three mappers" >&2; exit 1; }
for mapper in Car Engine Owner; do
  test -f "$copy/example/target/classes/com/example/cars/${mapper}MapperImpl.class"
done
echo "  MapStruct generated CarMapperImpl, EngineMapperImpl and OwnerMapperImpl"

echo
echo "== 3. Replay: a field added to OwnerMapper.java's Owner and OwnerDto, then mvn compile tandem:status"
sed -i 's/public String name;/public String name;\n        public String email;/' \
  "$copy/example/src/main/java/com/example/cars/OwnerMapper.java"
./mvnw -B -ntp -f "$pom" compile tandem:status > "$log" 2>&1 || { cat "$log"; exit 1; }
grep -E 'Tandem replay: MapStruct|consumer +entries|replay-org.mapstruct' "$log" | grep -v 'last compile into' \
  | sed 's/^\[INFO\] /  /'
grep -q 'Tandem replay: MapStruct 2 replayed, 1 run' "$log" \
  || { cat "$log"; echo "demo: expected two mappers replayed and the edited one run" >&2; exit 1; }

echo
echo "== 4. The processor cache: example-cache/, 100 elements read from data files by a processor (~5 ms each)"
./mvnw -B -ntp -f example-cache/pom.xml clean compile > "$log" 2>&1 || { cat "$log"; exit 1; }
echo "First build:"
grep -E 'Tandem: [0-9]+ input files|CarsProcessor:' "$log" | sed 's/^\[INFO\] /  /'
touch example-cache/app/src/main/java/com/example/garage/FordModels.java
./mvnw -B -ntp -f example-cache/pom.xml compile tandem:status > "$log" 2>&1 || { cat "$log"; exit 1; }
echo "Rebuild after touching one Java file (javac recompiles the whole module, the processor runs again):"
grep -E 'Recompiling|CarsProcessor:|Tandem cache .*app|consumer +entries|dev.tandem.example.cars ' "$log" | sed 's/^\[INFO\] /  /'
grep -qE 'dev.tandem.example.cars +100 +[0-9.]+ [KM]?i?B +100 +0 ' "$log" \
  || { cat "$log"; echo "demo: expected 100 hits and no miss on the rebuild" >&2; exit 1; }

echo
echo "demo: the rule caught the drift and its fix passed, replay reran only the edited mapper, and the cache served"
echo "every element of the unchanged build. Next: the quick start (src/site/markdown/quick-start.md.vm, or the site)."
