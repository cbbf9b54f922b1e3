// Writes a module's annotated sources before its build (invoker's pre-build hook): `files` Java files with
// `perFile` nested classes each, every class annotated @CarSpec with one of `dataFiles` data files
// (element i reads src/main/cars/car-(i % dataFiles).txt). Evaluate it from a setup.groovy:
//   evaluate(new File(basedir, '../../../src/it/lib/Fleet.groovy'))(basedir, 50, 10, 10)
return { File module, int files, int perFile, int dataFiles ->
    def cars = new File(module, 'src/main/cars')
    cars.mkdirs()
    (0..<dataFiles).each { d -> new File(cars, "car-${d}.txt").text = "Make ${d}\n" }
    def dir = new File(module, 'src/main/java/dev/tandem/it/fleet')
    dir.mkdirs()
    int element = 0
    (0..<files).each { f ->
        def name = String.format('Fleet%02d', f)
        def body = new StringBuilder("package dev.tandem.it.fleet;\n\nimport dev.tandem.example.cars.CarSpec;\n\n")
        body << "public class ${name} {\n"
        (0..<perFile).each { c ->
            body << "    @CarSpec(\"src/main/cars/car-${element % dataFiles}.txt\")\n"
            body << "    public static class Car${c} {}\n"
            element++
        }
        body << "}\n"
        new File(dir, "${name}.java").text = body.toString()
    }
    return true // a pre-build hook must answer true, or invoker skips the build
}
