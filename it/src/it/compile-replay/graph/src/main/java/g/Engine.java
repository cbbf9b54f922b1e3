package g;

import javax.inject.Inject;

public class Engine {
    @Inject
    public Engine() {}

    public int power() {
        return 1;
    }
}
