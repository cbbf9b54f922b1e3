package dev.tandem.lockstep.companion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A local repository of POM files written by a test. */
public final class FakePoms implements PomLocator {
    private final Path directory;
    private final Map<String, Path> poms = new HashMap<>();
    final AtomicInteger lookups = new AtomicInteger();

    FakePoms(Path directory) {
        this.directory = directory;
    }

    FakePoms add(String coordinates, String xml) {
        Path file = directory.resolve(coordinates.replace(':', '_') + ".pom");
        try {
            Files.write(file, xml.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        poms.put(coordinates, file);
        return this;
    }

    @Override
    public Optional<Path> pom(String groupId, String artifactId, String version) {
        lookups.incrementAndGet();
        return Optional.ofNullable(poms.get(groupId + ":" + artifactId + ":" + version));
    }

    /** A POM of org.foo:foo with the given parent, properties and lockstep profile dependencies. */
    public static String fooPom(String parent, String properties, String companions) {
        return "<project><modelVersion>4.0.0</modelVersion>" + parent
                + "<groupId>org.foo</groupId><artifactId>foo</artifactId>"
                + "<properties>" + properties + "</properties>"
                + "<profiles><profile><id>lockstep</id><activation><jdk>(,1)</jdk></activation>"
                + "<dependencies>" + companions + "</dependencies></profile></profiles></project>";
    }

    public static String companion(String groupId, String artifactId, String version) {
        return "<dependency>" + (groupId == null ? "" : "<groupId>" + groupId + "</groupId>")
                + "<artifactId>" + artifactId + "</artifactId>"
                + (version == null ? "" : "<version>" + version + "</version>")
                + "<scope>provided</scope><optional>true</optional></dependency>";
    }
}
