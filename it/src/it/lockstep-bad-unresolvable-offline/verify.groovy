def log = new File(basedir, 'build.log').text
assert log.contains('lockstep: cannot resolve dev.tandem.it:never-published:1.0 (maven-compiler-plugin annotationProcessorPaths)')
assert log.contains('build once online')
