package dev.tandem.replay;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What one processor produced for one unit: the files it wrote with the unit as their originating element, the
 * diagnostics it reported while working on the unit, the messages on no element it printed then or outside any
 * one unit's work, and the manifest of the names it looked up (one {@code name\tstate} line each).
 * Stored as the value of the unit's key; anything that does not parse is a miss.
 */
final class Entry {
    private static final int FORMAT = 2;

    enum FileKind {
        SOURCE,
        CLASS,
        RESOURCE
    }

    static final class File {
        final FileKind kind;
        /** The location's name, for resources only ("CLASS_OUTPUT"). */
        final String location;
        /** For a resource the module and package; for a source or class file "". */
        final String pkg;
        /** The name given to the Filer: a type name, or a resource's relative name. */
        final String name;
        /** Whether it was written through a Writer (characters) rather than an OutputStream (bytes). */
        final boolean text;

        final byte[] content;

        File(FileKind kind, String location, String pkg, String name, boolean text, byte[] content) {
            this.kind = kind;
            this.location = location;
            this.pkg = pkg;
            this.name = name;
            this.text = text;
            this.content = content;
        }
    }

    static final class Diagnostic {
        final String kind;
        final String message;
        /** The unit of the element when it is not the entry's own ({@link ElementPaths#unitName}), else "". */
        final String unit;
        /** The element's path inside its unit ({@link ElementPaths}). */
        final String element;
        /** The annotation's type name and its index among annotations of that type, or "" for none. */
        final String annotation;
        /** The annotation member whose value was reported on, or "" for none. */
        final String value;

        Diagnostic(String kind, String message, String unit, String element, String annotation, String value) {
            this.kind = kind;
            this.message = message;
            this.unit = unit;
            this.element = element;
            this.annotation = annotation;
            this.value = value;
        }
    }

    final String manifest;
    final List<File> files;
    final List<Diagnostic> diagnostics;
    /** Messages on no element printed while the processor worked on this unit alone, "KIND\tmessage" each. */
    final List<String> unitMessages;
    /**
     * Messages on no element printed outside any one unit's work (Hibernate's banner): replayed once per
     * compilation where the processor does not print them itself.
     */
    final List<String> compilationMessages;

    Entry(
            String manifest,
            List<File> files,
            List<Diagnostic> diagnostics,
            List<String> unitMessages,
            List<String> compilationMessages) {
        this.manifest = manifest;
        this.files = files;
        this.diagnostics = diagnostics;
        this.unitMessages = unitMessages;
        this.compilationMessages = compilationMessages;
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            string(out, manifest);
            out.writeInt(files.size());
            for (File file : files) {
                out.writeByte(file.kind.ordinal());
                string(out, file.location);
                string(out, file.pkg);
                string(out, file.name);
                out.writeBoolean(file.text);
                out.writeInt(file.content.length);
                out.write(file.content);
            }
            out.writeInt(diagnostics.size());
            for (Diagnostic d : diagnostics) {
                string(out, d.kind);
                string(out, d.message);
                string(out, d.unit);
                string(out, d.element);
                string(out, d.annotation);
                string(out, d.value);
            }
            strings(out, unitMessages);
            strings(out, compilationMessages);
        } catch (IOException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
        return bytes.toByteArray();
    }

    /** The entry in {@code bytes}; null when they are not one (a damaged or foreign value is a miss). */
    static Entry parse(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != FORMAT) {
                return null;
            }
            String manifest = string(in, bytes.length);
            int fileCount = count(in, bytes.length);
            List<File> files = new ArrayList<>(fileCount);
            FileKind[] kinds = FileKind.values();
            for (int i = 0; i < fileCount; i++) {
                int kind = in.readUnsignedByte();
                if (kind >= kinds.length) {
                    return null;
                }
                String location = string(in, bytes.length);
                String pkg = string(in, bytes.length);
                String name = string(in, bytes.length);
                boolean text = in.readBoolean();
                byte[] content = new byte[count(in, bytes.length)];
                in.readFully(content);
                files.add(new File(kinds[kind], location, pkg, name, text, content));
            }
            int diagnosticCount = count(in, bytes.length);
            List<Diagnostic> diagnostics = new ArrayList<>(diagnosticCount);
            for (int i = 0; i < diagnosticCount; i++) {
                diagnostics.add(new Diagnostic(
                        string(in, bytes.length),
                        string(in, bytes.length),
                        string(in, bytes.length),
                        string(in, bytes.length),
                        string(in, bytes.length),
                        string(in, bytes.length)));
            }
            List<String> unitMessages = strings(in, bytes.length);
            List<String> compilationMessages = strings(in, bytes.length);
            checkMessages(unitMessages);
            checkMessages(compilationMessages);
            for (Diagnostic d : diagnostics) {
                javax.tools.Diagnostic.Kind.valueOf(d.kind); // throws when it does not read back
            }
            return in.read() == -1 ? new Entry(manifest, files, diagnostics, unitMessages, compilationMessages) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /** Prints a message on no element, {@code KIND\tmessage}, as recorded. */
    static void print(javax.annotation.processing.Messager messager, String line) {
        int tab = line.indexOf('\t');
        messager.printMessage(javax.tools.Diagnostic.Kind.valueOf(line.substring(0, tab)), line.substring(tab + 1));
    }

    /** Whether a recorded message on no element reads back ({@code KIND\tmessage}). */
    private static void checkMessages(List<String> lines) {
        for (String line : lines) {
            int tab = line.indexOf('\t');
            javax.tools.Diagnostic.Kind.valueOf(tab < 0 ? "" : line.substring(0, tab)); // throws when it does not
        }
    }

    private static void strings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            string(out, s);
        }
    }

    private static List<String> strings(DataInputStream in, int limit) throws IOException {
        int count = count(in, limit);
        List<String> strings = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            strings.add(string(in, limit));
        }
        return strings;
    }

    private static String string(DataInputStream in, int limit) throws IOException {
        byte[] utf8 = new byte[count(in, limit)];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static int count(DataInputStream in, int limit) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > limit) {
            throw new IOException("count " + n + " past the value's " + limit + " bytes");
        }
        return n;
    }
}
