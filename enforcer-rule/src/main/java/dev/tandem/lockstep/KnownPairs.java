package dev.tandem.lockstep;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The built-in catalogue of libraries and processors released in lockstep, read from {@code known-pairs.txt} next
 * to this class: one group a line, {@code Name = member, member, ...}.
 */
final class KnownPairs {
    static final String RESOURCE = "known-pairs.txt";

    private static final List<LockstepGroup> CATALOGUE = load();

    private KnownPairs() {}

    /** The catalogue's groups; loaded once per class loader. */
    static List<LockstepGroup> groups() {
        return CATALOGUE;
    }

    private static List<LockstepGroup> load() {
        try (InputStream in = KnownPairs.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("tandem-enforcer-rules is missing its resource " + RESOURCE);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lockstep catalogue " + RESOURCE, e);
        }
    }

    static List<LockstepGroup> parse(BufferedReader reader) throws IOException {
        List<LockstepGroup> groups = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            String text = line.trim();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            int equals = text.indexOf('=');
            if (equals <= 0) {
                throw new IllegalStateException(RESOURCE + " line " + number + ": expected 'Name = g:a, g:a'");
            }
            String name = text.substring(0, equals).trim();
            String members = text.substring(equals + 1);
            String reason = LockstepGroup.isRelation(members)
                    ? "built-in group \"" + name + "\": generated code runs on a runtime of the same major version"
                            + " at least as new as its generator; the artifacts of each side are released together"
                    : "built-in group \"" + name + "\": these artifacts are released together and work only at the"
                            + " same version";
            try {
                groups.add(LockstepGroup.parse(members, reason, RESOURCE + " line " + number));
            } catch (LockstepConfigurationException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return Collections.unmodifiableList(groups);
    }
}
