evaluate(new File(basedir, '../../../src/it/lib/SmokeMappers.groovy'))(basedir)
return true
