package dev.tandem.replay;

import dev.tandem.cache.ProcessorCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.processing.Processor;

/** One processor of the processor path, as {@link ReplayProcessor} runs it, with javac's per-processor state. */
final class Delegate {
    final Processor processor;
    final String className;
    final Kind declared;
    /** Why it runs every time, untouched (null when its output is recorded and replayed). */
    String unreplayable;

    List<Pattern> patterns = List.of();
    boolean supportsAll;
    /** javac's "contributed": once called, called in every later round. */
    boolean contributed;

    Recording recording;
    ProcessorCache cache;
    String context;
    long nanos;
    int replayed;
    int run;

    Delegate(Processor processor, Kind declared) {
        this.processor = processor;
        this.className = processor.getClass().getName();
        this.declared = declared;
    }

    boolean replays() {
        return unreplayable == null;
    }

    /** Reads the supported annotation types as javac does; "mod/a.B" matches a.B in any module. */
    void readSupportedTypes(Set<String> supported) {
        List<Pattern> read = new ArrayList<>();
        for (String type : supported) {
            String name = type.indexOf('/') >= 0 ? type.substring(type.indexOf('/') + 1) : type;
            if (name.equals("*")) {
                supportsAll = true;
                read.add(Pattern.compile(".*"));
            } else if (name.endsWith(".*")) {
                read.add(Pattern.compile(Pattern.quote(name.substring(0, name.length() - 1)) + ".*"));
            } else {
                read.add(Pattern.compile(Pattern.quote(name)));
            }
        }
        patterns = read;
    }

    boolean supports(String annotation) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(annotation).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The product, for the processors users know ("MapStruct"); else the class's simple name. */
    String product() {
        String[][] known = {
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
        for (String[] product : known) {
            if (className.startsWith(product[0])) {
                return product[1];
            }
        }
        return processor.getClass().getSimpleName();
    }
}
