package g;

import dagger.Component;

@Component(modules = Parts.class)
public interface Workshop {
    Car car();

    String brand();
}
