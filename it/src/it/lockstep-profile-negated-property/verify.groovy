def log = new File(basedir, 'build.log').text
assert log.contains('lockstepProfile: the lockstep profile in ')
assert log =~ /Failed to execute goal org\.apache\.maven\.plugins:maven-enforcer-plugin:.*on project foo:/
assert log.contains('<property><name>!foo.lockstep</name></property> is satisfied in every build that does not set foo.lockstep, and Gradle treats such a profile as active; use <activation><jdk>(,1)</jdk></activation> alone')
