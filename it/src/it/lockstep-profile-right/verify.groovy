// two builds in one log: the whole reactor, then -pl foo (the companion's module is not built, but still in the reactor)
def log = new File(basedir, 'build.log').text
assert log.findAll('Rule 0: dev.tandem.lockstep.LockstepProfileRule\\(lockstepProfile\\) passed').size() == 2
assert log.findAll('BUILD SUCCESS').size() == 2
assert !log.contains('lockstepProfile:')
