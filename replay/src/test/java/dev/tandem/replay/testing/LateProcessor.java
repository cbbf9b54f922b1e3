package dev.tandem.replay.testing;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/** Lombok's part in {@link DeferringProcessor}'s story: its {@code init} is what makes types complete. */
@SupportedAnnotationTypes("dev.tandem.replay.testing.Deferred")
public class LateProcessor extends AbstractProcessor {
    public static final AtomicInteger INITS = new AtomicInteger();

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        INITS.incrementAndGet();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        return false;
    }
}
