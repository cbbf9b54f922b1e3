package b;

public class UsesPerson {
    public String describe(Person person) {
        person.setAge(person.getAge() + 1);
        return person.getName() + " " + 1;
    }
}
