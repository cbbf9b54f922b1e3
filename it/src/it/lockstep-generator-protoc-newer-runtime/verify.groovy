def log = new File(basedir, 'build.log').text
assert !log.contains('Lockstep:')
assert log.contains('BUILD SUCCESS')
