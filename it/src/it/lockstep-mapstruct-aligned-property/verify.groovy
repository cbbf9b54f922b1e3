def log = new File(basedir, 'build.log').text
assert log =~ /Rule 0: dev\.tandem\.lockstep\.LockstepRule.* passed/
assert new File(basedir, 'target/classes/dev/tandem/it/CarMapperImpl.class').isFile()
