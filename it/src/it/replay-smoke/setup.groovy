def mappers = evaluate(new File(basedir, '../../../src/it/lib/SmokeMappers.groovy'))
['in-process', 'forked'].each { module -> mappers(new File(basedir, module)) }
return true
