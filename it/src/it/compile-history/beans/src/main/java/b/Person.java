package b;

@lombok.Data
public class Person {
    private String name;
    private int age;
}
