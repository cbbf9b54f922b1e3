package dev.tandem.it.describe;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;

/**
 * Lists a type's fields, its superclasses' fields and its fields' types' fields (two hops), and the fields of the
 * settings type it looks up by name; warns on a field named "legacy".
 */
@SupportedAnnotationTypes("dev.tandem.it.describe.Describe")
@SupportedOptions("describe.prefix")
public class DescribeProcessor extends AbstractProcessor {
    private static final String VERSION = "v1";

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (Element element : round.getElementsAnnotatedWith(Describe.class)) {
            TypeElement type = (TypeElement) element;
            List<String> seen = new ArrayList<>();
            fields(type, seen, 3);
            TypeElement settings = processingEnv.getElementUtils().getTypeElement("dev.tandem.it.app.Settings");
            if (settings != null) {
                fields(settings, seen, 1);
            }
            for (Element member : type.getEnclosedElements()) {
                if (member.getKind() == ElementKind.FIELD && member.getSimpleName().contentEquals("legacy")) {
                    processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING, "legacy field", member);
                }
            }
            String prefix = processingEnv.getOptions().getOrDefault("describe.prefix", "");
            String pkg = processingEnv.getElementUtils().getPackageOf(type).getQualifiedName().toString();
            String name = type.getSimpleName() + "Description";
            try (Writer out = processingEnv.getFiler().createSourceFile(pkg + "." + name, type).openWriter()) {
                out.write("package " + pkg + ";\n\npublic final class " + name + " {\n    public static final String"
                        + " TEXT = \"" + VERSION + prefix + " " + String.join(",", seen) + "\";\n}\n");
            } catch (IOException e) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, e.toString(), type);
            }
        }
        return false;
    }

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
