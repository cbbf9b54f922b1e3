evaluate(new File(basedir, '../../../src/it/lib/Fleet.groovy'))(basedir, 4, 5, 4)
