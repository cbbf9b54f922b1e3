package v;

import com.google.auto.value.AutoValue;

@AutoValue
public abstract class Point {
    public abstract int x();

    public abstract String name();

    public static Point of(int x, String name) {
        return new AutoValue_Point(x, name);
    }
}
