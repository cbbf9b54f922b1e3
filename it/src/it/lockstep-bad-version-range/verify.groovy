def log = new File(basedir, 'build.log').text
// the message names the coordinate and where it is written, then the range and the fix
assert log.contains('lockstep: org.mapstruct:mapstruct-processor in maven-compiler-plugin annotationProcessorPaths has the version range [1.5,1.7); a lockstep check needs one version. Write the exact version, e.g. <version>1.2.3</version> or <version>[1.2.3]</version>.')
assert log =~ /Failed to execute goal org\.apache\.maven\.plugins:maven-enforcer-plugin:[^ ]+:enforce \(lockstep\)/
