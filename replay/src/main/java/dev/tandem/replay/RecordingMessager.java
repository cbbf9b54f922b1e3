package dev.tandem.replay;

import java.util.Map;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.tools.Diagnostic;

/**
 * The Messager an isolating processor sees: every message goes to javac's at once, and is recorded so a replay
 * reports it again at the same place. A message printed while the processor works on one unit alone belongs to
 * that unit, wherever its element is; otherwise to the unit of its element. A message on no element is a
 * compilation-wide message (Hibernate's banner): replayed once per compilation where the processor does not print it
 * itself. An error keeps the compilation from being stored.
 */
final class RecordingMessager implements Messager {
    private final Messager delegate;
    private final Recording recording;

    RecordingMessager(Messager delegate, Recording recording) {
        this.delegate = delegate;
        this.recording = recording;
    }

    @Override
    public void printMessage(Diagnostic.Kind kind, CharSequence msg) {
        delegate.printMessage(kind, msg);
        record(kind, msg, null, null, null);
    }

    @Override
    public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e) {
        delegate.printMessage(kind, msg, e);
        record(kind, msg, e, null, null);
    }

    @Override
    public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e, AnnotationMirror a) {
        delegate.printMessage(kind, msg, e, a);
        record(kind, msg, e, a, null);
    }

    @Override
    public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e, AnnotationMirror a, AnnotationValue v) {
        delegate.printMessage(kind, msg, e, a, v);
        record(kind, msg, e, a, v);
    }

    /** Never throws into the processor: what cannot be recorded keeps the compilation from being stored. */
    private void record(Diagnostic.Kind kind, CharSequence msg, Element e, AnnotationMirror a, AnnotationValue v) {
        try {
            recordOrThrow(kind, msg, e, a, v);
        } catch (RuntimeException failure) {
            recording.anomaly("Tandem could not record a message (" + failure + ")", false);
        }
    }

    private void recordOrThrow(
            Diagnostic.Kind kind, CharSequence msg, Element e, AnnotationMirror a, AnnotationValue v) {
        if (kind == Diagnostic.Kind.ERROR) {
            recording.error = true;
            return;
        }
        if (e == null) {
            recording.compilationMessage(kind.name(), msg.toString());
            return;
        }
        Element unit = ElementPaths.unitOf(e);
        if (unit == null) {
            recording.anomaly("it reported \"" + msg + "\" on no type or package", false);
            return;
        }
        String unitName = ElementPaths.unitName(unit);
        String owner = recording.current != null ? recording.current : unitName;
        String path = ElementPaths.pathOf(unit, e);
        String annotation = a == null ? "" : annotation(e, a);
        String value = v == null ? "" : value(a, v);
        if (path == null || annotation == null || value == null) {
            recording.poison(owner, "a message on an element it cannot find again: " + msg);
            return;
        }
        recording.diagnostic(
                owner,
                new Entry.Diagnostic(
                        kind.name(), msg.toString(), owner.equals(unitName) ? "" : unitName, path, annotation, value));
    }

    /** "type index" of an annotation among the element's annotations of its type; null when not on it. */
    private static String annotation(Element e, AnnotationMirror a) {
        String type = a.getAnnotationType().toString();
        int index = 0;
        for (AnnotationMirror mirror : e.getAnnotationMirrors()) {
            if (mirror.equals(a)) {
                return type + " " + index;
            }
            if (mirror.getAnnotationType().toString().equals(type)) {
                index++;
            }
        }
        return null;
    }

    /** The member of {@code a} whose value {@code v} is; null when it is nested deeper or not there. */
    private static String value(AnnotationMirror a, AnnotationValue v) {
        if (a == null) {
            return null;
        }
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> member :
                a.getElementValues().entrySet()) {
            if (member.getValue() == v || member.getValue().equals(v)) {
                return member.getKey().getSimpleName().toString();
            }
        }
        return null;
    }

    /** Finds a recorded annotation on an element again; null when it is not there. */
    static AnnotationMirror findAnnotation(Element e, String annotation) {
        if (annotation.isEmpty()) {
            return null;
        }
        int space = annotation.lastIndexOf(' ');
        String type = annotation.substring(0, space);
        int index = Integer.parseInt(annotation.substring(space + 1));
        for (AnnotationMirror mirror : e.getAnnotationMirrors()) {
            if (mirror.getAnnotationType().toString().equals(type) && index-- == 0) {
                return mirror;
            }
        }
        return null;
    }

    /** Finds a recorded annotation member's value again; null when it is not there. */
    static AnnotationValue findValue(AnnotationMirror a, String member) {
        if (a == null || member.isEmpty()) {
            return null;
        }
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
                a.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(member)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
