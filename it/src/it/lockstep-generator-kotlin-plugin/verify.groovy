def log = new File(basedir, 'build.log').text
assert log.contains('Lockstep: org.jetbrains.kotlin:kotlin-maven-plugin, org.jetbrains.kotlin:kotlin-stdlib must be used at one version, but 2 are: 2.3.21, 2.4.21.')
assert log.contains('Why: built-in group "Kotlin"')
assert log =~ /2\.4\.21 +org\.jetbrains\.kotlin:kotlin-maven-plugin +build plugin, <build><plugins>/
