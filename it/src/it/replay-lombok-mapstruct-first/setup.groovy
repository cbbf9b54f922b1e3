// the Lombok and MapStruct module: 22 mappers of Lombok beans, a supertype, two hops, a lombok.config
evaluate(new File(basedir, '../../../src/it/lib/LombokMappers.groovy'))(basedir)
return true
