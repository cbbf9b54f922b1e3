package dev.tandem.replay;

/**
 * What Tandem knows of a processor from its class name alone: the product users know it by, and whether it is
 * Lombok, which rewrites javac's trees in place and must run untouched, with javac's own environment.
 */
final class Product {
    private static final String[][] KNOWN = {
        {"org.mapstruct.", "MapStruct"},
        {"dagger.", "Dagger"},
        {"com.google.auto.value.", "AutoValue"},
        {"com.google.auto.service.", "AutoService"},
        {"org.immutables.", "Immutables"},
        {"lombok.", "Lombok"},
        {"org.hibernate.", "Hibernate"},
        {"org.openjdk.jmh.", "JMH"},
        {"io.micronaut.", "Micronaut"},
        {"org.springframework.boot.", "Spring Boot"},
    };

    private Product() {}

    /** Whether the processor is one of Lombok's. */
    static boolean isLombok(String className) {
        return className.startsWith("lombok.");
    }

    /** The product, for the processors users know ("MapStruct"); else the class's simple name. */
    static String of(String className) {
        for (String[] product : KNOWN) {
            if (className.startsWith(product[0])) {
                return product[1];
            }
        }
        return className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
    }
}
