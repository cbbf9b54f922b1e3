// AutoValue classes whose properties are Lombok beans (Person -> Address, both @Data), ten plain ones, and a bean
// with a Lombok builder that an AutoValue class holds.
def src = new File(basedir, 'src/main/java/dev/tandem/it/values')
src.mkdirs()
def write = { String name, String text -> new File(src, "${name}.java").text = "package dev.tandem.it.values;\n\n${text}\n" }
write('Address', '@lombok.Data\npublic class Address {\n    private String street;\n}')
write('Settings', '@lombok.Builder\n@lombok.Getter\npublic class Settings {\n    private final int level;\n}')
write('Person', 'import com.google.auto.value.AutoValue;\n\n@AutoValue\npublic abstract class Person {\n    public abstract String name();\n\n    public abstract Address address();\n\n    public static Person of(String n, Address a) {\n        return new AutoValue_Person(n, a);\n    }\n}')
write('Profile', 'import com.google.auto.value.AutoValue;\n\n@AutoValue\npublic abstract class Profile {\n    public abstract Settings settings();\n\n    public static Profile of(Settings s) {\n        return new AutoValue_Profile(s);\n    }\n}')
(1..10).each { i ->
    write("Value${i}", "import com.google.auto.value.AutoValue;\n\n@AutoValue\npublic abstract class Value${i} {\n    public abstract String text();\n\n    public static Value${i} of(String t) {\n        return new AutoValue_Value${i}(t);\n    }\n}")
}
write('Unrelated', '@lombok.Getter\npublic class Unrelated {\n    int x;\n}')
return true
