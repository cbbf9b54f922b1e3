def mvn = evaluate(new File(basedir, '../../../src/it/lib/MavenRun.groovy'))
def history = evaluate(new File(basedir, '../../../src/it/lib/CompileHistory.groovy'))
def replace = evaluate(new File(basedir, '../../../src/it/lib/Edit.groovy'))
def mappers = { File dir, String file, String text, String to -> replace(dir, 'mappers/src/main/java/m/' + file, text, to) }
def graph = { File dir, String file, String text, String to -> replace(dir, 'graph/src/main/java/g/' + file, text, to) }
def shelf = { File dir, String file, String text, String to -> replace(dir, 'shelf/src/main/java/s/' + file, text, to) }
def values = { File dir, String file, String text, String to -> replace(dir, 'values/src/main/java/v/' + file, text, to) }
def settings = { File dir, String file, String text, String to -> replace(dir, 'settings/src/main/' + file, text, to) }
def feeds = { String source -> "c/${source} feeds the aggregating processor org.springframework.boot.configurationprocessor.ConfigurationMetadataAnnotationProcessor" }
// replay's summary, a note javac prints for the values module: "Tandem replay: AutoValue 2 replayed, 1 run ..."
def autoValue = { String log ->
    def line = log.readLines().find { it.contains('Tandem replay: ') && it.contains('AutoValue') }
    assert line != null : 'no replay summary for AutoValue in the log'
    def m = line =~ /AutoValue (\d+) replayed, (\d+) run/
    assert m.find() : line
    [replayed: m.group(1) as int, run: m.group(2) as int]
}
def dynamic = 'the annotation processor com.google.auto.value.processor.AutoValueProcessor is dynamic'
// ... and then javac compiles it whole, as Maven alone would, with replay running the processors
def handed = { log -> assert log.contains('(replay\'s processor runs them); compiled by javac as without Tandem') }

history(basedir, localRepositoryPath, mvn, ['graph', 'mappers', 'shelf', 'values', 'settings'], [
    [name: 'first build', goals: ['clean', 'compile'], online: true,
     full: [graph: 'no state', mappers: 'no state', shelf: 'no state', values: dynamic, settings: 'no state'],
     check: { log -> handed(log); assert autoValue(log) == [replayed: 0, run: 3] }],
    [name: 'a property of a mapped class: the recorder runs Lombok and MapStruct in replay\'s place',
     edit: { d ->
         mappers(d, 'Car.java', 'private int seats;', 'private int seats; private String color;')
         mappers(d, 'CarDto.java', 'private int seats;', 'private int seats; private String color;')
     },
     compiled: [mappers: 4]],
    [name: 'a method body', edit: { d -> mappers(d, 'Garage.java', 'return 1;', 'return 2;') }, compiled: [mappers: 1]],
    [name: 'processors on the class path: a property of a mapped class',
     edit: { d ->
         shelf(d, 'Car.java', 'private int seats;', 'private int seats; private String color;')
         shelf(d, 'CarDto.java', 'private int seats;', 'private int seats; private String color;')
     },
     compiled: [shelf: 4]],
    [name: 'processors on the class path: a mapper deleted, its implementation goes',
     edit: { d -> assert new File(d, 'shelf/src/main/java/s/BookMapper.java').delete() },
     compiled: [shelf: 0]],
    [name: 'Dagger: a body', edit: { d -> graph(d, 'Engine.java', 'return 1;', 'return 2;') }, compiled: [graph: 1]],
    [name: 'Dagger: a constructor gains a parameter: its factory and the component are written again',
     edit: { d -> graph(d, 'Car.java', 'public Car(Engine engine) {', 'public Car(Engine engine, String brand) {') },
     compiled: [graph: 2]],
    [name: 'Dagger: a binding the component needs is gone: fails, as without Tandem',
     edit: { d -> graph(d, 'Parts.java', 'static String brand()', 'static CharSequence brand()') },
     fails: true, full: [graph: 'the changed sources did not compile on their own']],
    [name: 'Dagger: the binding back', edit: { d -> graph(d, 'Parts.java', 'static CharSequence brand()', 'static String brand()') },
     compiled: [graph: 0]], // the last good class files are put back
    [name: 'a value class gains a property: full, and replay replays the other two',
     edit: { d ->
         values(d, 'Point.java', 'public abstract String name();', 'public abstract String name();\n\n    public abstract int y();')
         values(d, 'Point.java', 'new AutoValue_Point(x, name)', 'new AutoValue_Point(x, name, 0)')
     },
     full: [values: dynamic],
     check: { log -> assert autoValue(log) == [replayed: 2, run: 1] }],
    [name: 'a body beside them: full, every value class replayed',
     edit: { d -> values(d, 'Uses.java', 'Point.of(1, "a")', 'Point.of(3, "a")') },
     full: [values: dynamic],
     check: { log -> assert autoValue(log) == [replayed: 3, run: 0] }],
    [name: 'a value class deleted: its generated class goes', edit: { d ->
        assert new File(d, 'values/src/main/java/v/Label.java').delete()
     },
     full: [values: dynamic],
     check: { log -> assert autoValue(log) == [replayed: 2, run: 0] }],
    [name: 'Spring Boot: a body no processor reads compiles alone, the metadata stays',
     edit: { d -> settings(d, 'java/c/Receipts.java', 'return 1;', 'return 2;') }, compiled: [settings: 1]],
    [name: 'Spring Boot: a body that uses the settings, still alone',
     edit: { d -> settings(d, 'java/c/Till.java', '" opens " + 1', '" opens " + 2') }, compiled: [settings: 1]],
    [name: 'Spring Boot: a nested type gains a property: runs again on every source',
     edit: { d -> settings(d, 'java/c/Pool.java', 'private int size = 8;', 'private int size = 8;\n\n    /** Seconds to wait. */\n    private int wait = 5;\n\n    public int getWait() { return wait; }\n\n    public void setWait(int wait) { this.wait = wait; }') },
     full: [settings: feeds('Pool.java')]],
    [name: 'Spring Boot: a Javadoc and a default value',
     edit: { d ->
         settings(d, 'java/c/ShopProperties.java', 'How many tills open at once.', 'How many tills open at the same time.')
         settings(d, 'java/c/ShopProperties.java', 'private int tills = 2;', 'private int tills = 3;')
     },
     full: [settings: feeds('ShopProperties.java')]],
    [name: 'Spring Boot: its additional metadata, with a body beside',
     edit: { d ->
         settings(d, 'resources/META-INF/additional-spring-configuration-metadata.json', '"corner"', '"kiosk"')
         settings(d, 'java/c/Receipts.java', 'return 2;', 'return 3;')
     },
     full: [settings: 'the resources in the class output changed']],
    [name: 'Spring Boot: its additional metadata alone: tandem:prepare makes the plugin compile, in full',
     edit: { d -> settings(d, 'resources/META-INF/additional-spring-configuration-metadata.json', '"kiosk"', '"stall"') },
     full: [settings: 'the resources in the class output changed']],
    [name: 'Spring Boot: a class gains @ConfigurationProperties: compiled alone first, then in full',
     edit: { d -> settings(d, 'java/c/Receipts.java', 'public class Receipts {', '@org.springframework.boot.context.properties.ConfigurationProperties("receipts")\npublic class Receipts {\n    private int width = 40;\n\n    public int getWidth() { return width; }\n\n    public void setWidth(int width) { this.width = width; }\n') },
     full: [settings: 'c.Receipts now carries an annotation']],
])
return true
