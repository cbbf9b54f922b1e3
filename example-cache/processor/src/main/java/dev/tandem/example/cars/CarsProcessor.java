package dev.tandem.example.cars;

import dev.tandem.cache.CacheKey;
import dev.tandem.cache.ProcessorCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/** Reads each @CarSpec data file, works about 5 ms, generates a class; cached per type and data file. */
@SupportedAnnotationTypes("dev.tandem.example.cars.CarSpec")
@SupportedOptions({ProcessorCache.OPTION, "cars.basedir", "cars.cache"})
public class CarsProcessor extends AbstractProcessor {
    private ProcessorCache cache;
    private Path basedir;
    private boolean cached;
    private long nanos;
    private int elements;
    private long keyNanos;
    private long cacheNanos;
    private long writeNanos;

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        cache = ProcessorCache.open(env, "dev.tandem.example.cars");
        basedir = Paths.get(env.getOptions().getOrDefault("cars.basedir", "."));
        // -Acars.cache=false: the processor as it would be without Tandem, for the benchmark
        cached = !"false".equals(env.getOptions().get("cars.cache"));
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        long start = System.nanoTime();
        for (Element element : round.getElementsAnnotatedWith(CarSpec.class)) {
            TypeElement type = (TypeElement) element;
            Path data = basedir.resolve(type.getAnnotation(CarSpec.class).value());
            String pkg = packageOf(type);
            String binary = processingEnv.getElementUtils().getBinaryName(type).toString();
            String simple = binary.substring(pkg.isEmpty() ? 0 : pkg.length() + 1).replace('$', '_') + "Info";
            long k0 = System.nanoTime();
            CacheKey key = cache.newKey().add(binary).addFile(data).build();
            keyNanos += System.nanoTime() - k0;
            long c0 = System.nanoTime();
            byte[] source = cached
                    ? cache.computeIfAbsent(key, () -> generate(pkg, simple, data))
                    : generate(pkg, simple, data);
            elements++;
            cacheNanos += System.nanoTime() - c0;
            long w0 = System.nanoTime();
            try (Writer out = processingEnv.getFiler().createSourceFile(pkg + "." + simple, type).openWriter()) {
                out.write(new String(source, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            writeNanos += System.nanoTime() - w0;
        }
        nanos += System.nanoTime() - start;
        if (round.processingOver()) {
            cache.close();
            processingEnv.getMessager().printMessage(javax.tools.Diagnostic.Kind.NOTE, "CarsProcessor: "
                    + elements + " elements in " + nanos / 1_000_000 + " ms: keys " + keyNanos / 1_000_000
                    + " ms, look-up or compute " + cacheNanos / 1_000_000 + " ms, javac's Filer " + writeNanos / 1_000_000 + " ms (cache " + (cached ? "on" : "off") + ")");
        }
        return true;
    }

    private static String packageOf(TypeElement type) {
        Element e = type;
        while (!(e instanceof PackageElement)) {
            e = e.getEnclosingElement();
        }
        return ((PackageElement) e).getQualifiedName().toString();
    }

    private static byte[] generate(String pkg, String simple, Path data) {
        List<String> lines;
        try {
            lines = Files.readAllLines(data, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + data, e);
        }
        String make = lines.isEmpty() ? "" : lines.get(0).trim();
        busyFor(5_000_000L, make);
        String source = "package " + pkg + ";\n\n"
                + "public final class " + simple + " {\n"
                + "    public static final String MAKE = \"" + make.replace("\"", "'") + "\";\n"
                + "    private " + simple + "() {}\n"
                + "}\n";
        return source.getBytes(StandardCharsets.UTF_8);
    }

    /** About 5 ms of CPU work, like parsing and validating a schema. */
    private static void busyFor(long nanos, String seed) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] state = seed.getBytes(StandardCharsets.UTF_8);
            long end = System.nanoTime() + nanos;
            while (System.nanoTime() < end) {
                state = sha.digest(state);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
