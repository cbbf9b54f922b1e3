def log = new File(basedir, 'build.log').text
assert log.contains("Why: configured group in the lockstep rule's <groups>.")
assert !log.contains('built-in group')
assert log.contains('[WARNING] lockstep: org.mapstruct:mapstruct-procesor in <groups> entry 2 matches nothing in this build;' +
        ' did you mean org.mapstruct:mapstruct-processor?')
