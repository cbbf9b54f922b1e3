def log = new File(basedir, 'build.log').text
assert log.contains('Why: dev.tandem.it:widget:1.0 declares dev.tandem.it:widget-processor as its companion at version 1.0 (the inert lockstep profile in its POM).')
assert log =~ /(?m)0\.9 +dev\.tandem\.it:widget-processor +maven-compiler-plugin annotationProcessorPaths$/
assert log =~ /1\.0 +dev\.tandem\.it:widget +direct dependency \(compile\)/
