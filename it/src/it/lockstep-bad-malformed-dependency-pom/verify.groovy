def log = new File(basedir, 'build.log').text
assert log =~ /lockstep: the POM of dev\.tandem\.it:truncated-pom:1\.0 at .*truncated-pom-1\.0\.pom is not well-formed XML/
assert log.contains('Delete it from the local repository so Maven downloads it again')
