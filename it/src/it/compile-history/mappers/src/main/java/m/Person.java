package m;

import lombok.Value;

@Value
public class Person {
    String name;
}
