def log = new File(basedir, 'build.log').text
// the profile is satisfiable, so it is already active in the library's own build and adds foo-processor [1.2.3]
if (mavenVersion.startsWith('3.6.')) {
    // Maven 3.6 cannot list a reactor module's versions for a range: it fails resolving before the rule runs
    assert log.contains('No versions available for org.foo:foo-processor:jar:[1.2.3,1.2.3] within specified range')
    return true
}
assert log.contains('lockstepProfile: the lockstep profile in ')
assert log =~ /Failed to execute goal org\.apache\.maven\.plugins:maven-enforcer-plugin:.*on project foo:/
assert log.contains('<property><name>!foo.lockstep</name></property> is satisfied in every build that does not set foo.lockstep, and Gradle treats such a profile as active; use <activation><jdk>(,1)</jdk></activation> alone')
