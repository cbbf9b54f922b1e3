package dev.tandem.replay;

import java.util.Set;
import javax.lang.model.element.TypeElement;

/** A processor run exactly as javac runs it, with javac's own round, and the reason it is not replayed. */
final class PassThrough extends Strategy {
    private final Delegate delegate;
    final String reason;

    PassThrough(Delegate delegate, String reason) {
        this.delegate = delegate;
        this.reason = reason;
    }

    @Override
    boolean process(Set<? extends TypeElement> types, RoundView round) {
        return delegate.callProcessor(types, round.real());
    }

    @Override
    String summary(String name) {
        return name + " (" + reason + ") ran";
    }
}
