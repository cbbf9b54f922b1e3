package dev.tandem.lockstep.report;

import static dev.tandem.lockstep.Observations.dependency;
import static dev.tandem.lockstep.Observations.processorPath;
import static dev.tandem.lockstep.Observations.transitive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.lockstep.Observations;
import java.util.Arrays;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ViolationReportTest {
    private static final String NL = System.lineSeparator();

    @Test
    @DisplayName("the message lists versions, where each comes from, why, and the one fix with a shared property")
    void messageSaysWhatWhereWhyAndHowToFix() {
        Violation violation = new Violation(
                Arrays.asList(
                        dependency("org.mapstruct:mapstruct:1.6.3"),
                        processorPath("org.mapstruct:mapstruct-processor:1.5.5.Final")),
                Collections.singletonList("built-in group \"MapStruct\""));

        String message = ViolationReport.format(Collections.singletonList(violation));

        assertThat(message)
                .isEqualTo("Lockstep: org.mapstruct:mapstruct, org.mapstruct:mapstruct-processor must be used at"
                        + " one version, but 2 are: 1.5.5.Final, 1.6.3." + NL
                        + "  Why: built-in group \"MapStruct\"." + NL
                        + "  Found:" + NL
                        + "    1.6.3        org.mapstruct:mapstruct            direct dependency (compile)" + NL
                        + "    1.5.5.Final  org.mapstruct:mapstruct-processor  " + Observations.PATHS + NL
                        + "  Fix: use 1.6.3 (the highest found) for all of them. Declare it once," + NL
                        + "         <properties><mapstruct.version>1.6.3</mapstruct.version></properties>" + NL
                        + "       and write <version>${mapstruct.version}</version> for org.mapstruct:mapstruct in"
                        + " <dependencies> and org.mapstruct:mapstruct-processor in " + Observations.PATHS + ".");
    }

    @Test
    @DisplayName("a transitive version is explained: it follows the artifact that brings it in")
    void transitiveVersionsAreExplained() {
        Violation violation = new Violation(
                Arrays.asList(
                        dependency("com.google.dagger:dagger:2.51"),
                        transitive(
                                "com.google.dagger:dagger:2.51.1",
                                "paths, via com.google.dagger:dagger-compiler:2.51.1")),
                Collections.singletonList("Dagger"));

        String message = ViolationReport.format(Collections.singletonList(violation));

        assertThat(message)
                .contains("via com.google.dagger:dagger-compiler:2.51.1")
                .contains("use 2.51.1 (the highest found)")
                .contains("<dagger.version>2.51.1</dagger.version>")
                .contains("follows the artifact that brings it in");
    }

    @Test
    void severalViolationsAreNumbered() {
        Violation one = new Violation(
                Arrays.asList(dependency("a:a:1"), dependency("a:b:2")), Collections.singletonList("one"));
        Violation two = new Violation(
                Arrays.asList(dependency("c:c:1"), dependency("c:d:2")), Collections.singletonList("two"));

        String message = ViolationReport.format(Arrays.asList(one, two));

        assertThat(message).contains("Lockstep (1 of 2): a:a, a:b").contains("Lockstep (2 of 2): c:c, c:d");
    }

    @Test
    @DisplayName("the highest version is chosen by Maven's version order, not by text")
    void highestUsesMavenVersionOrder() {
        Set<String> versions = new TreeSet<>(Arrays.asList("1.9.0", "1.10.0", "1.10.0-beta1"));

        assertThat(ViolationReport.highest(versions)).isEqualTo("1.10.0");
    }
}
