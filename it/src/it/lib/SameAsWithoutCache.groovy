// Checks that the code generated with the cache is byte for byte what the processor generates without it: records
// target/generated-sources/annotations, rebuilds with -Dcars.cache=false, and compares. Returns the file count.
//   def same = evaluate(new File(basedir, '../../../src/it/lib/SameAsWithoutCache.groovy'))
//   assert same(basedir, localRepositoryPath, mvn) == 100
return { File project, File localRepository, Closure mvn ->
    def generated = new File(project, 'target/generated-sources/annotations')
    def snapshot = {
        def files = [:]
        generated.eachFileRecurse { if (it.isFile()) files[it.path - generated.path] = it.bytes }
        files
    }
    def withCache = snapshot()
    mvn(project, localRepository, 'clean', 'compile', '-Dcars.cache=false')
    def without = snapshot()
    assert without.keySet() == withCache.keySet()
    withCache.each { path, bytes -> assert Arrays.equals(bytes, without[path]) : "${path} differs" }
    return withCache.size()
}
