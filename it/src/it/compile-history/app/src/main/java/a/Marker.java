package a;
import java.lang.annotation.*;
@Retention(RetentionPolicy.SOURCE) public @interface Marker { String value() default "x"; }
