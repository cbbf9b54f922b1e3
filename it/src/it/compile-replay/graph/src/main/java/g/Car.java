package g;

import javax.inject.Inject;

public class Car {
    private final Engine engine;

    @Inject
    public Car(Engine engine) {
        this.engine = engine;
    }

    public int power() {
        return engine.power();
    }
}
