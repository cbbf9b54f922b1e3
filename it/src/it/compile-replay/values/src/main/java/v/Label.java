package v;

import com.google.auto.value.AutoValue;

@AutoValue
public abstract class Label {
    public abstract int x();

    public abstract String name();

    public static Label of(int x, String name) {
        return new AutoValue_Label(x, name);
    }
}
