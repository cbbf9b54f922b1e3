package dev.tandem.replay;

import java.lang.annotation.Annotation;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/** A round as an isolating processor sees it: without the units whose output was replayed. */
final class FilteredRound implements RoundEnvironment {
    private final RoundEnvironment round;
    private final Set<String> replayed;

    FilteredRound(RoundEnvironment round, Set<String> replayed) {
        this.round = round;
        this.replayed = replayed;
    }

    @Override
    public boolean processingOver() {
        return round.processingOver();
    }

    @Override
    public boolean errorRaised() {
        return round.errorRaised();
    }

    @Override
    public Set<? extends Element> getRootElements() {
        return keep(round.getRootElements());
    }

    @Override
    public Set<? extends Element> getElementsAnnotatedWith(TypeElement a) {
        return keep(round.getElementsAnnotatedWith(a));
    }

    @Override
    public Set<? extends Element> getElementsAnnotatedWith(Class<? extends Annotation> a) {
        return keep(round.getElementsAnnotatedWith(a));
    }

    private Set<? extends Element> keep(Set<? extends Element> elements) {
        Set<Element> kept = new LinkedHashSet<>();
        for (Element element : elements) {
            Element unit = ElementPaths.unitOf(element);
            if (unit == null || !replayed.contains(ElementPaths.unitName(unit))) {
                kept.add(element);
            }
        }
        return Collections.unmodifiableSet(kept);
    }

    @Override
    public String toString() {
        return round.toString();
    }
}
