# Sourced by the benchmark drivers: writes a settings.xml that lets a build with its own local repository read what
# ~/.m2/repository already has (Tandem's own snapshot included), before going to Maven Central.
#   outer_settings "$out/settings.xml"
outer_settings() {
  local repo="file://$HOME/.m2/repository"
  local policies='<releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><checksumPolicy>ignore</checksumPolicy></snapshots>'
  cat > "$1" <<XML
<settings><profiles><profile><id>outer</id><activation><activeByDefault>true</activeByDefault></activation>
<repositories><repository><id>outer</id><url>$repo</url>$policies</repository></repositories>
<pluginRepositories><pluginRepository><id>outer</id><url>$repo</url>$policies</pluginRepository></pluginRepositories>
</profile></profiles></settings>
XML
}
