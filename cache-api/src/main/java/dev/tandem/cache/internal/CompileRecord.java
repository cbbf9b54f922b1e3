package dev.tandem.cache.internal;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What one compiler execution's last compile read and wrote beyond its Java sources, written by {@code
 * tandem-replay} when javac finishes and read by {@code tandem:prepare} before the next compile ({@code
 * outputs/<class output folder>} under the cache root):
 *
 * <ul>
 *   <li>per source compiled (its absolute path), what it led to: the class files javac wrote for it, and the files
 *       the replayed processors generated for its types (a generated source has its own class files under its own
 *       path). A source that is gone takes them with it, which compiler plugins before 3.12 leave behind: stale
 *       generated sources and classes that a clean build would not have;
 *   <li>the files besides sources that the compile's output depends on ({@code lombok.config}, present or not),
 *       each with the SHA-256 it had ({@link Sha256#MISSING} for absent): a change makes the next compile rerun,
 *       where the compiler plugin, which looks at Java sources only, would say "Nothing to compile".
 * </ul>
 *
 * Only files listed as outputs and under the record's build folder are ever deleted through it.
 */
public final class CompileRecord {
    static final int MAGIC = 0x544e444f; // "TNDO"
    static final short VERSION = 1;

    /** What a source led to. */
    public static final class Outputs {
        /** The class files javac wrote for it. */
        public final List<String> classes;
        /** The files the replayed processors generated for its types. */
        public final List<String> generated;

        public Outputs(List<String> classes, List<String> generated) {
            this.classes = classes;
            this.generated = generated;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Outputs
                    && ((Outputs) other).classes.equals(classes)
                    && ((Outputs) other).generated.equals(generated);
        }

        @Override
        public int hashCode() {
            return classes.hashCode() * 31 + generated.hashCode();
        }
    }

    /** Source → what it led to. */
    public final Map<String, Outputs> sources;
    /** Input file → its SHA-256 (hex) when the compile read it. */
    public final Map<String, String> inputs;
    /** The compile's replay summary line ("Tandem replay: MapStruct 498 replayed, 2 run..."), or "". */
    public final String summary;

    public CompileRecord(Map<String, Outputs> sources, Map<String, String> inputs, String summary) {
        this.sources = Collections.unmodifiableMap(new TreeMap<>(sources));
        this.inputs = Collections.unmodifiableMap(new TreeMap<>(inputs));
        this.summary = summary;
    }

    /** The record in {@code file}; empty when there is none or it is damaged (then nothing is deleted by it). */
    public static CompileRecord read(Path file) {
        Map<String, Outputs> sources = new TreeMap<>();
        Map<String, String> inputs = new TreeMap<>();
        String summary = "";
        try {
            ByteBuffer in = ChecksummedFile.read(file, MAGIC, VERSION);
            if (in != null) {
                int count = in.getInt();
                for (int i = 0; i < count; i++) {
                    String source = string(in);
                    sources.put(source, new Outputs(strings(in), strings(in)));
                }
                int inputCount = in.getInt();
                for (int i = 0; i < inputCount; i++) {
                    inputs.put(string(in), string(in));
                }
                summary = string(in);
            }
        } catch (IOException | BufferUnderflowException | IllegalArgumentException damaged) {
            sources.clear();
            inputs.clear();
            summary = "";
        }
        return new CompileRecord(sources, inputs, summary);
    }

    public void write(Path file) throws IOException {
        List<byte[]> strings = new ArrayList<>();
        int size = 8;
        for (Map.Entry<String, Outputs> source : sources.entrySet()) {
            size += 8 + utf8(strings, source.getKey());
            for (String output : source.getValue().classes) {
                size += utf8(strings, output);
            }
            for (String output : source.getValue().generated) {
                size += utf8(strings, output);
            }
        }
        for (Map.Entry<String, String> input : inputs.entrySet()) {
            size += utf8(strings, input.getKey()) + utf8(strings, input.getValue());
        }
        size += utf8(strings, summary);
        ByteBuffer out = ByteBuffer.allocate(size);
        int next = 0;
        out.putInt(sources.size());
        for (Outputs outputs : sources.values()) {
            put(out, strings.get(next++));
            out.putInt(outputs.classes.size());
            for (int i = 0; i < outputs.classes.size(); i++) {
                put(out, strings.get(next++));
            }
            out.putInt(outputs.generated.size());
            for (int i = 0; i < outputs.generated.size(); i++) {
                put(out, strings.get(next++));
            }
        }
        out.putInt(inputs.size());
        for (int i = 0; i < 2 * inputs.size() + 1; i++) {
            put(out, strings.get(next++));
        }
        CacheFiles.createDirectories(file.getParent().getParent(), file.getParent());
        ChecksummedFile.write(file, MAGIC, VERSION, out);
    }

    private static int utf8(List<byte[]> strings, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        strings.add(utf8);
        return 4 + utf8.length;
    }

    private static void put(ByteBuffer out, byte[] utf8) {
        out.putInt(utf8.length).put(utf8);
    }

    private static List<String> strings(ByteBuffer in) {
        int count = in.getInt();
        if (count < 0 || count > in.remaining() / 4) {
            throw new IllegalArgumentException(count + " strings past the record's end");
        }
        List<String> strings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            strings.add(string(in));
        }
        return strings;
    }

    private static String string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("a string of " + length + " bytes past the record's end");
        }
        byte[] utf8 = new byte[length];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /**
     * The record after a compile: the sources compiled now with what they led to now, and the other sources of
     * the last record that are still there. What the last record lists that nothing leads to now is deleted: class
     * files javac no longer writes for a source compiled now, and everything a gone source led to (a gone
     * generated source's own class files with it).
     *
     * @param now per source compiled now, what it led to; empty before a compile (tandem:prepare)
     * @param inputs the inputs of this compile; null to keep the last record's
     * @param summary this compile's summary line; null to keep the last record's
     * @param generatedSince a generated file modified at or after this time (epoch milliseconds) is never deleted:
     *     this compile wrote it, through a processor Tandem does not record; {@code Long.MAX_VALUE} before a
     *     compile
     * @param deleted told each file deleted
     */
    public CompileRecord update(
            Map<String, Outputs> now,
            Map<String, String> inputs,
            String summary,
            Path buildFolder,
            long generatedSince,
            Consumer<Path> deleted) {
        Set<String> produced = new HashSet<>();
        for (Outputs outputs : now.values()) {
            produced.addAll(outputs.classes);
            produced.addAll(outputs.generated);
        }
        Map<String, Outputs> kept = new TreeMap<>(now);
        Set<String> gone = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (Map.Entry<String, Outputs> source : sources.entrySet()) {
            String path = source.getKey();
            if (now.containsKey(path) || produced.contains(path)) {
                staleOf(source.getValue(), produced, todo);
            } else if (!exists(path)) {
                todo.add(path);
            } else {
                kept.put(path, source.getValue());
            }
        }
        while (!todo.isEmpty()) {
            String path = todo.pop();
            if (gone.add(path) && sources.containsKey(path)) {
                kept.remove(path);
                staleOf(sources.get(path), produced, todo);
            }
        }
        Set<String> classes = new HashSet<>();
        Set<String> generated = new HashSet<>();
        for (Outputs outputs : sources.values()) {
            classes.addAll(outputs.classes);
            generated.addAll(outputs.generated);
        }
        for (String path : gone) {
            if (classes.contains(path)) {
                delete(path, buildFolder, Long.MAX_VALUE, deleted);
            } else if (generated.contains(path)) {
                delete(path, buildFolder, generatedSince, deleted);
            } // else a source of the last record that is gone: a user's file, never deleted by Tandem
        }
        return new CompileRecord(kept, inputs == null ? this.inputs : inputs, summary == null ? this.summary : summary);
    }

    /** Outputs nothing leads to now: each is gone, and so is whatever it led to. */
    private static void staleOf(Outputs outputs, Set<String> produced, Deque<String> todo) {
        for (String file : outputs.classes) {
            if (!produced.contains(file)) {
                todo.add(file);
            }
        }
        for (String file : outputs.generated) {
            if (!produced.contains(file)) {
                todo.add(file);
            }
        }
    }

    private static boolean exists(String path) {
        try {
            return Files.exists(Paths.get(path), LinkOption.NOFOLLOW_LINKS);
        } catch (RuntimeException unreadable) {
            return true; // not provably gone: its outputs stay
        }
    }

    private static void delete(String path, Path buildFolder, long writtenSince, Consumer<Path> deleted) {
        try {
            Path file = Paths.get(path).toAbsolutePath().normalize();
            if (file.startsWith(buildFolder)
                    && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    && Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS)
                                    .toMillis()
                            < writtenSince) {
                Files.delete(file);
                deleted.accept(file);
            }
        } catch (IOException | RuntimeException cannot) {
            // left as it is: a later compile tries again, and mvn clean always works
        }
    }

    /** The recorded inputs whose content is not what it was; {@code checksum} gives a file's SHA-256 now. */
    public List<String> changedInputs(Function<Path, String> checksum) {
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, String> input : inputs.entrySet()) {
            if (!input.getValue().equals(checksum.apply(Paths.get(input.getKey())))) {
                changed.add(input.getKey());
            }
        }
        return changed;
    }
}
