package dev.tandem.replay;

import dev.tandem.cache.ProcessorCache;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Runs the annotation processors of the processor path as javac would, and replays the recorded output of
 * isolating ones for elements whose inputs did not change. Enable it alone in {@code <annotationProcessors>}, with
 * {@code tandem-replay} first in {@code <annotationProcessorPaths>}:
 *
 * <pre>{@code
 * <annotationProcessors>
 *   <annotationProcessor>dev.tandem.replay.ReplayProcessor</annotationProcessor>
 * </annotationProcessors>
 * }</pre>
 *
 * <p>Options: {@code -Atandem.replay.skip=true} (or the system property {@code tandem.replay.skip}, in-process;
 * {@code tandem.skip} turns all of Tandem off) runs every processor as if Tandem were absent; {@code
 * -Atandem.replay.debug=true} says, per element, why it was not replayed; {@code -Atandem.cacheDirectory} names the
 * cache (by default {@code target/tandem}, next to the class output). Replay changes how long a compile takes, never
 * what it produces: when in doubt, it runs the processor.
 */
public final class ReplayProcessor implements Processor {
    static final String SKIP = "tandem.replay.skip";
    static final String SKIP_ALL = "tandem.skip";
    static final String DEBUG = "tandem.replay.debug";

    private ProcessingEnvironment env;
    private Rounds rounds;

    @Override
    public void init(ProcessingEnvironment processingEnv) {
        this.env = processingEnv;
        Map<String, String> options = processingEnv.getOptions();
        ClassLoader loader = ReplayProcessor.class.getClassLoader();
        Compilation compilation = new Compilation(
                processingEnv,
                Boolean.parseBoolean(options.get(DEBUG)),
                skipSwitch(options),
                Discovery.namesLombok(loader));
        rounds = new Rounds(compilation, new Discovery(compilation, loader));
    }

    /** The switch that turns replay off, as the user typed it; null when none is on. */
    static String skipSwitch(Map<String, String> options) {
        for (String name : new String[] {SKIP_ALL, SKIP}) {
            if (Boolean.parseBoolean(options.get(name))) {
                return "-A" + name + "=true";
            }
            String property = System.getProperty(name);
            if (property != null && !property.trim().equalsIgnoreCase("false")) {
                return "-D" + name;
            }
        }
        return null;
    }

    /** Tandem's own options, and every option given: javac must not warn of an option a processor reads later. */
    @Override
    public Set<String> getSupportedOptions() {
        Set<String> options = new LinkedHashSet<>(ownOptions());
        if (env != null) {
            options.addAll(env.getOptions().keySet());
        }
        return options;
    }

    static List<String> ownOptions() {
        return List.of(ProcessorCache.OPTION, SKIP, SKIP_ALL, DEBUG);
    }

    /** Every annotation: the processors it runs are initialised one by one, as javac reaches them. */
    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Collections.singleton("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported(); // each processor's own version is checked when it is initialised
    }

    @Override
    public Iterable<? extends Completion> getCompletions(
            Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
        List<Completion> completions = new ArrayList<>();
        if (rounds != null) {
            for (Delegate delegate : rounds.discovered()) {
                for (Completion completion : delegate.processor.getCompletions(element, annotation, member, userText)) {
                    completions.add(completion);
                }
            }
        }
        return completions;
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (rounds != null) {
            rounds.process(annotations, round);
        }
        return false;
    }
}
