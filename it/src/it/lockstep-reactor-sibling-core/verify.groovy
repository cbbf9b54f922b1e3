def log = new File(basedir, 'build.log').text
assert log.contains('Why: dev.tandem.it.reactor:core:1.0 declares dev.tandem.it:widget-processor as its companion at version 1.0')
assert log =~ /1\.0 +dev\.tandem\.it\.reactor:core +direct dependency \(compile\)/
assert log.contains('Failed to execute goal org.apache.maven.plugins:maven-enforcer-plugin')
assert log =~ /on project app/
