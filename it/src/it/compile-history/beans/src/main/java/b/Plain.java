package b;

public class Plain {
    public int one() {
        return 1;
    }
}
