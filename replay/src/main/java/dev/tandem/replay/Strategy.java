package dev.tandem.replay;

import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.TypeElement;

/** How one processor of the path is run: replayed per unit ({@link Replaying}) or untouched ({@link PassThrough}). */
abstract class Strategy {
    /** Calls the processor for this round, as javac would have; whether it claimed the annotations. */
    abstract boolean process(Set<? extends TypeElement> types, RoundView round);

    /** After the processor's last-round call: store what was recorded and close the cache. */
    void finish(RoundEnvironment last) {}

    /** This processor's part of the compilation's one summary line, named {@code name}. */
    abstract String summary(String name);
}
