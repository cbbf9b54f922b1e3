// consumer/pom.xml is not a module, so the invoker does not filter it: take the versions from the filtered root POM
def root = new File(basedir, 'pom.xml').text
def value = { name -> (root =~ "<${name}>([^<]+)</${name}>")[0][1] }
def consumer = new File(basedir, 'consumer/pom.xml')
consumer.text = consumer.text
        .replace('@it.enforcer.version@', value('it.enforcer'))
        .replace('@it.compiler.version@', value('it.compiler'))
        .replace('@project.version@', value('it.tandem'))
return true
