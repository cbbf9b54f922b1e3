package dev.tandem.replay;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.ForwardingFileObject;
import javax.tools.ForwardingJavaFileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * The Filer an isolating processor sees: every call goes to javac's, and what is written is also recorded for
 * the one unit the file's originating elements belong to. A file with no originating element makes the
 * compilation's output unattributable; a file read is recorded with its content, as a look-up by name. javac's Filer is kept in a field named {@code delegate}, where
 * processors that need javac's own classes look for it.
 */
final class RecordingFiler implements Filer {
    private final Filer delegate;
    private final Recording recording;
    private final Replayed replayed;
    /** This compilation's record of what each unit led to; null without one. */
    private final Outputs outputs;

    private final Lookups lookups;

    RecordingFiler(Filer delegate, Recording recording, Replayed replayed, Outputs outputs, Lookups lookups) {
        this.delegate = delegate;
        this.recording = recording;
        this.replayed = replayed;
        this.outputs = outputs;
        this.lookups = lookups;
    }

    @Override
    public JavaFileObject createSourceFile(CharSequence name, Element... originatingElements) throws IOException {
        return javaFile(Entry.FileKind.SOURCE, name, originatingElements, delegate::createSourceFile);
    }

    @Override
    public JavaFileObject createClassFile(CharSequence name, Element... originatingElements) throws IOException {
        return javaFile(Entry.FileKind.CLASS, name, originatingElements, delegate::createClassFile);
    }

    /** javac's {@code createSourceFile} or {@code createClassFile}. */
    private interface Create {
        JavaFileObject create(CharSequence name, Element... originatingElements) throws IOException;
    }

    /** A source or class file: the replayed one when its name was replayed, else javac's new one; both recorded. */
    private JavaFileObject javaFile(
            Entry.FileKind kind, CharSequence name, Element[] originatingElements, Create create) throws IOException {
        String key = Replayed.key(kind, "", "", name.toString());
        JavaFileObject file = replayed.contains(key)
                ? (JavaFileObject) replayed.object(key)
                : replayed.created(key, create.create(name, originatingElements));
        return javaFile(file, kind, "", name.toString(), originatingElements);
    }

    @Override
    public FileObject createResource(
            JavaFileManager.Location location,
            CharSequence moduleAndPkg,
            CharSequence relativeName,
            Element... originatingElements)
            throws IOException {
        String key = Replayed.key(
                Entry.FileKind.RESOURCE, location.getName(), moduleAndPkg.toString(), relativeName.toString());
        boolean again = replayed.contains(key);
        FileObject file = again
                ? replayed.object(key)
                : replayed.created(
                        key, delegate.createResource(location, moduleAndPkg, relativeName, originatingElements));
        String unit = unit(relativeName.toString(), originatingElements);
        if (unit != null && !(location instanceof StandardLocation)) {
            recording.poison(unit, "a resource in the non-standard location " + location.getName());
            unit = null;
        }
        if (unit != null && outputs != null) {
            outputs.file(unit, file);
        }
        if (unit == null && !again) {
            return file;
        }
        Capture capture = new Capture(
                unit,
                Entry.FileKind.RESOURCE,
                location.getName(),
                moduleAndPkg.toString(),
                relativeName.toString(),
                again ? key : null);
        return new ForwardingFileObject<FileObject>(file) {
            @Override
            public OutputStream openOutputStream() throws IOException {
                return capture.stream(super::openOutputStream);
            }

            @Override
            public Writer openWriter() throws IOException {
                return capture.writer(super::openWriter);
            }
        };
    }

    /** A read: what the file holds now goes into the manifest, as a type looked up by name does. */
    @Override
    public FileObject getResource(JavaFileManager.Location location, CharSequence moduleAndPkg, CharSequence name)
            throws IOException {
        String resource = Lookups.resource(location, moduleAndPkg, name);
        if (resource == null || lookups == null) {
            recording.anomaly(
                    "it read " + (moduleAndPkg.length() == 0 ? "" : moduleAndPkg + "/") + name + " through the Filer",
                    true);
        } else {
            recording.lookup(resource, lookups);
        }
        return delegate.getResource(location, moduleAndPkg, name);
    }

    private JavaFileObject javaFile(
            JavaFileObject file, Entry.FileKind kind, String pkg, String name, Element[] originatingElements) {
        String unit = unit(name, originatingElements);
        if (unit != null && outputs != null) {
            outputs.file(unit, file);
        }
        String key = Replayed.key(kind, "", pkg, name);
        boolean again = replayed.contains(key);
        if (unit == null && !again) {
            return file;
        }
        Capture capture = new Capture(unit, kind, "", pkg, name, again ? key : null);
        return new ForwardingJavaFileObject<JavaFileObject>(file) {
            @Override
            public OutputStream openOutputStream() throws IOException {
                return capture.stream(super::openOutputStream);
            }

            @Override
            public Writer openWriter() throws IOException {
                return capture.writer(super::openWriter);
            }
        };
    }

    /** The one unit of the originating elements; null (and the reason recorded) when there is not exactly one. */
    private String unit(String file, Element[] originatingElements) {
        try {
            return unitOrThrow(file, originatingElements);
        } catch (RuntimeException failure) { // never into the processor
            recording.anomaly("Tandem could not attribute " + file + " (" + failure + ")", true);
            return null;
        }
    }

    private String unitOrThrow(String file, Element[] originatingElements) {
        Set<String> units = new LinkedHashSet<>();
        for (Element element : originatingElements == null ? new Element[0] : originatingElements) {
            Element unit = element == null ? null : ElementPaths.unitOf(element);
            units.add(unit == null ? null : ElementPaths.unitName(unit));
        }
        if (units.isEmpty() || units.contains(null)) {
            recording.anomaly("it wrote " + file + " with no originating type or package", true);
            return null;
        }
        if (units.size() > 1) {
            for (String unit : units) {
                recording.poison(unit, file + " has " + units.size() + " originating types " + units);
            }
            return null;
        }
        return units.iterator().next();
    }

    /** Opens javac's own stream or writer of a file, only when it is to be written. */
    private interface Open<T> {
        T open() throws IOException;
    }

    /**
     * Records a file's content when the processor closes it. A file whose name was replayed ({@code again} is its
     * key) goes to memory instead, and onto the replayed file where it differs.
     */
    private final class Capture {
        private final String unit;
        private final Entry.FileKind kind;
        private final String location;
        private final String pkg;
        private final String name;
        private final String again;

        Capture(String unit, Entry.FileKind kind, String location, String pkg, String name, String again) {
            this.unit = unit;
            this.kind = kind;
            this.location = location;
            this.pkg = pkg;
            this.name = name;
            this.again = again;
        }

        OutputStream stream(Open<OutputStream> real) throws IOException {
            return again != null ? againStream(false) : stream(real.open());
        }

        Writer writer(Open<Writer> real) throws IOException {
            return again != null
                    ? new java.io.OutputStreamWriter(againStream(true), StandardCharsets.UTF_8)
                    : writer(real.open());
        }

        private OutputStream againStream(boolean text) {
            return new ByteArrayOutputStream() {
                private boolean closed;

                @Override
                public void close() throws IOException {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    byte[] written = toByteArray();
                    if (replayed.rewritten(again, written)) {
                        // the output is the processor's; this compilation is not stored
                        recording.anomaly("it wrote " + name + " again, differently from its replay", false);
                    }
                    if (unit != null) {
                        recording.file(unit, new Entry.File(kind, location, pkg, name, text, written));
                    }
                }
            };
        }

        private OutputStream stream(OutputStream real) {
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            return new FilterOutputStream(real) {
                private boolean closed;

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    copy.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    copy.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    super.close();
                    if (!closed) {
                        closed = true;
                        recording.file(unit, new Entry.File(kind, location, pkg, name, false, copy.toByteArray()));
                    }
                }
            };
        }

        private Writer writer(Writer real) {
            StringBuilder copy = new StringBuilder();
            return new Writer() {
                private boolean closed;

                @Override
                public void write(char[] buffer, int off, int len) throws IOException {
                    real.write(buffer, off, len);
                    copy.append(buffer, off, len);
                }

                @Override
                public void write(String s, int off, int len) throws IOException {
                    real.write(s, off, len);
                    copy.append(s, off, off + len);
                }

                @Override
                public void flush() throws IOException {
                    real.flush();
                }

                @Override
                public void close() throws IOException {
                    real.close();
                    if (!closed) {
                        closed = true;
                        byte[] utf8 = copy.toString().getBytes(StandardCharsets.UTF_8);
                        recording.file(unit, new Entry.File(kind, location, pkg, name, true, utf8));
                    }
                }
            };
        }
    }
}
