#!/usr/bin/env bash
# The path of a new user, checked end to end (run by .ci/run after the demo; about a minute):
#  1. Tandem deployed as a release would be (-Prelease: sources and javadoc jars; signed with a throwaway gpg key when
#     gpg is installed) to a file repository, which must then hold every published module and nothing else.
#  2. A new project, whose POM is made of the quick start's snippets copied from the site's sources (the blocks
#     marked <!-- quick-start: ... -->), built with an empty local repository against that repository alone (and a
#     read-only view of Maven Central's artifacts this machine already has): the lockstep rule runs, MapStruct's
#     three mappers run, then after one edit two replay and one runs.
# Exits 0 when all of it holds.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)
fail() { echo "release-check: $*" >&2; exit 1; }

echo "== Deploying Tandem $version with -Prelease to a file repository"
repo="$work/repo"
signing=()
if command -v gpg >/dev/null 2>&1; then
  export GNUPGHOME="$work/gnupg"
  mkdir -m 700 "$GNUPGHOME"
  gpg --batch --quiet --passphrase '' --quick-gen-key 'Tandem release check <release-check@tandem.invalid>' \
    rsa2048 sign 1d 2>/dev/null
  signing=(-Dgpg.keyname=release-check@tandem.invalid)
fi
./mvnw -B -q -ntp deploy -Prelease -DskipTests -Dinvoker.skip "${signing[@]}" \
  -DaltDeploymentRepository="release-check::file://$repo" > "$work/deploy.log" 2>&1 \
  || { cat "$work/deploy.log"; fail "the release deploy failed"; }

for artifact in tandem-parent tandem-cache-api tandem-replay tandem-maven-plugin tandem-enforcer-rules; do
  dir="$repo/dev/tandem/$artifact/$version"
  [ -d "$dir" ] || fail "$artifact was not deployed"
  kinds=(.pom)
  [ "$artifact" = tandem-parent ] || kinds+=(.jar -sources.jar -javadoc.jar)
  for kind in "${kinds[@]}"; do
    if [ "$kind" = .jar ]; then # the main jar: not the sources or javadoc jar, which end in .jar too
      file=$(find "$dir" -name "$artifact-*.jar" ! -name "*-sources.jar" ! -name "*-javadoc.jar" | head -1)
    else
      file=$(find "$dir" -name "$artifact-*$kind" | head -1)
    fi
    [ -n "$file" ] || fail "$artifact has no $kind"
    if [ ${#signing[@]} -gt 0 ]; then
      [ -f "$file.asc" ] || fail "$file is not signed"
      gpg --batch --quiet --verify "$file.asc" "$file" 2>/dev/null || fail "the signature of $file does not verify"
    fi
  done
done
deployed=$(find "$repo/dev/tandem" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort | tr '\n' ' ')
[ "$deployed" = "tandem-cache-api tandem-enforcer-rules tandem-maven-plugin tandem-parent tandem-replay " ] \
  || fail "the release deploys exactly the published modules, not: $deployed"
# the javadoc of the API processor authors call is there
javadoc=$(unzip -l "$repo"/dev/tandem/tandem-cache-api/"$version"/tandem-cache-api-*-javadoc.jar)
grep -q 'dev/tandem/cache/ProcessorCache.html' <<< "$javadoc" || fail "tandem-cache-api's javadoc has no ProcessorCache"
echo "deployed: $deployed(pom, jar, sources, javadoc${signing:+, signatures})"

echo "== A new project from the quick start's snippets, with an empty local repository"
project="$work/project"
snippet() { # the xml block after <!-- quick-start: $1 --> in the quick start, as the site renders it
  awk -v mark="<!-- quick-start: $1 -->" '
    $0 == mark { want = 1; next }
    want && /^```xml/ { inside = 1; next }
    inside && /^```/ { exit }
    inside { print }' src/site/markdown/quick-start.md.vm \
    | sed -e "s/\${project.version}/$version/g" -e 's/\${D}/$/g'
}
[ -n "$(snippet lockstep)" ] && [ -n "$(snippet replay)" ] || fail "the quick start's marked snippets are gone"
mkdir -p "$project/src/main/java/com/example"
cat > "$project/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>garage</artifactId>
  <version>1.0</version>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.release>17</maven.compiler.release>
    <mapstruct.version>1.6.3</mapstruct.version>
  </properties>
  <dependencies>
    <dependency>
      <groupId>org.mapstruct</groupId>
      <artifactId>mapstruct</artifactId>
      <version>\${mapstruct.version}</version>
    </dependency>
  </dependencies>
  <build>
    <pluginManagement>
      <plugins>
        <plugin>
          <artifactId>maven-resources-plugin</artifactId>
          <version>3.3.1</version>
        </plugin>
      </plugins>
    </pluginManagement>
    <plugins>
$(snippet lockstep)
$(snippet replay)
    </plugins>
  </build>
</project>
EOF
for name in Car Engine Owner; do
  printf 'package com.example;\n\npublic class %s {\n    private String name;\n    public String getName() { return name; }\n    public void setName(String name) { this.name = name; }\n}\n' "$name" \
    > "$project/src/main/java/com/example/$name.java"
  sed "s/public class $name /public class ${name}Dto /" "$project/src/main/java/com/example/$name.java" \
    > "$project/src/main/java/com/example/${name}Dto.java"
  printf 'package com.example;\n\n@org.mapstruct.Mapper\npublic interface %sMapper {\n    %sDto toDto(%s source);\n}\n' \
    "$name" "$name" "$name" > "$project/src/main/java/com/example/${name}Mapper.java"
done

# The repositories the new project sees: the release above, and a read-only view of the artifacts this machine
# already has, without Tandem's (Central itself is used when the view lacks one)
view="$work/central-view"
mkdir -p "$view/dev"
for entry in "$HOME"/.m2/repository/*; do
  [ "$(basename "$entry")" = dev ] || ln -s "$entry" "$view/$(basename "$entry")"
done
for entry in "$HOME"/.m2/repository/dev/*; do
  [ -e "$entry" ] && [ "$(basename "$entry")" != tandem ] && ln -s "$entry" "$view/dev/$(basename "$entry")"
done
cat > "$work/settings.xml" <<EOF
<settings>
  <profiles>
    <profile>
      <id>release-check</id>
      <repositories>
        <repository><id>tandem-release</id><url>file://$repo</url></repository>
        <repository><id>machine</id><url>file://$view</url></repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository><id>tandem-release</id><url>file://$repo</url></pluginRepository>
        <pluginRepository><id>machine</id><url>file://$view</url></pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>release-check</activeProfile></activeProfiles>
</settings>
EOF
build() {
  ./mvnw -B -ntp -s "$work/settings.xml" -Dmaven.repo.local="$work/local" -f "$project/pom.xml" "$@" \
    > "$work/build.log" 2>&1 || { cat "$work/build.log"; fail "the new project's build failed: mvn $*"; }
}
build clean compile
grep -q 'LockstepRule.* passed' "$work/build.log" || { cat "$work/build.log"; fail "the lockstep rule did not run"; }
grep -q 'Tandem replay: MapStruct 0 replayed, 3 run' "$work/build.log" \
  || { cat "$work/build.log"; fail "the first build did not run MapStruct's three mappers through replay"; }
[ -d "$work/local/dev/tandem/tandem-replay" ] || fail "tandem-replay did not come from the release repository"
sed -i 's/private String name;/private String name;\n    private int age;/' "$project/src/main/java/com/example/Owner.java"
build compile tandem:status
grep -q 'Tandem replay: MapStruct 2 replayed, 1 run' "$work/build.log" \
  || { cat "$work/build.log"; fail "after one edit, expected two mappers replayed and one run"; }
grep -E 'Tandem replay:|LockstepRule|consumer +entries|replay-org.mapstruct' "$work/build.log" | sed 's/^\[INFO\] /  /'
echo "release-check: the release and the quick start hold"
