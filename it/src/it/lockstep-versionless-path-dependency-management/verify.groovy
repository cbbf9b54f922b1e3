def log = new File(basedir, 'build.log').text
assert log =~ /(?m)1\.5\.5\.Final +org\.mapstruct:mapstruct-processor +maven-compiler-plugin annotationProcessorPaths$/
assert log.contains('but 2 are: 1.5.5.Final, 1.6.3.')
