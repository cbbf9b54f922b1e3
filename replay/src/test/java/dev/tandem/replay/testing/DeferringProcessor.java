package dev.tandem.replay.testing;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * MapStruct's behaviour with Lombok, in small: a type counts as complete only once {@link LateProcessor}, after it on
 * the path, has been initialised (lombok-mapstruct-binding reads the flag Lombok's {@code init} sets). Until then it
 * defers each type it is handed, keeps its name, and fetches it again by name in a later call; at the last round a
 * type never completed is an error, as in MapStruct.
 */
@SupportedAnnotationTypes("dev.tandem.replay.testing.Deferred")
public class DeferringProcessor extends AbstractProcessor {
    /** The types it deferred at least once, across compilations of a test. */
    public static final List<String> DEFERRED = new CopyOnWriteArrayList<>();
    /** The types it wrote output for. */
    public static final List<String> PROCESSED = new CopyOnWriteArrayList<>();

    private int lateInitsAtMyInit;
    private final Set<String> deferred = new LinkedHashSet<>();

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        lateInitsAtMyInit = LateProcessor.INITS.get();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        List<TypeElement> types = new ArrayList<>();
        for (String name : deferred) {
            types.add(processingEnv.getElementUtils().getTypeElement(name));
        }
        deferred.clear();
        for (Element element : round.getElementsAnnotatedWith(Deferred.class)) {
            types.add((TypeElement) element);
        }
        boolean complete = LateProcessor.INITS.get() > lateInitsAtMyInit;
        for (TypeElement type : types) {
            String name = type.getQualifiedName().toString();
            if (!complete) {
                deferred.add(name);
                DEFERRED.add(name);
                continue;
            }
            PROCESSED.add(name);
            StringBuilder fields = new StringBuilder();
            for (Element member : type.getEnclosedElements()) {
                if (member.getKind() == ElementKind.FIELD) {
                    fields.append(member.getSimpleName()).append(' ');
                }
            }
            String simple = type.getSimpleName() + "Fields";
            String pkg = processingEnv
                    .getElementUtils()
                    .getPackageOf(type)
                    .getQualifiedName()
                    .toString();
            try (Writer out = processingEnv
                    .getFiler()
                    .createSourceFile(pkg + "." + simple, type)
                    .openWriter()) {
                out.write("package " + pkg + ";\n\nclass " + simple + " {\n    static final String FIELDS = \""
                        + fields.toString().trim() + "\";\n}\n");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        if (round.processingOver() && !deferred.isEmpty()) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "never complete: " + deferred);
        }
        return false;
    }
}
