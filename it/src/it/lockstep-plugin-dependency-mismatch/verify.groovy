def log = new File(basedir, 'build.log').text
assert log =~ /1\.5\.5\.Final +org\.mapstruct:mapstruct-processor +dependency of plugin maven-compiler-plugin/
assert log.contains('org.mapstruct:mapstruct-processor in dependency of plugin maven-compiler-plugin')
