package b;

public class UsesTeam {
    public String make() {
        return Team.builder().name("t").build().getName();
    }
}
