package dev.tandem.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The processor-facing API is {@code dev.tandem.cache} alone: a processor author who reads its public classes never
 * meets a type of {@code dev.tandem.cache.internal}, which may change in any release.
 */
class ApiBoundaryTest {

    private static final String INTERNAL = "dev.tandem.cache.internal.";

    @Test
    @DisplayName("the public classes of dev.tandem.cache are the documented four")
    void publicSurface() throws Exception {
        assertThat(publicApiClasses())
                .extracting(Class::getName)
                .containsExactlyInAnyOrder(
                        "dev.tandem.cache.CacheKey",
                        "dev.tandem.cache.CacheKey$Builder",
                        "dev.tandem.cache.Inputs",
                        "dev.tandem.cache.ProcessorCache");
    }

    @Test
    @DisplayName("no public or protected member of the API names an internal type")
    void noInternalTypeLeaks() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> api : publicApiClasses()) {
            check(api, api.getGenericSuperclass(), "superclass", leaks);
            for (Type t : api.getGenericInterfaces()) check(api, t, "interface", leaks);
            for (Field f : api.getDeclaredFields()) {
                if (visible(f)) check(api, f.getGenericType(), f.getName(), leaks);
            }
            List<Executable> executables = new ArrayList<>(List.of(api.getDeclaredMethods()));
            executables.addAll(List.of(api.getDeclaredConstructors()));
            for (Executable e : executables) {
                if (!visible(e)) continue;
                if (e instanceof Method) check(api, ((Method) e).getGenericReturnType(), e.getName(), leaks);
                for (Type t : e.getGenericParameterTypes()) check(api, t, e.getName(), leaks);
                for (Type t : e.getGenericExceptionTypes()) check(api, t, e.getName(), leaks);
            }
        }
        assertThat(leaks).as("internal types in the public API").isEmpty();
    }

    @Test
    @DisplayName("the check sees an internal type where one is named")
    void checkFindsALeak() throws Exception {
        List<String> leaks = new ArrayList<>();
        check(ProcessorCache.class, Class.forName(INTERNAL + "ConsumerId"), "example", leaks);
        assertThat(leaks).hasSize(1);
    }

    private static boolean visible(Member m) {
        return Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers());
    }

    private static void check(Class<?> api, Type type, String where, List<String> leaks) {
        if (type != null && type.getTypeName().contains(INTERNAL)) {
            leaks.add(api.getSimpleName() + "." + where + ": " + type.getTypeName());
        }
    }

    /** Every public top-level or nested class compiled into the API package (not its sub-packages). */
    private static List<Class<?>> publicApiClasses() throws Exception {
        Path folder = Paths.get(ProcessorCache.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .resolve("dev/tandem/cache");
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.equals("package-info.class"))
                    .forEach(n -> names.add("dev.tandem.cache." + n.substring(0, n.length() - ".class".length())));
        }
        List<Class<?>> result = new ArrayList<>();
        for (String name : names) {
            Class<?> c = Class.forName(name, false, ProcessorCache.class.getClassLoader());
            boolean reachable = Modifier.isPublic(c.getModifiers())
                    && (c.getEnclosingClass() == null
                            || Modifier.isPublic(c.getEnclosingClass().getModifiers()));
            if (reachable && !c.isAnonymousClass()) result.add(c);
        }
        return result;
    }
}
