// A garage: a component with a module, @Inject classes with a supertype (members injection) and a chain
// Car -> Engine -> Part (two hops), and 15 independent @Inject services.
def src = new File(basedir, 'src/main/java/dev/tandem/it/garage')
src.mkdirs()
def write = { String name, String text -> new File(src, "${name}.java").text = "package dev.tandem.it.garage;\n\n${text}\n" }
write('Part', 'import javax.inject.Inject;\n\npublic class Part {\n    @Inject\n    public Part() {}\n}')
write('Engine', 'import javax.inject.Inject;\n\npublic class Engine {\n    final Part part;\n\n    @Inject\n    public Engine(Part part) {\n        this.part = part;\n    }\n}')
write('Vehicle', 'import javax.inject.Inject;\n\npublic abstract class Vehicle {\n    @Inject\n    Part spare;\n}')
write('Car', 'import javax.inject.Inject;\n\npublic class Car extends Vehicle {\n    final Engine engine;\n\n    @Inject\n    public Car(Engine engine) {\n        this.engine = engine;\n    }\n}')
write('GarageModule', 'import dagger.Module;\nimport dagger.Provides;\n\n@Module\npublic class GarageModule {\n    @Provides\n    static String garageName() {\n        return "main";\n    }\n}')
def services = (1..15).collect { "Service${it}" }
services.each { s -> write(s, "import javax.inject.Inject;\n\npublic class ${s} {\n    @Inject\n    public ${s}() {}\n}") }
write('Garage', 'import dagger.Component;\n\n@Component(modules = GarageModule.class)\npublic interface Garage {\n    Car car();\n\n    String name();\n}')
write('Unrelated', 'public class Unrelated {\n    int x;\n}')
return true
