def log = new File(basedir, 'build.log').text
assert log.contains('Why: built-in group "Dagger and Hilt"')
assert log =~ /2\.51 +com\.google\.dagger:dagger +direct dependency \(compile\)/
assert log =~ /2\.51\.1 +com\.google\.dagger:dagger +maven-compiler-plugin annotationProcessorPaths, via com\.google\.dagger:dagger-compiler:2\.51\.1/
assert log =~ /(?m)2\.51\.1 +com\.google\.dagger:dagger-compiler +maven-compiler-plugin annotationProcessorPaths$/
assert log.contains('follows the artifact that brings it in')
