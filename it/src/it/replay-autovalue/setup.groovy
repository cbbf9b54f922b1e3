// Value classes: one implementing an interface (the supertype step), one holding another (two hops: Person ->
// Address -> Street), one with a builder, and 20 plain ones.
def src = new File(basedir, 'src/main/java/dev/tandem/it/values')
src.mkdirs()
def write = { String name, String text -> new File(src, "${name}.java").text = "package dev.tandem.it.values;\n\n${text}\n" }
write('Named', 'public interface Named {\n    String name();\n}')
write('Street', 'public final class Street {\n    public String line;\n}')
write('Address', 'import com.google.auto.value.AutoValue;\n\n@AutoValue\npublic abstract class Address {\n    public abstract Street street();\n\n    public static Address of(Street s) {\n        return new AutoValue_Address(s);\n    }\n}')
write('Person', 'import com.google.auto.value.AutoValue;\n\n@AutoValue\npublic abstract class Person implements Named {\n    public abstract Address address();\n\n    public static Person of(String n, Address a) {\n        return new AutoValue_Person(n, a);\n    }\n}')
write('Order', 'import com.google.auto.value.AutoValue;\n\n@AutoValue\npublic abstract class Order {\n    public abstract String id();\n\n    public abstract int quantity();\n\n    public static Builder builder() {\n        return new AutoValue_Order.Builder();\n    }\n\n    @AutoValue.Builder\n    public abstract static class Builder {\n        public abstract Builder id(String id);\n\n        public abstract Builder quantity(int q);\n\n        public abstract Order build();\n    }\n}')
(1..20).each { i ->
    write("Value${i}", "import com.google.auto.value.AutoValue;\n\n@AutoValue\npublic abstract class Value${i} {\n    public abstract String text();\n\n    public abstract long number();\n\n    public static Value${i} of(String t, long n) {\n        return new AutoValue_Value${i}(t, n);\n    }\n}")
}
write('Unrelated', 'public class Unrelated {\n    int x;\n}')
return true
