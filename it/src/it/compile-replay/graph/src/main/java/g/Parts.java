package g;

import dagger.Module;
import dagger.Provides;

@Module
public class Parts {
    @Provides
    static String brand() {
        return "acme";
    }
}
