package dev.tandem.replay.testing;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.StandardLocation;

/**
 * Declares itself isolating but writes a file listing every {@code @Stray} type with no originating element, as
 * an aggregating processor would: replaying it per element would lose names, so it must run every time.
 */
@SupportedAnnotationTypes("dev.tandem.replay.testing.Stray")
public class StrayProcessor extends AbstractProcessor {
    public static final List<String> PROCESSED = new CopyOnWriteArrayList<>();

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        StringBuilder names = new StringBuilder();
        for (Element element : round.getElementsAnnotatedWith(Stray.class)) {
            names.append(element).append('\n');
            PROCESSED.add(element.toString());
        }
        if (names.length() > 0) {
            try (Writer out = processingEnv
                    .getFiler()
                    .createResource(StandardLocation.CLASS_OUTPUT, "", "META-INF/stray.txt")
                    .openWriter()) {
                out.write(names.toString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return false;
    }
}
