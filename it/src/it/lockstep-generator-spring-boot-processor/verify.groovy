def log = new File(basedir, 'build.log').text
assert log =~ /Lockstep: .*org\.springframework\.boot:spring-boot-configuration-processor must be used at one version, but 2 are: 3\.5\.7, 4\.0\.7\./
assert log.contains('Why: built-in group "Spring Boot"')
assert log =~ /(?m)3\.5\.7 +org\.springframework\.boot:spring-boot-configuration-processor +maven-compiler-plugin annotationProcessorPaths$/
