def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
// prepare's line comes before javac's error, and says the fix
def line = { String log, String text ->
    def lines = log.readLines()
    def at = lines.findIndexOf { it.startsWith('[WARNING] Tandem: ') && it.contains(text) }
    assert at >= 0 : "no prepare warning with '${text}' in:\n${log}"
    def compiling = lines.findIndexOf { it.contains('Compiling 1 source file') }
    assert compiling < 0 || at < compiling : 'the warning must come before javac runs'
    lines[at]
}

// the invoker's build: ReplayProcessor beside MapStruct's processor; javac fails recreating MapStruct's files
def first = new File(basedir, 'build.log').text
assert line(first, 'names org.mapstruct.ap.MappingProcessor beside dev.tandem.replay.ReplayProcessor')
        .endsWith('Name ReplayProcessor alone, unless these are registered nowhere.')
assert first.count('names org.mapstruct.ap.MappingProcessor beside') == 1 // once, for both executions

// tandem-replay as a dependency, not on the processor path: javac says "Annotation processor ... not found"
def pom = new File(basedir, 'pom.xml')
def projectVersion = (pom.text =~ /<artifactId>tandem-replay<\/artifactId>\s*<version>([^<]+)<\/version>/)[0][1]
pom.text = pom.text
        .replace('<annotationProcessor>org.mapstruct.ap.MappingProcessor</annotationProcessor>', '')
        .replaceFirst(/(?s)<path>\s*<groupId>dev\.tandem<\/groupId>.*?<\/path>/, '')
        .replace('<dependencies>', '<dependencies><dependency><groupId>dev.tandem</groupId>' +
                '<artifactId>tandem-replay</artifactId><version>' + projectVersion + '</version>' +
                '<scope>provided</scope></dependency>')
def second = mvn(basedir, localRepositoryPath, '--fails', 'compile')
assert line(second, 'but tandem-replay is not in its <annotationProcessorPaths> (only in <dependencies>')
        .endsWith('Add dev.tandem:tandem-replay as the first <path>.')
assert second.contains("Annotation processor 'dev.tandem.replay.ReplayProcessor' not found")

// right: the warnings are gone and MapStruct replays through tandem-replay
pom.text = pom.text.replace('<annotationProcessorPaths>', '<annotationProcessorPaths><path><groupId>dev.tandem' +
        '</groupId><artifactId>tandem-replay</artifactId><version>' + projectVersion + '</version></path>')
def third = mvn(basedir, localRepositoryPath, 'compile')
assert !third.contains('[WARNING] Tandem: ')
assert third.contains('Tandem replay: MapStruct 0 replayed, 1 run')
return true
