def log = new File(basedir, 'build.log').text
assert log.contains('Lockstep: org.mapstruct:mapstruct, org.mapstruct:mapstruct-processor must be used at one version, but 2 are: 1.5.5.Final, 1.6.3.')
assert log =~ /1\.5\.5\.Final +org\.mapstruct:mapstruct-processor +dependency of type processor/
// Maven 4 also puts the processor in the project's resolved graph: it must not be reported a second time
assert !(log =~ /org\.mapstruct:mapstruct-processor +direct dependency/)
