package dev.tandem.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tandem.lockstep.companion.CompanionBadInputs;
import dev.tandem.lockstep.source.SourceBadInputs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed and hostile inputs the rule meets in real builds, each through the classes that read it: every one
 * must end in one line that names the coordinate (or the configured text) and says what to do, never in a stack
 * trace or a bare exception name.
 */
class BadInputCatalogueTest {
    private static final List<String> TRIED = new ArrayList<>();

    @TempDir
    Path repository;

    @TestFactory
    @DisplayName("each bad input gives one line naming the coordinate and the fix")
    List<DynamicTest> badInputs() {
        Map<String, BadInput> cases = new LinkedHashMap<>();
        // processor paths and other declared artifacts
        cases.putAll(SourceBadInputs.cases());
        // published companions, read from dependency POMs
        cases.putAll(CompanionBadInputs.cases(repository));
        // the rule's own configuration
        cases.put(
                "<group> member without artifactId",
                new BadInput(
                        () -> LockstepGroup.parse("org.mapstruct", "r", "<groups> entry 1"),
                        "'org.mapstruct'",
                        "Write e.g."));
        cases.put(
                "<group> member with a version",
                new BadInput(
                        () -> LockstepGroup.parse("org.mapstruct:mapstruct:1.6.3", "r", "<groups> entry 1"),
                        "'org.mapstruct:mapstruct:1.6.3'",
                        "Write e.g."));
        cases.put(
                "<group> member with a wildcard groupId",
                new BadInput(
                        () -> LockstepGroup.parse("*:mapstruct", "r", "<groups> entry 1"),
                        "'*:mapstruct'",
                        "Write e.g."));
        cases.put(
                "empty <group>",
                new BadInput(
                        () -> LockstepGroup.parse(" ", "r", "<groups> entry 2"), "<groups> entry 2", "e.g. <group>"));

        List<DynamicTest> tests = new ArrayList<>();
        cases.forEach((what, spec) -> tests.add(DynamicTest.dynamicTest(what, () -> {
            Throwable thrown = catchThrowable(spec.call::call);
            assertThat(thrown)
                    .as(what)
                    .isInstanceOfAny(LockstepInputException.class, LockstepConfigurationException.class);
            String message = thrown.getMessage();
            assertThat(message).as(what).doesNotContain("\n").doesNotContain("\tat ");
            assertThat(message)
                    .as(what)
                    .startsWith("lockstep: ")
                    .contains(spec.coordinate)
                    .contains(spec.fix);
            assertThat(message).as(what).doesNotContainPattern("\\b[A-Za-z]+Exception\\b");
            TRIED.add(what);
        })));
        return tests;
    }

    @AfterAll
    static void report() {
        System.out.printf(
                "rule bad inputs: %d situations, each one line naming the coordinate and the fix, 0 stack"
                        + " traces%n",
                TRIED.size());
    }
}
