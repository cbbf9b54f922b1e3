def log = new File(basedir, 'build.log').text
assert log.contains('Tandem: skipped (tandem.skip)')
assert log.contains('BUILD SUCCESS')
assert !new File(basedir, 'target/tandem/inputs.idx').exists()
assert new File(basedir, 'target/classes/dev/tandem/it/fleet/Fleet01_Car2Info.class').isFile()
