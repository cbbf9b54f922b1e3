def log = new File(basedir, 'build.log').text
// the message names the coordinate and where it is written, then the property and the fix
assert log.contains('lockstep: org.mapstruct:mapstruct-processor in maven-compiler-plugin annotationProcessorPaths has version ${mapstruct.version}, but the property mapstruct.version is not defined. Define it in <properties> or write the version.')
assert log =~ /Failed to execute goal org\.apache\.maven\.plugins:maven-enforcer-plugin:[^ ]+:enforce \(lockstep\)/
