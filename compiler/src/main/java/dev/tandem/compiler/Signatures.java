package dev.tandem.compiler;

import java.util.Set;

/**
 * The class types a field or method descriptor, or a generic signature (JVMS 4.7.9.1), names: {@code
 * (Ljava/util/List<Lcom/acme/Car;>;)Lcom/acme/Outer<TT;>.Inner;} names {@code java.util.List}, {@code com.acme.Car},
 * {@code com.acme.Outer} and {@code com.acme.Outer$Inner}. Type variables and primitives name none; {@code java.*} is left out.
 */
final class Signatures {
    private Signatures() {}

    /** Adds the binary names of the class types {@code signature} names to {@code into}. */
    static void types(String signature, Set<String> into) {
        int i = 0;
        if (signature.startsWith("<")) {
            i = typeParameters(signature, 0, into);
        }
        while (i < signature.length()) {
            char c = signature.charAt(i);
            if (c == '(' || c == ')' || c == '^') {
                i++;
            } else {
                i = type(signature, i, into);
            }
        }
    }

    /** Adds one internal name ({@code com/acme/Car}) as a binary name, unless it is of {@code java.*}. */
    static void add(String internalName, Set<String> into) {
        if (!internalName.startsWith("java/")) {
            into.add(internalName.replace('/', '.'));
        }
    }

    /** One type starting at {@code i}; returns the index after it. */
    private static int type(String s, int i, Set<String> into) {
        char c = s.charAt(i);
        switch (c) {
            case 'L':
                return classType(s, i + 1, into);
            case 'T':
                return s.indexOf(';', i) + 1;
            case '[':
            case '+':
            case '-':
                return type(s, i + 1, into);
            default: // a primitive, V, or the wildcard *
                return i + 1;
        }
    }

    /** A class type after its {@code L}: segments joined by {@code .} (inner classes), each maybe with arguments. */
    private static int classType(String s, int i, Set<String> into) {
        StringBuilder name = new StringBuilder();
        while (true) {
            int end = i;
            while (s.charAt(end) != '<' && s.charAt(end) != ';' && s.charAt(end) != '.') {
                end++;
            }
            name.append(s, i, end);
            i = end;
            if (s.charAt(i) == '<') {
                i++;
                while (s.charAt(i) != '>') {
                    i = type(s, i, into);
                }
                i++;
            }
            if (s.charAt(i) == '.') {
                add(name.toString(), into); // the enclosing class, with its type arguments, is part of the type
                name.append('$');
                i++;
            } else { // ';'
                add(name.toString(), into);
                return i + 1;
            }
        }
    }

    /** {@code <T:Ljava/lang/Object;U::Ljava/lang/Comparable<TU;>;>}: returns the index after the {@code >}. */
    private static int typeParameters(String s, int i, Set<String> into) {
        i++; // '<'
        while (s.charAt(i) != '>') {
            i = s.indexOf(':', i); // the parameter's name
            while (i < s.length() && s.charAt(i) == ':') {
                i++;
                char next = s.charAt(i);
                if (next == 'L' || next == 'T' || next == '[') {
                    i = type(s, i, into);
                }
            }
        }
        return i + 1;
    }
}
