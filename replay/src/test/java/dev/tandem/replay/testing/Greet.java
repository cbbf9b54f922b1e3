package dev.tandem.replay.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Makes {@link GreeterProcessor} write a {@code <Type>Greeter} listing the fields it can see. */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface Greet {
    /** A type the processor looks up by name, whose fields it lists too. */
    String lookup() default "";

    /** A file next to the type's source that the processor reads through the Filer, and greets with. */
    String resource() default "";

    /** A note the processor prints on no element after it wrote the type's greeter. */
    String note() default "";
}
