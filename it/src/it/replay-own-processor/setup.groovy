// The app: widgets with a supertype and a chain Widget -> Gear -> Tooth (two hops), a Settings type the processor
// looks up by name, and 20 plain described types.
def src = new File(basedir, 'app/src/main/java/dev/tandem/it/app')
src.mkdirs()
def write = { String name, String text -> new File(src, "${name}.java").text = "package dev.tandem.it.app;\n\n${text}\n" }
write('Settings', 'public class Settings {\n    int timeout;\n}')
write('Base', 'public class Base {\n    long id;\n}')
write('Tooth', 'public class Tooth {\n    int size;\n}')
write('Gear', 'public class Gear {\n    Tooth tooth;\n}')
write('Widget', '@dev.tandem.it.describe.Describe\npublic class Widget extends Base {\n    Gear gear;\n    int legacy;\n}')
(1..20).each { i -> write("Plain${i}", "@dev.tandem.it.describe.Describe\npublic class Plain${i} {\n    String name;\n}") }
write('Unrelated', 'public class Unrelated {\n    int x;\n}')
return true
