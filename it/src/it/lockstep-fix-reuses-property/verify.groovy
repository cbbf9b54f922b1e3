def log = new File(basedir, 'build.log').text
assert log.contains('Lockstep: org.mapstruct:mapstruct, org.mapstruct:mapstruct-processor must be used at one version, but 2 are: 1.5.5.Final, 1.6.3.')
assert log.contains('Fix: use 1.6.3 (the highest found) for all of them. Your build already has a property for it: set')
assert log.contains('<properties><org.mapstruct.version>1.6.3</org.mapstruct.version></properties>')
assert log.contains('write <version>${org.mapstruct.version}</version> for org.mapstruct:mapstruct-processor in maven-compiler-plugin annotationProcessorPaths')
// the line of the literal version: Maven 3.9+ records where configuration came from (this scenario runs on the
// wrapper's Maven; on 3.6 and 3.8 the fix names the place without a line)
assert log.contains('annotationProcessorPaths (pom.xml line 36).')
assert !log.contains('<mapstruct.version>')
