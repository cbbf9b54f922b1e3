def log = new File(basedir, 'build.log').text
assert log.contains("Why: configured group in the lockstep rule's <groups>.")
assert !log.contains('built-in group')
