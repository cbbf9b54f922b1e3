package b;

import java.util.List;

@lombok.Builder
@lombok.Getter
public class Team {
    private final String name;
    private final List<Person> members;
}
