evaluate(new File(basedir, '../../../src/it/lib/Fleet.groovy'))(basedir, 10, 10, 10)
def tiny = new File(basedir, 'tiny')
tiny.mkdirs()
assert ['mount', '-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', tiny.path].execute().waitFor() == 0
return true
