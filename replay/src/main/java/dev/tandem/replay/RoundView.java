package dev.tandem.replay;

import java.lang.annotation.Annotation;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * One javac round as replay hands it out: javac's answers asked once (javac scans every root element for each
 * {@code getElementsAnnotatedWith}), each element's unit worked out once, and views of the round without some units
 * (those replayed) or with only some (the one a processor works on alone).
 */
final class RoundView {
    private final RoundEnvironment round;
    private final Map<Object, Set<? extends Element>> annotated = new HashMap<>();
    private final Map<Element, String> units = new HashMap<>();
    private Set<? extends Element> roots;

    RoundView(RoundEnvironment round) {
        this.round = round;
    }

    RoundEnvironment real() {
        return round;
    }

    /** javac's {@code getElementsAnnotatedWith(annotation)}, asked once per round. */
    Set<? extends Element> annotatedWith(TypeElement annotation) {
        Set<? extends Element> elements = annotated.get(annotation);
        if (elements == null) {
            elements = round.getElementsAnnotatedWith(annotation);
            annotated.put(annotation, elements);
        }
        return elements;
    }

    private Set<? extends Element> annotatedWith(Class<? extends Annotation> annotation) {
        Set<? extends Element> elements = annotated.get(annotation);
        if (elements == null) {
            elements = round.getElementsAnnotatedWith(annotation);
            annotated.put(annotation, elements);
        }
        return elements;
    }

    private Set<? extends Element> roots() {
        if (roots == null) {
            roots = round.getRootElements();
        }
        return roots;
    }

    /** The unit's name of an element ({@link ElementPaths#unitName}); null for one outside any type or package. */
    String unitOf(Element element) {
        if (units.containsKey(element)) {
            return units.get(element);
        }
        Element unit = ElementPaths.unitOf(element);
        String name = unit == null ? null : ElementPaths.unitName(unit);
        units.put(element, name);
        return name;
    }

    /** The round without the elements of {@code hidden} units. */
    RoundEnvironment without(Collection<String> hidden) {
        return hidden.isEmpty() ? round : new Narrowed(hidden, false);
    }

    /** The round with only the elements of {@code kept} units. */
    RoundEnvironment only(Collection<String> kept) {
        return new Narrowed(kept, true);
    }

    private final class Narrowed implements RoundEnvironment {
        private final Collection<String> names;
        private final boolean only;

        Narrowed(Collection<String> names, boolean only) {
            this.names = names;
            this.only = only;
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
            return keep(roots());
        }

        @Override
        public Set<? extends Element> getElementsAnnotatedWith(TypeElement a) {
            return keep(annotatedWith(a));
        }

        @Override
        public Set<? extends Element> getElementsAnnotatedWith(Class<? extends Annotation> a) {
            return keep(annotatedWith(a));
        }

        private Set<? extends Element> keep(Set<? extends Element> elements) {
            Set<Element> kept = new LinkedHashSet<>();
            for (Element element : elements) {
                String unit = unitOf(element);
                if (only ? unit != null && names.contains(unit) : unit == null || !names.contains(unit)) {
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
}
