package dev.tandem.compiler;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one class file of the last compile says about its dependencies, the facts incremental compilation decides by
 * (Gradle's rule, read from {@code org.gradle.api.internal.tasks.compile.incremental}):
 *
 * <ul>
 *   <li>{@link #accessible()}: the types its API names (supertypes, the signatures, thrown types and annotations of
 *       its non-private fields and methods, its own annotations). A change to one of those can change what this
 *       class means to its own dependents, so a change travels on through these.
 *   <li>{@link #privateOnly()}: every other type it refers to (method bodies, private members, the constant pool).
 *       A change to one of those recompiles this class, and stops here.
 *   <li>{@link #constants()}: its non-private compile-time constants, name to value: javac copies them into their
 *       users, whose class files then name no dependency on this class.
 *   <li>{@link #abi()}: a digest of everything dependents can see (the class header, non-private members with
 *       their flags, signatures, constants and annotations), so a change to a method body alone leaves it equal.
 * </ul>
 *
 * <p>Types of {@code java.*} are left out: the platform does not change between two compiles of one module.
 */
final class ClassAnalysis {
    private static final int ACC_PRIVATE = 0x0002;
    private static final int ACC_STATIC = 0x0008;
    private static final int ACC_FINAL = 0x0010;
    private static final int ACC_SYNTHETIC = 0x1000;
    private static final int ACC_ANNOTATION = 0x2000;
    private static final int ACC_MODULE = 0x8000;
    /** The parameter slots of what is not a method: its attributes have no parameter names to read. */
    private static final int NOT_A_METHOD = -1;

    private final String name;
    private final Set<String> accessible;
    private final Set<String> privateOnly;
    private final Set<String> declaredPrivately;
    private final Map<String, String> constants;
    /** The lines {@link #abi()} digests, until it is asked for: most classes of a compile are never compared. */
    private List<String> abiLines;

    private String abi;
    private final boolean sourceRetentionAnnotation;
    private final boolean moduleInfo;
    private final String sourceFile;

    private ClassAnalysis(
            String name,
            Set<String> accessible,
            Set<String> privateOnly,
            Set<String> declaredPrivately,
            Map<String, String> constants,
            List<String> abiLines,
            boolean sourceRetentionAnnotation,
            boolean moduleInfo,
            String sourceFile) {
        this.name = name;
        this.accessible = Collections.unmodifiableSet(accessible);
        this.privateOnly = Collections.unmodifiableSet(privateOnly);
        this.declaredPrivately = Collections.unmodifiableSet(declaredPrivately);
        this.constants = Collections.unmodifiableMap(constants);
        this.abiLines = abiLines;
        this.sourceRetentionAnnotation = sourceRetentionAnnotation;
        this.moduleInfo = moduleInfo;
        this.sourceFile = sourceFile;
    }

    /** An analysis as {@link ClassAnalyses} kept it, its ABI digest already made. */
    static ClassAnalysis restored(
            String name,
            Set<String> accessible,
            Set<String> privateOnly,
            Set<String> declaredPrivately,
            Map<String, String> constants,
            String abi,
            boolean sourceRetentionAnnotation,
            boolean moduleInfo,
            String sourceFile) {
        ClassAnalysis analysis = new ClassAnalysis(
                name,
                accessible,
                privateOnly,
                declaredPrivately,
                constants,
                null,
                sourceRetentionAnnotation,
                moduleInfo,
                sourceFile);
        analysis.abi = abi;
        return analysis;
    }

    /** The class's binary name, as {@code Class.forName} takes it ({@code a.b.Outer$Inner}). */
    String name() {
        return name;
    }

    /** Binary names of the types its API names. */
    Set<String> accessible() {
        return accessible;
    }

    /** Binary names of the types it refers to only where no dependent can see. */
    Set<String> privateOnly() {
        return privateOnly;
    }

    /**
     * Binary names of the types its private members' declarations name (their types, signatures, thrown types and
     * annotations): with {@link #accessible()}, what an annotation processor reaching this class sees of others
     * through {@code javax.lang.model}, which shows private members but no method body.
     */
    Set<String> declaredPrivately() {
        return declaredPrivately;
    }

    /** Its non-private compile-time constants, field name to descriptor and value. */
    Map<String, String> constants() {
        return constants;
    }

    /** The digest of what dependents can see; equal after a change to method bodies or private members alone. */
    String abi() {
        if (abi == null) {
            Collections.sort(abiLines);
            abi = digest(abiLines);
            abiLines = null;
        }
        return abi;
    }

    /** An annotation type of {@code SOURCE} retention: its uses leave no trace in any class file. */
    boolean sourceRetentionAnnotation() {
        return sourceRetentionAnnotation;
    }

    boolean moduleInfo() {
        return moduleInfo;
    }

    /**
     * The source it was compiled from, relative to its source root ({@code a/b/C.java}; a nested class's and a
     * second top-level class's is the file they are in), from its package and its {@code SourceFile} attribute;
     * null when compiled without it ({@code -g:none}).
     */
    String sourceFile() {
        return sourceFile;
    }

    /**
     * Reads a class file.
     *
     * @throws IOException when the bytes are not a class file this reader knows (then nothing can be concluded from
     *     it: the caller compiles everything)
     */
    static ClassAnalysis read(byte[] bytes) throws IOException {
        try {
            return new Reader(bytes).read();
        } catch (RuntimeException malformed) {
            throw new IOException("not a class file Tandem can read (" + malformed + ")", malformed);
        }
    }

    /** One pass over a class file. */
    private static final class Reader {
        private final DataInputStream in;
        private final byte[] bytes;
        private String self;
        private Object[] pool;
        private int[] tags;
        private final Set<String> accessible = new TreeSet<>();
        private final Set<String> all = new TreeSet<>();
        private final Set<String> declaredPrivately = new TreeSet<>();
        private final Map<String, String> constants = new TreeMap<>();
        /** What dependents can see, one line each, sorted before digesting (member order is the compiler's). */
        private final List<String> abiLines = new ArrayList<>();

        private boolean sourceRetention;
        private String sourceFileName;

        Reader(byte[] bytes) {
            this.in = new DataInputStream(new ByteArrayInputStream(bytes));
            this.bytes = bytes;
        }

        ClassAnalysis read() throws IOException {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException("no class file magic");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            readPool();
            int access = in.readUnsignedShort();
            self = className(in.readUnsignedShort());
            int superIndex = in.readUnsignedShort();
            String header = "class " + access + " " + self;
            if (superIndex != 0) {
                String superName = className(superIndex);
                Signatures.add(superName, accessible);
                header += " extends " + superName;
            }
            int interfaces = in.readUnsignedShort();
            for (int i = 0; i < interfaces; i++) {
                String type = className(in.readUnsignedShort());
                Signatures.add(type, accessible);
                header += " implements " + type;
            }
            abiLines.add(header);
            readMembers(false);
            readMembers(true);
            boolean annotationType = (access & ACC_ANNOTATION) != 0;
            for (String attribute : readAttributes(true, "class", NOT_A_METHOD)) {
                abiLines.add("class attribute " + attribute);
            }
            sourceRetention = annotationType && sourceRetention;
            if ((access & ACC_MODULE) != 0) {
                // what a module exports, opens, requires and provides: any change to it changes everything
                abiLines.add("module " + digest(List.of(new String(bytes, StandardCharsets.ISO_8859_1))));
            }
            // every class the constant pool names: method bodies, nest members, inner classes
            for (int i = 1; i < pool.length; i++) {
                if (tags[i] == 7) {
                    addDescriptorOrName((String) pool[(Integer) pool[i]], all);
                } else if (tags[i] == 12 || tags[i] == 16) { // NameAndType, MethodType: their descriptors
                    int descriptor = tags[i] == 12 ? ((int[]) pool[i])[1] : (Integer) pool[i];
                    Signatures.types((String) pool[descriptor], all);
                }
            }
            String binary = self.replace('/', '.');
            all.addAll(declaredPrivately);
            declaredPrivately.remove(binary);
            declaredPrivately.removeAll(accessible);
            accessible.remove(binary);
            all.remove(binary);
            Set<String> privateOnly = new TreeSet<>(all);
            privateOnly.removeAll(accessible);
            return new ClassAnalysis(
                    binary,
                    accessible,
                    privateOnly,
                    declaredPrivately,
                    constants,
                    abiLines,
                    sourceRetention,
                    (access & ACC_MODULE) != 0,
                    sourceFileName == null ? null : self.substring(0, self.lastIndexOf('/') + 1) + sourceFileName);
        }

        private void readPool() throws IOException {
            int count = in.readUnsignedShort();
            pool = new Object[count];
            tags = new int[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                tags[i] = tag;
                switch (tag) {
                    case 1:
                        pool[i] = in.readUTF();
                        break;
                    case 3:
                        pool[i] = in.readInt();
                        break;
                    case 4:
                        pool[i] = in.readFloat();
                        break;
                    case 5:
                        pool[i] = in.readLong();
                        i++;
                        break;
                    case 6:
                        pool[i] = in.readDouble();
                        i++;
                        break;
                    case 7: // Class
                    case 8: // String
                    case 16: // MethodType
                    case 19: // Module
                    case 20: // Package
                        pool[i] = in.readUnsignedShort();
                        break;
                    case 9: // Fieldref
                    case 10: // Methodref
                    case 11: // InterfaceMethodref
                    case 12: // NameAndType
                    case 17: // Dynamic
                    case 18: // InvokeDynamic
                        pool[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                        break;
                    case 15: // MethodHandle
                        pool[i] = new int[] {in.readUnsignedByte(), in.readUnsignedShort()};
                        break;
                    default:
                        throw new IOException("unknown constant pool tag " + tag + " at " + i);
                }
            }
        }

        private String utf8(int index) {
            return (String) pool[index];
        }

        private String className(int classIndex) {
            return utf8((Integer) pool[classIndex]);
        }

        private void readMembers(boolean methods) throws IOException {
            int count = in.readUnsignedShort();
            for (int i = 0; i < count; i++) {
                int access = in.readUnsignedShort();
                String memberName = utf8(in.readUnsignedShort());
                String descriptor = utf8(in.readUnsignedShort());
                boolean visible = (access & ACC_PRIVATE) == 0 && (access & ACC_SYNTHETIC) == 0;
                Set<String> into = visible ? accessible : declaredPrivately;
                Signatures.types(descriptor, into);
                Signatures.types(descriptor, all);
                String member = (methods ? "method " : "field ") + access + " " + memberName + " " + descriptor;
                if (visible) {
                    abiLines.add(member);
                } else if (!methods && (access & ACC_SYNTHETIC) == 0) {
                    // a private field hides an inherited one of its name from every user (javac: "has private
                    // access"): its name, not its type or value, is part of the API
                    abiLines.add("private field " + memberName);
                }
                int slots = methods ? parameterSlots(access, descriptor) : NOT_A_METHOD;
                for (String attribute : readAttributes(visible, member, slots)) {
                    if (visible) {
                        abiLines.add(member + " " + attribute);
                    }
                    if (!methods
                            && visible
                            && attribute.startsWith("ConstantValue ")
                            && (access & (ACC_STATIC | ACC_FINAL)) == (ACC_STATIC | ACC_FINAL)) {
                        constants.put(memberName, descriptor + " " + attribute.substring("ConstantValue ".length()));
                    }
                }
            }
        }

        /** The local variable slots a method's parameters take: {@code this}, then one per value, two per long or double. */
        private static int parameterSlots(int access, String descriptor) {
            int slots = (access & ACC_STATIC) != 0 ? 0 : 1;
            for (int i = 1; descriptor.charAt(i) != ')'; i++) {
                char c = descriptor.charAt(i);
                slots += c == 'J' || c == 'D' ? 2 : 1;
                while (descriptor.charAt(i) == '[') {
                    i++;
                }
                if (descriptor.charAt(i) == 'L') {
                    i = descriptor.indexOf(';', i);
                }
            }
            return slots;
        }

        /**
         * Reads a method's Code attribute for the names of its parameters, from the local variable table javac writes
         * with {@code -g} (Maven's default): processors that see this class through its class file read its
         * parameters' names from there (MapStruct maps constructor arguments by name), so a renamed parameter must
         * change the ABI, while a method body's change leaves it equal. {@code slots} is the number of local variable
         * slots the parameters take ({@link #parameterSlots}). Empty when the table is not there.
         */
        private String parameterNames(int slots) throws IOException {
            in.skipBytes(4); // max_stack, max_locals
            in.skipBytes(in.readInt()); // the code
            in.skipBytes(8 * in.readUnsignedShort()); // the exception table
            String[] names = new String[slots];
            int count = in.readUnsignedShort();
            for (int i = 0; i < count; i++) {
                String attribute = utf8(in.readUnsignedShort());
                int length = in.readInt();
                if (!attribute.equals("LocalVariableTable")) {
                    in.skipBytes(length);
                    continue;
                }
                int n = in.readUnsignedShort();
                for (int j = 0; j < n; j++) {
                    int start = in.readUnsignedShort();
                    in.readUnsignedShort(); // length
                    String name = utf8(in.readUnsignedShort());
                    in.readUnsignedShort(); // descriptor
                    int slot = in.readUnsignedShort();
                    if (start == 0 && slot < slots) {
                        names[slot] = name;
                    }
                }
            }
            StringBuilder text = new StringBuilder();
            for (String name : names) {
                if (name != null) {
                    text.append(' ').append(name);
                }
            }
            return text.toString();
        }

        /**
         * Reads an attribute table; returns, for what dependents can see, one line per attribute that matters to
         * them (signatures, constants, thrown types, annotations, annotation defaults).
         */
        private List<String> readAttributes(boolean visible, String owner, int parameterSlots) throws IOException {
            int count = in.readUnsignedShort();
            List<String> lines = new ArrayList<>();
            Set<String> into = visible ? accessible : declaredPrivately;
            for (int i = 0; i < count; i++) {
                String attribute = utf8(in.readUnsignedShort());
                int length = in.readInt();
                switch (attribute) {
                    case "Signature": {
                        String signature = utf8(in.readUnsignedShort());
                        Signatures.types(signature, into);
                        Signatures.types(signature, all);
                        lines.add("Signature " + signature);
                        break;
                    }
                    case "ConstantValue": {
                        int index = in.readUnsignedShort();
                        Object value = tags[index] == 8 ? utf8((Integer) pool[index]) : pool[index];
                        lines.add("ConstantValue " + value);
                        break;
                    }
                    case "Exceptions": {
                        int n = in.readUnsignedShort();
                        StringBuilder thrown = new StringBuilder("Exceptions");
                        for (int j = 0; j < n; j++) {
                            String type = className(in.readUnsignedShort());
                            Signatures.add(type, into);
                            Signatures.add(type, all);
                            thrown.append(' ').append(type);
                        }
                        lines.add(thrown.toString());
                        break;
                    }
                    case "PermittedSubclasses": {
                        // a sealed type's permitted list decides which classes may extend it: theirs to recheck
                        int n = in.readUnsignedShort();
                        StringBuilder permits = new StringBuilder("PermittedSubclasses");
                        for (int j = 0; j < n; j++) {
                            String type = className(in.readUnsignedShort());
                            Signatures.add(type, all);
                            Signatures.add(type, declaredPrivately); // a processor reads them (getPermittedSubclasses)
                            permits.append(' ').append(type);
                        }
                        lines.add(permits.toString());
                        break;
                    }
                    case "RuntimeVisibleAnnotations":
                    case "RuntimeInvisibleAnnotations": {
                        StringBuilder text = new StringBuilder(attribute);
                        int n = in.readUnsignedShort();
                        for (int j = 0; j < n; j++) {
                            annotation(text, into, owner.equals("class"));
                        }
                        lines.add(text.toString());
                        break;
                    }
                    case "RuntimeVisibleParameterAnnotations":
                    case "RuntimeInvisibleParameterAnnotations": {
                        StringBuilder text = new StringBuilder(attribute);
                        int parameters = in.readUnsignedByte();
                        for (int p = 0; p < parameters; p++) {
                            int n = in.readUnsignedShort();
                            text.append(" (");
                            for (int j = 0; j < n; j++) {
                                annotation(text, into, false);
                            }
                            text.append(')');
                        }
                        lines.add(text.toString());
                        break;
                    }
                    case "RuntimeVisibleTypeAnnotations":
                    case "RuntimeInvisibleTypeAnnotations": {
                        // @Nullable String name(): the annotation is on the type, and checkers read it at the call
                        StringBuilder text = new StringBuilder(attribute);
                        int n = in.readUnsignedShort();
                        for (int j = 0; j < n; j++) {
                            int target = in.readUnsignedByte();
                            text.append(" [").append(target);
                            switch (target) {
                                case 0x00: // type parameter
                                case 0x01:
                                case 0x16: // formal parameter
                                    text.append(' ').append(in.readUnsignedByte());
                                    break;
                                case 0x10: // supertype
                                case 0x17: // throws
                                    text.append(' ').append(in.readUnsignedShort());
                                    break;
                                case 0x11: // type parameter bound
                                case 0x12:
                                    text.append(' ')
                                            .append(in.readUnsignedByte())
                                            .append(' ')
                                            .append(in.readUnsignedByte());
                                    break;
                                case 0x13: // field, return, receiver
                                case 0x14:
                                case 0x15:
                                    break;
                                default: // the targets inside code are in the Code attribute, never here
                                    throw new IOException("unknown type annotation target " + target);
                            }
                            int path = in.readUnsignedByte();
                            for (int k = 0; k < path; k++) {
                                text.append(' ')
                                        .append(in.readUnsignedByte())
                                        .append('.')
                                        .append(in.readUnsignedByte());
                            }
                            text.append(']');
                            annotation(text, into, false);
                        }
                        lines.add(text.toString());
                        break;
                    }
                    case "Record": {
                        // the components in their order: a deconstruction pattern binds by position
                        StringBuilder text = new StringBuilder(attribute);
                        int n = in.readUnsignedShort();
                        for (int j = 0; j < n; j++) {
                            text.append(' ')
                                    .append(utf8(in.readUnsignedShort()))
                                    .append(':')
                                    .append(utf8(in.readUnsignedShort()));
                            for (String line : readAttributes(visible, "record component", NOT_A_METHOD)) {
                                text.append(" {").append(line).append('}');
                            }
                        }
                        lines.add(text.toString());
                        break;
                    }
                    case "AnnotationDefault": {
                        StringBuilder text = new StringBuilder(attribute).append(' ');
                        elementValue(text, into, false);
                        lines.add(text.toString());
                        break;
                    }
                    case "MethodParameters": {
                        // javac -parameters: processors read the names (MapStruct maps constructor arguments by them)
                        StringBuilder text = new StringBuilder(attribute);
                        int n = in.readUnsignedByte();
                        for (int j = 0; j < n; j++) {
                            int name = in.readUnsignedShort();
                            text.append(' ')
                                    .append(name == 0 ? "-" : utf8(name))
                                    .append(':')
                                    .append(in.readUnsignedShort());
                        }
                        lines.add(text.toString());
                        break;
                    }
                    case "Code":
                        if (visible && parameterSlots != NOT_A_METHOD) {
                            String names = parameterNames(parameterSlots);
                            if (!names.isEmpty()) {
                                lines.add("parameters" + names);
                            }
                        } else {
                            in.skipBytes(length);
                        }
                        break;
                    case "Deprecated": // the javadoc tag @deprecated without the annotation: its users are warned
                        lines.add("Deprecated");
                        break;
                    case "SourceFile":
                        sourceFileName = utf8(in.readUnsignedShort());
                        break;
                    case "InnerClasses": {
                        int n = in.readUnsignedShort();
                        for (int j = 0; j < n; j++) {
                            int inner = in.readUnsignedShort();
                            int outer = in.readUnsignedShort();
                            in.readUnsignedShort(); // simple name
                            int flags = in.readUnsignedShort();
                            // a member class of this one is part of its API: Outer.In names it
                            if (outer != 0 && className(outer).equals(self) && (flags & ACC_PRIVATE) == 0) {
                                lines.add("member " + flags + " " + className(inner));
                            } else if (outer != 0 && className(outer).equals(self)) {
                                // as a private field: it hides an inherited member class of its name
                                lines.add("private member " + className(inner));
                            }
                        }
                        break;
                    }
                    default:
                        in.skipBytes(length); // Code and the rest: what they name is in the constant pool
                }
            }
            return lines;
        }

        /** One annotation; notes a class's own {@code @Retention(SOURCE)}. */
        private void annotation(StringBuilder text, Set<String> into, boolean onClass) throws IOException {
            String type = utf8(in.readUnsignedShort());
            Signatures.types(type, into);
            Signatures.types(type, all);
            text.append(" @").append(type).append('(');
            int pairs = in.readUnsignedShort();
            boolean retention = onClass && type.equals("Ljava/lang/annotation/Retention;");
            for (int i = 0; i < pairs; i++) {
                text.append(utf8(in.readUnsignedShort())).append('=');
                elementValue(text, into, retention);
                text.append(',');
            }
            text.append(')');
        }

        private void elementValue(StringBuilder text, Set<String> into, boolean retention) throws IOException {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 'e': {
                    String type = utf8(in.readUnsignedShort());
                    String constant = utf8(in.readUnsignedShort());
                    Signatures.types(type, into);
                    Signatures.types(type, all);
                    if (retention && type.equals("Ljava/lang/annotation/RetentionPolicy;")) {
                        sourceRetention = constant.equals("SOURCE");
                    }
                    text.append(type).append('.').append(constant);
                    break;
                }
                case 'c': {
                    String type = utf8(in.readUnsignedShort());
                    Signatures.types(type, into);
                    Signatures.types(type, all);
                    text.append(type).append(".class");
                    break;
                }
                case '@': {
                    StringBuilder nested = new StringBuilder();
                    annotation(nested, into, false);
                    text.append(nested);
                    break;
                }
                case '[': {
                    int n = in.readUnsignedShort();
                    text.append('{');
                    for (int i = 0; i < n; i++) {
                        elementValue(text, into, retention);
                        text.append(',');
                    }
                    text.append('}');
                    break;
                }
                default: // a constant: B C D F I J S Z s
                    int index = in.readUnsignedShort();
                    text.append((char) tag).append(tags[index] == 1 ? utf8(index) : pool[index]);
            }
        }

        /** A Class constant's name: an internal name, or an array descriptor. */
        private static void addDescriptorOrName(String name, Set<String> into) {
            if (name.startsWith("[")) {
                Signatures.types(name, into);
            } else {
                Signatures.add(name, into);
            }
        }
    }

    private static String digest(List<String> lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        return sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The SHA-256 of some bytes in hex: the ABI digest, and the compile state's digests of sources and itself. */
    static String sha256(byte[] bytes) {
        try {
            StringBuilder hex = new StringBuilder();
            for (byte b : MessageDigest.getInstance("SHA-256").digest(bytes)) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
