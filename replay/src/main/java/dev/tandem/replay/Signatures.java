package dev.tandem.replay;

import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.tandem.cache.internal.Hex;
import dev.tandem.cache.internal.Sha256;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.annotation.processing.Filer;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.UnionType;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * What an element's output may depend on, as one digest: the content of every compilation unit and class file
 * reachable from its signatures (supertypes, members' types, type arguments and bounds, annotations and their
 * values, enclosing types, package annotations), recursively. Types of the JDK stop the walk: the release and
 * the javac version are in every key. A type whose origin cannot be read makes the digest unknown, and the
 * element is never replayed.
 *
 * <p>javac makes new element objects each round, so the graph is remembered for one round; file digests for the
 * whole compilation.
 */
final class Signatures {
    /** More reachable types than this and an element is not worth the walk: it runs. */
    static final int MAX_REACH = 50_000;

    private static final String PLATFORM = "";
    private static final String UNKNOWN = null;

    private final Trees trees;
    private final Elements elements;
    private final Filer filer;
    private final Function<Path, String> indexed;
    private final boolean lombokConfig;
    private final Map<String, String> fileDigests = new HashMap<>();
    private final Map<Element, Node> nodes = new HashMap<>();
    private final Map<Element, String> closures = new HashMap<>();

    /**
     * @param indexed the SHA-256 of a file from tandem:prepare's index, or null when it is not indexed
     * @param lombokConfig whether lombok.config files next to sources and above them are part of a source's digest
     */
    Signatures(Trees trees, Elements elements, Filer filer, Function<Path, String> indexed, boolean lombokConfig) {
        this.trees = trees;
        this.elements = elements;
        this.filer = filer;
        this.indexed = indexed;
        this.lombokConfig = lombokConfig;
    }

    /**
     * The folders of this build's class path, from tandem:prepare's record, whose jars' identity the key's context
     * holds: a class found in none of the folders is in one of those jars (or the JDK), contributes nothing more,
     * and is neither read nor walked, nor completed by javac for it. Null without a trusted record: then every
     * class reached in a jar is read, digested and walked.
     */
    void classPathFolders(List<Path> folders) {
        this.folders = folders;
    }

    private List<Path> folders;

    /** What the last closure that could not be computed failed on, for the debug notes. */
    String unreadable = "";

    /** Forgets the element graph: javac has made new elements for the new round. */
    void newRound() {
        nodes.clear();
        closures.clear();
    }

    private static final class Node {
        final String contribution;
        final List<Element> edges;

        Node(String contribution, List<Element> edges) {
            this.contribution = contribution;
            this.edges = edges;
        }
    }

    /** The digest of everything reachable from {@code root} (a type or package); null when unknown. */
    String closure(Element root) {
        if (closures.containsKey(root)) {
            return closures.get(root);
        }
        String digest = walk(root);
        closures.put(root, digest);
        return digest;
    }

    private String walk(Element root) {
        Set<String> contributions = new TreeSet<>();
        Set<Element> seen = new HashSet<>();
        Deque<Element> todo = new ArrayDeque<>();
        todo.push(root);
        seen.add(root);
        while (!todo.isEmpty()) {
            Element e = todo.pop();
            Node node = node(e);
            if (node.contribution == UNKNOWN) {
                if (unreadable.isEmpty()) {
                    unreadable = e + " (" + e.getKind() + " in " + e.getEnclosingElement() + ", "
                            + e.getClass().getSimpleName() + ", as "
                            + e.asType().getClass().getSimpleName()
                            + ") cannot be read";
                }
                return null;
            }
            if (!node.contribution.isEmpty()) {
                contributions.add(node.contribution);
            }
            for (Element next : node.edges) {
                if (seen.add(next)) {
                    if (seen.size() > MAX_REACH) {
                        unreadable = "it reaches more than " + MAX_REACH + " types";
                        return null;
                    }
                    todo.push(next);
                }
            }
        }
        MessageDigest sha = Sha256.newDigest();
        for (String contribution : contributions) {
            sha.update(contribution.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        return Hex.of(sha.digest());
    }

    private Node node(Element e) {
        Node node = nodes.get(e);
        if (node == null) {
            node = build(e);
            nodes.put(e, node);
        }
        return node;
    }

    private Node build(Element e) {
        try {
            if (e instanceof PackageElement) {
                PackageElement pkg = (PackageElement) e;
                List<Element> edges = new ArrayList<>();
                annotations(pkg.getAnnotationMirrors(), edges);
                String source = sourceDigest(pkg);
                return new Node(source != null ? source : PLATFORM, edges);
            }
            TypeElement type = (TypeElement) e;
            if (folders != null) {
                return buildWithClassPath(type);
            }
            if (type.asType().getKind() == TypeKind.ERROR) {
                return new Node("missing " + type.getQualifiedName(), List.of()); // not generated yet
            }
            if (isPlatform(type)) {
                return new Node(PLATFORM, List.of());
            }
            String source = sourceDigest(type);
            String contribution = source != null ? source : classFileDigest(type);
            List<Element> edges = new ArrayList<>();
            if (contribution != UNKNOWN) {
                edges(type, source != null, edges);
            }
            return new Node(contribution, edges);
        } catch (RuntimeException failure) {
            unreadable = e + ": " + failure;
            return new Node(UNKNOWN, List.of()); // a model the compiler cannot complete: run, do not guess
        }
    }

    /**
     * With the class path's record: a source is digested and walked; a class of one of its folders (a reactor
     * module's classes) is read, digested and walked; anything else is of a jar the context covers, or of the JDK, or
     * not there yet, and is left as it is, without asking javac to complete it.
     */
    private Node buildWithClassPath(TypeElement type) {
        if (isPlatform(type)) {
            return new Node(PLATFORM, List.of());
        }
        String source = sourceDigest(type);
        if (source != null) {
            List<Element> edges = new ArrayList<>();
            edges(type, true, edges);
            return new Node(source, edges);
        }
        Path classFile = inFolders(type);
        if (classFile == null) {
            return new Node(PLATFORM, List.of());
        }
        String contribution = fileDigest(classFile, false);
        if (contribution == null) {
            unreadable = classFile + " cannot be read";
            return new Node(UNKNOWN, List.of());
        }
        List<Element> edges = new ArrayList<>();
        edges(type, false, edges);
        return new Node("class " + contribution, edges);
    }

    /** The type's class file in the first class path folder that has one; null when none does. */
    private Path inFolders(TypeElement type) {
        String relative = elements.getBinaryName(type).toString().replace('.', '/') + ".class";
        for (Path folder : folders) {
            Path file = folder.resolve(relative);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    private boolean isPlatform(TypeElement type) {
        ModuleElement module = elements.getModuleOf(type);
        if (module != null && !module.isUnnamed()) {
            String name = module.getQualifiedName().toString();
            return name.startsWith("java.") || name.startsWith("jdk.");
        }
        return false;
    }

    private void edges(TypeElement type, boolean source, List<Element> edges) {
        type(type.getSuperclass(), edges);
        for (TypeMirror i : type.getInterfaces()) {
            type(i, edges);
        }
        for (TypeParameterElement parameter : type.getTypeParameters()) {
            for (TypeMirror bound : parameter.getBounds()) {
                type(bound, edges);
            }
        }
        annotations(type.getAnnotationMirrors(), edges);
        Element enclosing = type.getEnclosingElement();
        if (enclosing instanceof TypeElement) {
            edges.add(enclosing);
        } else if (enclosing instanceof PackageElement && source) {
            edges.add(enclosing); // package-info annotations apply to the whole package
        }
        for (Element member : type.getEnclosedElements()) {
            ElementKind kind = member.getKind();
            if (member instanceof TypeElement) {
                edges.add(member);
            } else if (member instanceof ExecutableElement) {
                ExecutableElement method = (ExecutableElement) member;
                type(method.getReturnType(), edges);
                for (VariableElement parameter : method.getParameters()) {
                    type(parameter.asType(), edges);
                    if (source) {
                        annotations(parameter.getAnnotationMirrors(), edges);
                    }
                }
                for (TypeMirror thrown : method.getThrownTypes()) {
                    type(thrown, edges);
                }
                for (TypeParameterElement parameter : method.getTypeParameters()) {
                    for (TypeMirror bound : parameter.getBounds()) {
                        type(bound, edges);
                    }
                }
                if (source) {
                    annotations(method.getAnnotationMirrors(), edges);
                    if (method.getDefaultValue() != null) {
                        value(method.getDefaultValue(), edges);
                    }
                }
            } else if (kind.isField() || kind.name().equals("RECORD_COMPONENT")) {
                type(member.asType(), edges);
                if (source) {
                    annotations(member.getAnnotationMirrors(), edges);
                }
            }
        }
    }

    private void type(TypeMirror mirror, List<Element> edges) {
        type(mirror, edges, new HashSet<>());
    }

    private void type(TypeMirror mirror, List<Element> edges, Set<TypeMirror> variables) {
        if (mirror == null) {
            return;
        }
        if (mirror instanceof DeclaredType && !(mirror instanceof IntersectionType) && !(mirror instanceof UnionType)) {
            // DECLARED or ERROR, told apart without completing the class (javac's intersections and unions are
            // declared types too, of a synthetic class: their bounds are walked below)
            DeclaredType declared = (DeclaredType) mirror;
            Element element = declared.asElement();
            if (element != null) {
                edges.add(element);
            }
            for (TypeMirror argument : declared.getTypeArguments()) {
                type(argument, edges, variables);
            }
            type(declared.getEnclosingType(), edges, variables);
            return;
        }
        switch (mirror.getKind()) {
            case ARRAY:
                type(((ArrayType) mirror).getComponentType(), edges, variables);
                break;
            case TYPEVAR:
                if (variables.add(mirror)) {
                    type(((TypeVariable) mirror).getUpperBound(), edges, variables);
                    type(((TypeVariable) mirror).getLowerBound(), edges, variables);
                }
                break;
            case WILDCARD:
                type(((WildcardType) mirror).getExtendsBound(), edges, variables);
                type(((WildcardType) mirror).getSuperBound(), edges, variables);
                break;
            case INTERSECTION:
                for (TypeMirror bound : ((IntersectionType) mirror).getBounds()) {
                    type(bound, edges, variables);
                }
                break;
            case UNION:
                for (TypeMirror alternative : ((UnionType) mirror).getAlternatives()) {
                    type(alternative, edges, variables);
                }
                break;
            case EXECUTABLE:
                ExecutableType method = (ExecutableType) mirror;
                type(method.getReturnType(), edges, variables);
                for (TypeMirror parameter : method.getParameterTypes()) {
                    type(parameter, edges, variables);
                }
                break;
            default:
                break; // primitives, void, none, null: nothing to reach
        }
    }

    private void annotations(List<? extends AnnotationMirror> mirrors, List<Element> edges) {
        for (AnnotationMirror mirror : mirrors) {
            type(mirror.getAnnotationType(), edges);
            for (AnnotationValue value : mirror.getElementValues().values()) {
                value(value, edges);
            }
        }
    }

    private void value(AnnotationValue value, List<Element> edges) {
        Object v = value.getValue();
        if (v instanceof TypeMirror) {
            type((TypeMirror) v, edges);
        } else if (v instanceof VariableElement) {
            edges.add(((VariableElement) v).getEnclosingElement()); // an enum constant: its enum
        } else if (v instanceof AnnotationMirror) {
            annotations(List.of((AnnotationMirror) v), edges);
        } else if (v instanceof List) {
            for (Object item : (List<?>) v) {
                if (item instanceof AnnotationValue) {
                    value((AnnotationValue) item, edges);
                }
            }
        }
    }

    /** "source sha" of the element's compilation unit, or null when it has none (a class file, the JDK). */
    private String sourceDigest(Element e) {
        TreePath path = trees.getPath(e);
        if (path == null) {
            return null;
        }
        JavaFileObject file = path.getCompilationUnit().getSourceFile();
        URI uri = file.toUri();
        if ("file".equals(uri.getScheme())) {
            Path source = Paths.get(uri);
            String digest = fileDigests.computeIfAbsent(source.toString(), name -> fileDigest(source, true));
            if (digest == null) {
                return UNKNOWN;
            }
            return "source " + digest + (lombokConfig ? lombokConfigs(source.getParent()) : "");
        }
        try {
            CharSequence content = file.getCharContent(true);
            return "source "
                    + Hex.of(Sha256.newDigest().digest(content.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException unreadable) {
            return UNKNOWN;
        }
    }

    private String fileDigest(Path file, boolean useIndex) {
        String fromIndex = useIndex ? indexed.apply(file) : null;
        if (fromIndex != null) {
            return fromIndex;
        }
        try {
            return Hex.of(Sha256.of(file));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The digests of the lombok.config files Lombok reads for a source in {@code directory}. */
    private String lombokConfigs(Path directory) {
        StringBuilder configs = new StringBuilder();
        for (Path d = directory; d != null; d = d.getParent()) {
            Path config = d.resolve("lombok.config");
            String key = "lombok:" + config;
            String digest = fileDigests.computeIfAbsent(
                    key, k -> Files.isRegularFile(config) ? fileDigest(config, false) : "-");
            if (!"-".equals(digest)) {
                configs.append(" lombok.config ").append(digest);
            }
        }
        return configs.toString();
    }

    /** "class sha" of the type's class file on the class or module path; UNKNOWN when it cannot be read. */
    private String classFileDigest(TypeElement type) {
        PackageElement pkg = elements.getPackageOf(type);
        String packageName = pkg.getQualifiedName().toString();
        String binary = elements.getBinaryName(type).toString();
        String relative = (packageName.isEmpty() ? binary : binary.substring(packageName.length() + 1)) + ".class";
        ModuleElement module = elements.getModuleOf(type);
        try {
            FileObject file = module == null || module.isUnnamed()
                    ? filer.getResource(StandardLocation.CLASS_PATH, packageName, relative)
                    : filer.getResource(
                            StandardLocation.MODULE_PATH, module.getQualifiedName() + "/" + packageName, relative);
            try (InputStream in = file.openInputStream()) {
                return "class " + Hex.of(Sha256.newDigest().digest(in.readAllBytes()));
            }
        } catch (FileNotFoundException notThere) {
            return platformClass(packageName, relative);
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** A class file not on the class path: the JDK's (compiled with --release 8 there are no modules), or unknown. */
    private String platformClass(String packageName, String relative) {
        try {
            filer.getResource(StandardLocation.PLATFORM_CLASS_PATH, packageName, relative);
            return PLATFORM;
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }
}
