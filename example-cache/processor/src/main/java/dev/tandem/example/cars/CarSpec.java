package dev.tandem.example.cars;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Generates {@code <Type>Info} from a data file, a path relative to the project's base directory. */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface CarSpec {
    String value();
}
