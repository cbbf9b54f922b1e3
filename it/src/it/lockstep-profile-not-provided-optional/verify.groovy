def log = new File(basedir, 'build.log').text
assert log.contains('lockstepProfile: the lockstep profile in ')
assert log =~ /Failed to execute goal org\.apache\.maven\.plugins:maven-enforcer-plugin:.*on project foo:/
assert log.contains('companion org.foo:foo-processor has no <scope>: use <scope>provided</scope>')
assert log.contains('companion org.foo:foo-processor is not <optional>true</optional>')
