def log = new File(basedir, 'build.log').text
assert log.contains('lockstepProfile: the lockstep profile in ')
assert log =~ /Failed to execute goal org\.apache\.maven\.plugins:maven-enforcer-plugin:.*on project foo:/
assert log.contains('<jdk>[1.8,)</jdk> matches a JDK version of 1 or newer')
