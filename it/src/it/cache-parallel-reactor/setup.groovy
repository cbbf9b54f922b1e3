def fleet = evaluate(new File(basedir, '../../../src/it/lib/Fleet.groovy'))
['a', 'b', 'c', 'd'].each { fleet(new File(basedir, it), 4, 5, 4) }
return true
