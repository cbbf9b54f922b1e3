def log = new File(basedir, 'build.log').text
assert log.contains('Lockstep: com.google.protobuf:protobuf-java 4.33.4 is older than com.google.protobuf:protoc 4.36.2, which generates the code that runs on it.')
assert log.contains('Why: built-in group "Protobuf": generated code runs on a runtime of the same major version at least as new as its generator')
assert log =~ /4\.36\.2 +com\.google\.protobuf:protoc +protobuf-maven-plugin configuration <protocArtifact>/
assert log.contains('Fix: use com.google.protobuf:protobuf-java 4.36.2 or a newer 4.x')
