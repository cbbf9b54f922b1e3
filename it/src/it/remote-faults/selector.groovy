return evaluate(new File(basedir, '../../../src/it/lib/NginxSelector.groovy'))
