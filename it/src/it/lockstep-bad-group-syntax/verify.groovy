def log = new File(basedir, 'build.log').text
assert log.contains("lockstep: 'mapstruct-processor' in <groups> entry 1 of the lockstep rule is not of the form groupId:artifactId or groupId:*.")
assert log.contains('BUILD FAILURE')
