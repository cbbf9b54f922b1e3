def log = new File(basedir, 'build.log').text
assert log.contains("lockstep: org.mapstruct:mapstruct-processor in maven-compiler-plugin annotationProcessorPaths has no <version>, and the project's dependencyManagement has none for it.")
assert !log.contains('at dev.tandem.lockstep')
