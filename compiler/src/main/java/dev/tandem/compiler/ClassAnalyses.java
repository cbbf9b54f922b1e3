package dev.tandem.compiler;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The analyses of the class output's class files as the last compile left them, kept beside its state so that the
 * next compile reads one file instead of parsing every class file again (parsing 2,000 class files was a third of
 * Tandem's own time in a one-file edit). They belong to the class output as one digest of its files' names, sizes
 * and times describes it ({@link CompileState#outputs()}): they are used only when that digest is the state's, and
 * the compile has checked that the class output still matches it. Anything else (no file, another digest, another
 * format, a checksum that does not match) is a miss: every class file is parsed, as without this file.
 *
 * <p>Binary: {@code tandem-analyses 1}, the digest, a table of the distinct strings, then each analysis naming them by
 * index, then the SHA-256 of all that.
 */
final class ClassAnalyses {
    // 2: private fields and member classes, @deprecated; 3: what private members declare
    static final String HEADER = "tandem-analyses 3";
    private static final int DIGEST = 32;
    private static final int SOURCE_RETENTION = 1;
    private static final int MODULE_INFO = 2;
    /** The largest file read: 64 MiB, far above the analyses of any module (2,000 classes: 0.3 MiB). */
    private static final long MAX_SIZE = 64L << 20;

    private ClassAnalyses() {}

    /** The analyses kept in {@code file} for a class output of digest {@code outputs}, by name; null when none are. */
    static Map<String, ClassAnalysis> read(Path file, String outputs) {
        try {
            if (outputs == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            if (Files.size(file) > MAX_SIZE) {
                return null; // no module's analyses come near: not read into memory
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length < DIGEST
                    || !Arrays.equals(
                            sha256(bytes, bytes.length - DIGEST),
                            Arrays.copyOfRange(bytes, bytes.length - DIGEST, bytes.length))) {
                return null;
            }
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes, 0, bytes.length - DIGEST));
            if (!HEADER.equals(in.readUTF()) || !outputs.equals(in.readUTF())) {
                return null;
            }
            String[] strings = new String[count(in, 4)];
            for (int i = 0; i < strings.length; i++) {
                byte[] utf8 = new byte[count(in, 1)];
                in.readFully(utf8);
                strings[i] = new String(utf8, StandardCharsets.UTF_8);
            }
            int count = count(in, 17);
            Map<String, ClassAnalysis> analyses = new HashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                String name = strings[in.readInt()];
                int sourceFile = in.readInt();
                String abi = strings[in.readInt()];
                int flags = in.readUnsignedByte();
                Set<String> accessible = names(in, strings);
                Set<String> privateOnly = names(in, strings);
                Set<String> declaredPrivately = names(in, strings);
                Map<String, String> constants = new TreeMap<>();
                for (int n = in.readInt(); n > 0; n--) {
                    constants.put(strings[in.readInt()], strings[in.readInt()]);
                }
                analyses.put(
                        name,
                        ClassAnalysis.restored(
                                name,
                                accessible,
                                privateOnly,
                                declaredPrivately,
                                constants,
                                abi,
                                (flags & SOURCE_RETENTION) != 0,
                                (flags & MODULE_INFO) != 0,
                                sourceFile < 0 ? null : strings[sourceFile]));
            }
            return in.available() == 0 ? analyses : null;
        } catch (RuntimeException damaged) {
            return null; // an index out of the table, a negative size...: a miss
        } catch (IOException unreadable) {
            return null;
        }
    }

    /** A count read from the file, of items of at least {@code size} bytes each: more than the bytes left is damage. */
    private static int count(DataInputStream in, int size) throws IOException {
        int count = in.readInt();
        if (count < 0 || (long) count * size > in.available()) {
            throw new IOException("a count larger than the file");
        }
        return count;
    }

    private static Set<String> names(DataInputStream in, String[] strings) throws IOException {
        int n = count(in, 4);
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            names.add(strings[in.readInt()]);
        }
        return names;
    }

    /** Keeps {@code analyses} for a class output of digest {@code outputs}, replacing the file whole. */
    static void write(Path file, String outputs, Collection<ClassAnalysis> analyses) throws IOException {
        Map<String, Integer> index = new HashMap<>();
        List<String> strings = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream entries = new DataOutputStream(body);
        entries.writeInt(analyses.size());
        for (ClassAnalysis analysis : analyses) {
            entries.writeInt(indexOf(analysis.name(), index, strings));
            entries.writeInt(analysis.sourceFile() == null ? -1 : indexOf(analysis.sourceFile(), index, strings));
            entries.writeInt(indexOf(analysis.abi(), index, strings));
            entries.writeByte((analysis.sourceRetentionAnnotation() ? SOURCE_RETENTION : 0)
                    | (analysis.moduleInfo() ? MODULE_INFO : 0));
            for (Set<String> names :
                    List.of(analysis.accessible(), analysis.privateOnly(), analysis.declaredPrivately())) {
                entries.writeInt(names.size());
                for (String name : names) {
                    entries.writeInt(indexOf(name, index, strings));
                }
            }
            entries.writeInt(analysis.constants().size());
            for (Map.Entry<String, String> constant : analysis.constants().entrySet()) {
                entries.writeInt(indexOf(constant.getKey(), index, strings));
                entries.writeInt(indexOf(constant.getValue(), index, strings));
            }
        }
        entries.flush();
        ByteArrayOutputStream whole = new ByteArrayOutputStream(body.size() + 64 * strings.size());
        DataOutputStream out = new DataOutputStream(whole);
        out.writeUTF(HEADER);
        out.writeUTF(outputs);
        out.writeInt(strings.size());
        for (String string : strings) {
            byte[] utf8 = string.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
        body.writeTo(out);
        out.flush();
        byte[] bytes = whole.toByteArray();
        out.write(sha256(bytes, bytes.length));
        CompileState.replaceWhole(file, whole.toByteArray());
    }

    private static int indexOf(String string, Map<String, Integer> index, List<String> strings) {
        return index.computeIfAbsent(string, s -> {
            strings.add(s);
            return strings.size() - 1;
        });
    }

    private static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, 0, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
