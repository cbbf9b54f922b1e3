package dev.tandem.cache.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cache.CacheKey;
import dev.tandem.cache.ProcessorCache;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostileKeysTest {
    @TempDir
    Path project;

    @Test
    @DisplayName("keys made of path tricks, NUL, control characters, 10 KB and look-alikes are only ever hashed")
    void hostileKeysStayKeys() throws Exception {
        StringBuilder tenKb = new StringBuilder();
        while (tenKb.length() < 10_240) {
            tenKb.append("../");
        }
        List<String> parts = Arrays.asList(
                "..",
                "../../etc/passwd",
                "/",
                "\\",
                "a\\..\\..\\b",
                "\0",
                "nul\0in\0the\0middle",
                "\u0001\u001b[2J",
                "\u0430cme",
                "acme",
                tenKb.toString(),
                "",
                "consumers/other/entries.pack");
        Path root = project.resolve("target/tandem");
        Set<Path> before = everything(project);
        List<String> warnings = new ArrayList<>();
        try (ProcessorCache cache = ProcessorCache.open(root, "hostile", "1", warnings::add)) {
            for (int i = 0; i < parts.size(); i++) {
                String part = parts.get(i);
                cache.put(cache.newKey().add(part).build(), part.getBytes(StandardCharsets.UTF_8));
            }
        }
        try (ProcessorCache cache = ProcessorCache.open(root, "hostile", "1", warnings::add)) {
            for (String part : parts) {
                CacheKey key = cache.newKey().add(part).build();
                assertThat(cache.get(key))
                        .as(part.length() > 40 ? "10 KB key" : part)
                        .hasValueSatisfying(v -> assertThat(v).isEqualTo(part.getBytes(StandardCharsets.UTF_8)));
            }
            // "acme" and its Cyrillic look-alike are different keys
            assertThat(cache.newKey().add("\u0430cme").build())
                    .isNotEqualTo(cache.newKey().add("acme").build());
        }
        Set<Path> after = everything(project);
        after.removeAll(before);
        Path consumer = root.resolve("consumers/hostile");
        assertThat(after)
                .as("everything created lies in the consumer's directory (or is the cache root on the way to it)")
                .allSatisfy(p -> assertThat(p.startsWith(consumer) || consumer.startsWith(p))
                        .isTrue());
        assertThat(warnings).isEmpty();
        System.out.printf(
                "hostile keys: %d keys tried, 0 lost, nothing created outside the consumer directory%n", parts.size());
    }

    private static Set<Path> everything(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
