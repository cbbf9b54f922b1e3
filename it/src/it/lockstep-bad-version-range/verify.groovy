def log = new File(basedir, 'build.log').text
assert log.contains('has the version range [1.5,1.7); a lockstep check needs one version.')
