// Changes one data file of a Fleet project (car-3.txt, read by 50 of its 500 elements) and no Java file, compiles
// again, and checks what a user would: prepare names the file and the compile it marks, the compile reruns, exactly
// those 50 elements miss, and the generated code has the new data. Returns the build's log.
//   def log = evaluate(new File(basedir, '../../../src/it/lib/DataFileChange.groovy'))(basedir, localRepositoryPath, '[compile/default-compile]')
return { File project, File localRepository, String markedExecutions ->
    def mvn = evaluate(new File(project, '../../../src/it/lib/MavenRun.groovy'))
    def status = evaluate(new File(project, '../../../src/it/lib/Status.groovy'))
    new File(project, 'src/main/cars/car-3.txt').text = 'Changed make\n'
    def log = mvn(project, localRepository, 'compile', 'dev.tandem:tandem-maven-plugin:status')
    assert log.contains('Tandem: src/main/cars/car-3.txt changed since dev.tandem.example.cars read it: the next compile reruns ' + markedExecutions)
    assert !log.contains('Nothing to compile')
    assert status(log, 'dev.tandem.example.cars') == [hits: 450, misses: 50]
    def generated = new File(project, 'target/generated-sources/annotations/dev/tandem/it/fleet/Fleet00_Car3Info.java')
    assert generated.text.contains('"Changed make"')
    return log
}
