package a;
import java.lang.annotation.*;
@Retention(RetentionPolicy.RUNTIME) @Target(ElementType.PACKAGE) public @interface PackageNote { String value(); }
