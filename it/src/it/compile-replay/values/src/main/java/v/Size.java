package v;

import com.google.auto.value.AutoValue;

@AutoValue
public abstract class Size {
    public abstract int x();

    public abstract String name();

    public static Size of(int x, String name) {
        return new AutoValue_Size(x, name);
    }
}
