def log = new File(basedir, 'build.log').text
assert log =~ /Lockstep: .*io\.grpc:grpc-stub.*io\.grpc:protoc-gen-grpc-java must be used at one version, but 2 are: 1\.84\.2, 1\.85\.1\./
assert log.contains('Why: built-in group "gRPC"')
assert log =~ /1\.84\.2 +io\.grpc:protoc-gen-grpc-java +protobuf-maven-plugin configuration <pluginArtifact>, execution grpc/
