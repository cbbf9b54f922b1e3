package dev.tandem.replay;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * Units and element paths. A unit is what an isolating processor's output belongs to: the top-level type (or
 * package) enclosing an element. An element path names an element inside its unit in words that survive a new
 * compilation ({@code METHOD map(com.acme.Car)/PARAMETER #0}), so a replayed diagnostic lands where it did.
 */
final class ElementPaths {
    private ElementPaths() {}

    /** The top-level type or package enclosing {@code element}; null for a module or anything else. */
    static Element unitOf(Element element) {
        Element e = element;
        while (e != null) {
            if (e.getKind() == ElementKind.PACKAGE) {
                return e == element ? e : null; // an element of a package is its top-level type, handled below
            }
            Element enclosing = e.getEnclosingElement();
            if (e instanceof TypeElement && enclosing != null && enclosing.getKind() == ElementKind.PACKAGE) {
                return e;
            }
            if (e instanceof ModuleElement) {
                return null;
            }
            e = enclosing;
        }
        return null;
    }

    /** A unit's name across compilations: {@code type com.acme.Car} or {@code package com.acme}. */
    static String unitName(Element unit) {
        if (unit instanceof PackageElement) {
            return "package " + ((PackageElement) unit).getQualifiedName();
        }
        return "type " + ((TypeElement) unit).getQualifiedName();
    }

    /** Finds a unit again by {@link #unitName}; null when it is not there. */
    static Element findUnit(Elements elements, String name) {
        if (name.startsWith("package ")) {
            return elements.getPackageElement(name.substring("package ".length()));
        }
        if (name.startsWith("type ")) {
            return elements.getTypeElement(name.substring("type ".length()));
        }
        return null;
    }

    /** The path of {@code element} below {@code unit}: "" for the unit itself; null when it is not inside it. */
    static String pathOf(Element unit, Element element) {
        Deque<String> steps = new ArrayDeque<>();
        Element e = element;
        while (e != null && !e.equals(unit)) {
            Element enclosing = e.getEnclosingElement();
            if (enclosing == null) {
                return null;
            }
            String step = step(enclosing, e);
            if (step == null) {
                return null;
            }
            steps.push(step);
            e = enclosing;
        }
        return e == null ? null : String.join("/", steps);
    }

    /** The element at {@code path} below {@code unit}; null when there is none, or more than one. */
    static Element resolve(Element unit, String path) {
        Element e = unit;
        if (path.isEmpty()) {
            return e;
        }
        for (String step : path.split("/", -1)) {
            Element found = null;
            for (Element child : children(e)) {
                if (step.equals(step(e, child))) {
                    if (found != null) {
                        return null;
                    }
                    found = child;
                }
            }
            if (found == null) {
                return null;
            }
            e = found;
        }
        return e;
    }

    private static List<? extends Element> children(Element e) {
        if (e instanceof ExecutableElement) {
            ExecutableElement method = (ExecutableElement) e;
            List<Element> all = new java.util.ArrayList<>(method.getParameters());
            all.addAll(method.getTypeParameters());
            return all;
        }
        if (e instanceof TypeElement) {
            List<Element> all = new java.util.ArrayList<>(e.getEnclosedElements());
            all.addAll(((TypeElement) e).getTypeParameters());
            return all;
        }
        return e.getEnclosedElements();
    }

    /** One step from {@code parent} to its child; indexes tell parameters and type parameters apart. */
    private static String step(Element parent, Element child) {
        ElementKind kind = child.getKind();
        if (parent instanceof ExecutableElement) {
            ExecutableElement method = (ExecutableElement) parent;
            int index = method.getParameters().indexOf(child);
            if (index >= 0) {
                return "PARAMETER #" + index;
            }
            index = method.getTypeParameters().indexOf(child);
            return index >= 0 ? "TYPE_PARAMETER #" + index : null;
        }
        if (child instanceof ExecutableElement) {
            StringBuilder signature = new StringBuilder(kind.name())
                    .append(' ')
                    .append(child.getSimpleName())
                    .append('(');
            List<? extends VariableElement> parameters = ((ExecutableElement) child).getParameters();
            for (int i = 0; i < parameters.size(); i++) {
                signature.append(i == 0 ? "" : ",").append(parameters.get(i).asType());
            }
            return signature.append(')').toString();
        }
        return kind.name() + " " + child.getSimpleName();
    }
}
