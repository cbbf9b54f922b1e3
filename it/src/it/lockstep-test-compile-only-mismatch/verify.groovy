def log = new File(basedir, 'build.log').text
assert log =~ /1\.5\.5\.Final +org\.mapstruct:mapstruct-processor +maven-compiler-plugin annotationProcessorPaths, execution default-testCompile/
assert !(log =~ /1\.5\.5\.Final +org\.mapstruct:mapstruct-processor +maven-compiler-plugin annotationProcessorPaths, execution default-compile/)
assert log =~ /(?m)1\.6\.3 +org\.mapstruct:mapstruct-processor +maven-compiler-plugin annotationProcessorPaths$/
