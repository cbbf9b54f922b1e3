def log = new File(basedir, 'build.log').text
assert log.contains('Lockstep: org.mapstruct:mapstruct, org.mapstruct:mapstruct-processor must be used at one version, but 2 are: 1.5.5.Final, 1.6.3.')
assert log.contains('Why: built-in group "MapStruct"')
assert log =~ /1\.6\.3 +org\.mapstruct:mapstruct +direct dependency \(compile\)/
assert log =~ /(?m)1\.5\.5\.Final +org\.mapstruct:mapstruct-processor +maven-compiler-plugin annotationProcessorPaths$/
assert !log.contains('execution default-testCompile')
assert log.contains('Fix: use 1.6.3 (the highest found)')
assert log.contains('<mapstruct.version>1.6.3</mapstruct.version>')
