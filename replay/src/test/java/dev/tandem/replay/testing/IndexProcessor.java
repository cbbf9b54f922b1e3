package dev.tandem.replay.testing;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.StandardLocation;

/** An aggregating processor: one resource listing every {@code @Index} type, written at the last round. */
@SupportedAnnotationTypes("dev.tandem.replay.testing.Index")
public class IndexProcessor extends AbstractProcessor {
    public static final List<String> PROCESSED = new CopyOnWriteArrayList<>();
    private final Set<String> names = new TreeSet<>();

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (Element element : round.getElementsAnnotatedWith(Index.class)) {
            names.add(element.toString());
            PROCESSED.add(element.toString());
        }
        if (round.processingOver() && !names.isEmpty()) {
            try (Writer out = processingEnv
                    .getFiler()
                    .createResource(StandardLocation.CLASS_OUTPUT, "", "META-INF/index.txt")
                    .openWriter()) {
                out.write(String.join("\n", names));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return false;
    }
}
