def log = new File(basedir, 'build.log').text
// on every Maven, 3.6 included, the rule itself ran and rejected the activation, reading the raw POM
assert log.contains('lockstepProfile: the lockstep profile in ')
assert log =~ /Failed to execute goal org\.apache\.maven\.plugins:maven-enforcer-plugin:.*on project foo:/
assert log.contains('<property><name>!foo.lockstep</name></property> is satisfied in every build that does not set foo.lockstep, and Gradle treats such a profile as active; use <activation><jdk>(,1)</jdk></activation> alone')
assert !log.contains('No versions available for org.foo:foo-processor')
