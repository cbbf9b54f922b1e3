def log = new File(basedir, 'build.log').text
assert log =~ /Rule 0: dev\.tandem\.lockstep\.LockstepRule.* passed/
assert log.contains('BUILD SUCCESS')
