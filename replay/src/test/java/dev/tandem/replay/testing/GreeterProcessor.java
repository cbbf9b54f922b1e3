package dev.tandem.replay.testing;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;

/**
 * An isolating processor whose output depends on what replay must key on: the type's fields, its supertypes' and
 * its fields' types' fields (two hops), a type looked up by name, and an option. It warns on a field named "bad",
 * fails on one named "fatal", prints an annotation's note on no element, and with {@code -Agreeting.banner=true}
 * a banner on no element when it starts, as Hibernate's processor does.
 */
@SupportedAnnotationTypes("dev.tandem.replay.testing.Greet")
public class GreeterProcessor extends AbstractProcessor {
    /** The types it was handed, across compilations of a test. */
    public static final List<String> PROCESSED = new CopyOnWriteArrayList<>();

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of("greeting", "greeting.banner");
    }

    @Override
    public synchronized void init(javax.annotation.processing.ProcessingEnvironment env) {
        super.init(env);
        if (Boolean.parseBoolean(env.getOptions().get("greeting.banner"))) {
            env.getMessager().printMessage(Diagnostic.Kind.NOTE, "Greeter 1.0 ready");
        }
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (Element element : round.getElementsAnnotatedWith(Greet.class)) {
            TypeElement type = (TypeElement) element;
            PROCESSED.add(type.getQualifiedName().toString());
            List<String> seen = new ArrayList<>();
            fields(type, seen, 3);
            String lookup = type.getAnnotation(Greet.class).lookup();
            if (!lookup.isEmpty()) {
                TypeElement named = processingEnv.getElementUtils().getTypeElement(lookup);
                if (named != null) {
                    fields(named, seen, 1);
                }
            }
            for (Element member : type.getEnclosedElements()) {
                if (member.getKind() == ElementKind.FIELD
                        && member.getSimpleName().contentEquals("fatal")) {
                    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "fatal field name", member);
                }
                if (member.getKind() == ElementKind.FIELD
                        && member.getSimpleName().contentEquals("bad")) {
                    processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING, "bad field name", member);
                }
            }
            String greeting = processingEnv.getOptions().getOrDefault("greeting", "Hello");
            String resource = type.getAnnotation(Greet.class).resource();
            if (!resource.isEmpty()) {
                greeting = read(type, resource);
            }
            String name = type.getSimpleName() + "Greeter";
            String pkg = processingEnv
                    .getElementUtils()
                    .getPackageOf(type)
                    .getQualifiedName()
                    .toString();
            try (Writer out = processingEnv
                    .getFiler()
                    .createSourceFile(pkg + "." + name, type)
                    .openWriter()) {
                out.write("package " + pkg + ";\n\npublic class " + name + " {\n"
                        + "    public static String greet() { return \"" + greeting + " " + String.join(",", seen)
                        + "\"; }\n}\n");
            } catch (IOException e) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, e.toString(), type);
            }
            String note = type.getAnnotation(Greet.class).note();
            if (!note.isEmpty()) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.NOTE, note);
            }
        }
        return false;
    }

    /** A file read through the Filer from the source path, next to the type; "nobody" when it is not there. */
    private String read(TypeElement type, String name) {
        String pkg = processingEnv
                .getElementUtils()
                .getPackageOf(type)
                .getQualifiedName()
                .toString();
        try {
            return processingEnv
                    .getFiler()
                    .getResource(javax.tools.StandardLocation.SOURCE_PATH, pkg, name)
                    .getCharContent(true)
                    .toString()
                    .trim();
        } catch (IOException e) {
            return "nobody";
        }
    }

    /** Fields of the type and its superclasses, and of their fields' types down to {@code depth} hops. */
    private void fields(TypeElement type, List<String> seen, int depth) {
        for (TypeElement t = type; t != null; t = superclass(t)) {
            for (Element member : t.getEnclosedElements()) {
                if (member.getKind() == ElementKind.FIELD) {
                    seen.add(t.getSimpleName() + "." + member.getSimpleName());
                    TypeMirror fieldType = member.asType();
                    if (depth > 1 && fieldType.getKind() == TypeKind.DECLARED) {
                        fields((TypeElement) ((DeclaredType) fieldType).asElement(), seen, depth - 1);
                    }
                }
            }
        }
    }

    private static TypeElement superclass(TypeElement type) {
        TypeMirror superclass = type.getSuperclass();
        if (superclass.getKind() != TypeKind.DECLARED) {
            return null;
        }
        TypeElement element = (TypeElement) ((DeclaredType) superclass).asElement();
        return element.getQualifiedName().contentEquals("java.lang.Object") ? null : element;
    }
}
