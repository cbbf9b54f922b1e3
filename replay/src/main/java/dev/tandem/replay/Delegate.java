package dev.tandem.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.TypeElement;

/**
 * One processor of the processor path with javac's state for it (its supported annotations, whether it has
 * contributed) and the strategy it runs under: replayed per unit, or passed through untouched with a reason.
 */
final class Delegate {
    final Processor processor;
    final String className;
    final Kind declared;
    /** How it is run; set once it is initialised. */
    Strategy strategy;

    private List<Pattern> patterns = List.of();
    private boolean supportsAll;
    /** The options it supports, read once after init, as javac does. */
    Set<String> supportedOptions = Set.of();
    /** javac's "contributed": once called, called in every later round. */
    boolean contributed;
    /** Time spent in the processor's own code. */
    long nanos;

    Delegate(Processor processor, Kind declared) {
        this.processor = processor;
        this.className = processor.getClass().getName();
        this.declared = declared;
    }

    /** Reads the supported annotation types once, after init, as javac does; "mod/a.B" matches a.B in any module. */
    void readSupportedTypes() {
        List<Pattern> read = new ArrayList<>();
        for (String type : processor.getSupportedAnnotationTypes()) {
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

    boolean supportsAll() {
        return supportsAll;
    }

    boolean supports(String annotation) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(annotation).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Calls the processor itself, timing it. */
    boolean callProcessor(Set<? extends TypeElement> types, RoundEnvironment round) {
        long start = System.nanoTime();
        try {
            return processor.process(types, round);
        } finally {
            nanos += System.nanoTime() - start;
        }
    }

    /** "MapStruct", or "AutoValue AutoBuilderProcessor" when a product has several processors on the path. */
    String name(boolean productHasSeveral) {
        String product = Product.of(className);
        String simple = processor.getClass().getSimpleName();
        return productHasSeveral && !simple.equals(product + "Processor") ? product + " " + simple : product;
    }
}
