def log = new File(basedir, 'build.log').text
assert log =~ /\[WARNING\] Rule 0: dev\.tandem\.lockstep\.LockstepRule.* warned with message:/
assert log.contains('but 2 are: 1.5.5.Final, 1.6.3.')
assert log.contains('BUILD SUCCESS')
