def log = new File(basedir, 'build.log').text
assert log.contains('has version ${mapstruct.version}, but the property mapstruct.version is not defined. Define it in <properties> or write the version.')
