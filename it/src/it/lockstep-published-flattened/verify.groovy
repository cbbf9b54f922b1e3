def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
def maven4 = binding.hasVariable('itMavenHome') && itMavenHome.toString().contains('maven-4')
// each mode publishes its own version; 1.1 is oss, published by the invoker's build. Without flattening, Maven 3
// installs the POM as written, whose ${revision} parent no consumer can read; Maven 4 installs a consumer POM
// the matrix legs (itLeg, it/pom.xml) publish one mode besides the invoker's oss, and Maven 4 its consumer POM; the
// main leg publishes every mode
def matrix = binding.hasVariable('itLeg') && itLeg == 'matrix'
def modes = (matrix ? ['resolveCiFriendliesOnly'] : ['ossrh', 'bom', 'defaults', 'clean', 'fatjar', 'resolveCiFriendliesOnly', 'minimum']) +
        (maven4 ? [null] : [])
modes.eachWithIndex { mode, i ->
    def version = "1.${i + 2}"
    def publish = ['install', "-Drevision=${version}"]
    if (mode != null) {
        publish << "-Dflatten.mode=${mode}"
    }
    mvn(basedir, localRepositoryPath, *publish)
    def pom = new File(localRepositoryPath, "dev/tandem/it/flat/gadget/${version}/gadget-${version}.pom")
    def what = mode ?: (maven4 ? "Maven 4's consumer POM" : 'no flattening')
    assert pom.text.contains('lockstep') : "the ${what} POM lost the inert profile:\n${pom.text}"
    // aligned: passes; drifted (the processor of 1.1): the rule reads the companion from the installed POM
    mvn(basedir, localRepositoryPath, '-f', 'consumer/pom.xml', 'validate', "-Dgadget.version=${version}", "-Dprocessor.version=${version}")
    def log = mvn(basedir, localRepositoryPath, '--fails', '-f', 'consumer/pom.xml', 'validate', "-Dgadget.version=${version}", '-Dprocessor.version=1.1')
    assert log.contains("dev.tandem.it.flat:gadget:${version} declares dev.tandem.it.flat:gadget-processor as its companion at version ${version}") : "${what}: ${log.readLines().findAll { it.contains('Lockstep') || it.contains('ERROR') }.take(8).join('\n')}"
}
return true
