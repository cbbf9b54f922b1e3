def log = new File(basedir, 'build.log').text
assert log.contains('Lockstep: org.jooq:jooq, org.jooq:jooq-codegen-maven must be used at one version, but 2 are: 3.19.39, 3.20.11.')
assert log.contains('Why: built-in group "jOOQ"')
assert log =~ /3\.20\.11 +org\.jooq:jooq-codegen-maven +build plugin, <build><plugins>/
assert log.contains('Fix: use 3.20.11 (the highest found)')
