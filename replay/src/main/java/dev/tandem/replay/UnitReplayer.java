package dev.tandem.replay;

import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Replays one unit's entry: its files through javac's Filer (with the unit as their originating element, as the
 * processor wrote them) and its messages through javac's Messager at the elements they were on. Everything is
 * checked before anything is written, so a unit is replayed whole or left to the processor.
 */
final class UnitReplayer {
    private final Compilation compilation;

    UnitReplayer(Compilation compilation) {
        this.compilation = compilation;
    }

    /** Replays {@code entry} for {@code unit}; null when it did, else why the processor must run for it. */
    String replay(Element unit, Entry entry) {
        Messager messager = compilation.env.getMessager();
        List<Runnable> messages = new ArrayList<>();

        for (Entry.Diagnostic d : entry.diagnostics) {
            Element owner = d.unit.isEmpty() ? unit : ElementPaths.findUnit(compilation.env.getElementUtils(), d.unit);
            Element element = owner == null ? null : ElementPaths.resolve(owner, d.element);
            if (element == null) {
                return "the element of a message is gone: " + (d.unit.isEmpty() ? "" : d.unit + " ") + d.element;
            }
            AnnotationMirror annotation = RecordingMessager.findAnnotation(element, d.annotation);
            AnnotationValue value = RecordingMessager.findValue(annotation, d.value);
            if ((annotation == null) != d.annotation.isEmpty() || (value == null) != d.value.isEmpty()) {
                return "the annotation of a message is gone: " + d.annotation;
            }
            Diagnostic.Kind kind = Diagnostic.Kind.valueOf(d.kind);
            messages.add(new Runnable() {
                @Override
                public void run() {
                    messager.printMessage(kind, d.message, element, annotation, value);
                }
            });
        }
        Replayed replayed = compilation.replayed;
        for (Entry.File file : entry.files) {
            String fileKey = Replayed.key(file.kind, file.location, file.pkg, file.name);
            if (replayed.createdByProcessor(fileKey) || replayed.contains(fileKey)) {
                return file.name + " was already written in this compilation";
            }
        }
        for (int i = 0; i < entry.files.size(); i++) {
            try {
                write(entry.files.get(i), unit);
            } catch (Exception e) {
                if (i == 0) {
                    return "its first file could not be written again: " + e; // the processor can still write it
                }
                messager.printMessage(
                        Diagnostic.Kind.WARNING,
                        "Tandem replay could not write " + entry.files.get(i).name + " of "
                                + ElementPaths.unitName(unit) + " again (" + e
                                + "); run mvn clean compile if the build fails");
            }
        }
        for (Runnable message : messages) {
            message.run();
        }
        for (String line : entry.unitMessages) {
            Entry.print(messager, line);
        }
        return null;
    }

    private void write(Entry.File file, Element unit) throws Exception {
        Filer filer = compilation.env.getFiler();
        FileObject object;
        switch (file.kind) {
            case SOURCE:
                object = filer.createSourceFile(file.name, unit);
                break;
            case CLASS:
                object = filer.createClassFile(file.name, unit);
                break;
            default:
                object = filer.createResource(StandardLocation.valueOf(file.location), file.pkg, file.name, unit);
        }
        if (file.text) {
            try (Writer out = object.openWriter()) {
                out.write(new String(file.content, StandardCharsets.UTF_8));
            }
        } else {
            try (OutputStream out = object.openOutputStream()) {
                out.write(file.content);
            }
        }
        compilation.replayed.add(Replayed.key(file.kind, file.location, file.pkg, file.name), object, file.content);
        if (compilation.outputs != null) {
            compilation.outputs.file(ElementPaths.unitName(unit), object);
        }
    }
}
