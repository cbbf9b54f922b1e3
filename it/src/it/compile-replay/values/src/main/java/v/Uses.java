package v;

public class Uses {
    public int sum() {
        return Point.of(1, "a").x() + Size.of(2, "b").x();
    }
}
