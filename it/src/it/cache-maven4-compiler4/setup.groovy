evaluate(new File(basedir, '../../../src/it/lib/Fleet.groovy'))(basedir, 50, 10, 10)
