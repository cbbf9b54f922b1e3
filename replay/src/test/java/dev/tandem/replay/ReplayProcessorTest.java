package dev.tandem.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.replay.testing.GreeterProcessor;
import dev.tandem.replay.testing.IndexProcessor;
import dev.tandem.replay.testing.StrayProcessor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.annotation.processing.Processor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay in real javac: each test drives one project through edits, compiling it with ReplayProcessor and,
 * from scratch, with the processors alone, and checks that the output and warnings are the same and that exactly
 * the elements whose inputs changed ran.
 */
class ReplayProcessorTest {
    @TempDir
    Path project;

    @TempDir
    Path plain;

    @BeforeEach
    void clear() {
        GreeterProcessor.PROCESSED.clear();
        IndexProcessor.PROCESSED.clear();
        StrayProcessor.PROCESSED.clear();
    }

    private void write(String relative, String content) {
        Javac.write(project, relative, content);
        Javac.write(plain, relative, content);
    }

    private void delete(String relative) throws Exception {
        java.nio.file.Files.delete(project.resolve("src").resolve(relative));
        java.nio.file.Files.delete(plain.resolve("src").resolve(relative));
    }

    /**
     * Compiles with replay, then from scratch with the processors alone (without Tandem's options), asserts both
     * agree, and leaves in the processors' lists what they were handed in the replay compile.
     */
    private Javac.Result compile(String... options) {
        List<List<String>> lists =
                List.of(GreeterProcessor.PROCESSED, IndexProcessor.PROCESSED, StrayProcessor.PROCESSED);
        lists.forEach(List::clear);
        Javac.Result replayed = Javac.compile(project, List.of(new ReplayProcessor()), options);
        List<List<String>> handed = new ArrayList<>();
        lists.forEach(list -> handed.add(new ArrayList<>(list)));
        List<Processor> alone = List.of(new GreeterProcessor(), new IndexProcessor(), new StrayProcessor());
        String[] withoutTandem =
                Arrays.stream(options).filter(o -> !o.startsWith("-Atandem.")).toArray(String[]::new);
        Javac.Result without = Javac.compile(plain, alone, withoutTandem);
        assertThat(replayed.success).isEqualTo(without.success);
        assertThat(replayed.outputs).isEqualTo(without.outputs);
        assertThat(replayed.diagnostics).isEqualTo(without.diagnostics);
        for (int i = 0; i < lists.size(); i++) {
            lists.get(i).clear();
            lists.get(i).addAll(handed.get(i));
        }
        return replayed;
    }

    private void threeGreetedTypes() {
        write("a/Base.java", "package a; public class Base { int id; }");
        write("a/Engine.java", "package a; public class Engine { int power; Part part; }");
        write("a/Part.java", "package a; public class Part { int serial; }");
        write(
                "a/Car.java",
                "package a; @dev.tandem.replay.testing.Greet public class Car extends Base { Engine engine; int bad; }");
        write("a/Bike.java", "package a; @dev.tandem.replay.testing.Greet public class Bike { int wheels; }");
        write(
                "a/Boat.java",
                "package a; @dev.tandem.replay.testing.Greet(lookup = \"a.Harbour\") public class Boat { int hull; }");
        write("a/Harbour.java", "package a; public class Harbour { int berths; }");
        write("a/Unrelated.java", "package a; public class Unrelated { int x; }");
    }

    @Test
    void replaysUnchangedElementsWithTheSameOutputAndWarnings() {
        threeGreetedTypes();
        Javac.Result first = compile();
        assertThat(GreeterProcessor.PROCESSED).containsExactlyInAnyOrder("a.Car", "a.Bike", "a.Boat");
        assertThat(first.summary()).isEqualTo("Tandem replay: GreeterProcessor 0 replayed, 3 run");
        assertThat(first.diagnostics).containsExactly("WARNING Car.java:1:96 bad field name");

        write("a/Unrelated.java", "package a; public class Unrelated { int y; }");
        Javac.Result second = compile();
        assertThat(GreeterProcessor.PROCESSED).isEmpty();
        assertThat(second.summary()).isEqualTo("Tandem replay: GreeterProcessor 3 replayed, 0 run");
        assertThat(second.diagnostics).containsExactly("WARNING Car.java:1:96 bad field name");
        assertThat(second.outputs.get("a/CarGreeter.java")).contains("Hello Car.engine,Engine.power,Engine.part");
    }

    @Test
    void aChangedSupertypeRerunsOnlyItsSubtypes() {
        threeGreetedTypes();
        compile();
        write("a/Base.java", "package a; public class Base { long id; int version; }");
        compile();
        assertThat(GreeterProcessor.PROCESSED).containsExactly("a.Car");
    }

    @Test
    void aTypeTwoHopsAwayReruns() {
        threeGreetedTypes();
        compile();
        write("a/Part.java", "package a; public class Part { int serial; String maker; }");
        Javac.Result result = compile();
        assertThat(GreeterProcessor.PROCESSED).containsExactly("a.Car");
        assertThat(result.outputs.get("a/CarGreeter.java")).contains("Part.maker");
    }

    @Test
    void aTypeLookedUpByNameRerunsTheProcessor() {
        threeGreetedTypes();
        compile();
        write("a/Harbour.java", "package a; public class Harbour { int berths; int cranes; }");
        Javac.Result result = compile();
        // look-ups are recorded per processor and compilation, not per element: every element of it reruns
        assertThat(GreeterProcessor.PROCESSED).containsExactlyInAnyOrder("a.Car", "a.Bike", "a.Boat");
        assertThat(result.outputs.get("a/BoatGreeter.java")).contains("Harbour.cranes");
        compile();
        assertThat(GreeterProcessor.PROCESSED).isEmpty();
    }

    @Test
    void aTypeLookedUpByNameThatAppearsReruns() throws Exception {
        threeGreetedTypes();
        delete("a/Harbour.java");
        compile();
        write("a/Harbour.java", "package a; public class Harbour { int quays; }");
        Javac.Result result = compile();
        assertThat(GreeterProcessor.PROCESSED).containsExactlyInAnyOrder("a.Car", "a.Bike", "a.Boat");
        assertThat(result.outputs.get("a/BoatGreeter.java")).contains("Harbour.quays");
    }

    @Test
    void aChangedOptionRerunsEverything() {
        threeGreetedTypes();
        compile("-Agreeting=Hello");
        compile("-Agreeting=Hello");
        assertThat(GreeterProcessor.PROCESSED).isEmpty();
        Javac.Result result = compile("-Agreeting=Ahoy");
        assertThat(GreeterProcessor.PROCESSED).containsExactlyInAnyOrder("a.Car", "a.Bike", "a.Boat");
        assertThat(result.outputs.get("a/BoatGreeter.java")).contains("Ahoy");
    }

    @Test
    void aDeletedAnnotatedTypeLeavesNoOutput() throws Exception {
        threeGreetedTypes();
        compile();
        delete("a/Bike.java");
        Javac.Result result = compile();
        assertThat(result.outputs).doesNotContainKey("a/BikeGreeter.java");
        assertThat(result.summary()).isEqualTo("Tandem replay: GreeterProcessor 2 replayed, 0 run");
    }

    @Test
    void aggregatingProcessorsAndContractBreakersRunEveryTime() {
        threeGreetedTypes();
        write("a/Listed.java", "package a; @dev.tandem.replay.testing.Index public class Listed {}");
        write("a/Strayed.java", "package a; @dev.tandem.replay.testing.Stray public class Strayed {}");
        compile();
        IndexProcessor.PROCESSED.clear();
        StrayProcessor.PROCESSED.clear();
        Javac.Result second = compile();
        assertThat(IndexProcessor.PROCESSED).containsExactly("a.Listed");
        assertThat(StrayProcessor.PROCESSED).containsExactly("a.Strayed");
        assertThat(second.outputs).containsKeys("META-INF/index.txt", "META-INF/stray.txt");
        assertThat(second.summary())
                .isEqualTo("Tandem replay: GreeterProcessor 3 replayed, 0 run; IndexProcessor (aggregating) ran;"
                        + " StrayProcessor 0 replayed, 1 run");
    }

    @Test
    void skipRunsEveryProcessorAsWithoutTandem() {
        threeGreetedTypes();
        compile();
        Javac.Result skipped = compile("-Atandem.replay.skip=true");
        assertThat(GreeterProcessor.PROCESSED).containsExactlyInAnyOrder("a.Car", "a.Bike", "a.Boat");
        assertThat(skipped.summary()).isEqualTo("Tandem replay: GreeterProcessor (-Atandem.replay.skip=true) ran");
    }

    @Test
    void anErrorOfTheProcessorStoresNothingOfItsCompilation() {
        threeGreetedTypes();
        write("a/Bike.java", "package a; @dev.tandem.replay.testing.Greet public class Bike { int fatal; }");
        Javac.Result broken = compile();
        assertThat(broken.diagnostics).contains("ERROR Bike.java:1:69 fatal field name");
        assertThat(broken.success).isFalse();
        write("a/Bike.java", "package a; @dev.tandem.replay.testing.Greet public class Bike { int wheels; }");
        compile();
        assertThat(GreeterProcessor.PROCESSED).containsExactlyInAnyOrder("a.Car", "a.Bike", "a.Boat");
    }

    @Test
    void anErrorOfJavacAfterProcessingKeepsWhatTheProcessorsProduced() {
        threeGreetedTypes();
        write("a/Broken.java", "package a; public class Broken { void m() { undefined(); } }");
        assertThat(compile().success).isFalse();
        compile();
        assertThat(GreeterProcessor.PROCESSED).isEmpty(); // their inputs are what they were
    }

    @Test
    void withoutACacheOptionTheCacheIsNextToTheClassOutputAsInAnIde() {
        threeGreetedTypes();
        Javac.Result first = Javac.compile(project, List.of(new ReplayProcessor()), false);
        assertThat(first.success).isTrue();
        assertThat(project.resolve("tandem/consumers/replay-dev.tandem.replay.testing.GreeterProcessor"))
                .isDirectory();
        GreeterProcessor.PROCESSED.clear();
        Javac.Result second = Javac.compile(
                project, List.of(new ReplayProcessor()), false, "-Atandem.cacheDirectory=${tandem.cacheDirectory}");
        assertThat(GreeterProcessor.PROCESSED).isEmpty(); // an unresolved Maven property is no directory: same place
        assertThat(second.outputs).isEqualTo(first.outputs);
    }

    @Test
    void aCacheThatCannotBeCreatedRunsEveryProcessorAndFailsNothing() throws Exception {
        threeGreetedTypes();
        java.nio.file.Files.write(project.resolve("blocked"), new byte[] {1}); // a file where the cache would go
        Javac.Result result = compile("-Atandem.cacheDirectory=" + project.resolve("blocked/tandem"));
        assertThat(result.success).isTrue();
        assertThat(GreeterProcessor.PROCESSED).containsExactlyInAnyOrder("a.Car", "a.Bike", "a.Boat");
        assertThat(result.summary()).isEqualTo("Tandem replay: GreeterProcessor (no cache directory) ran");
    }

    @Test
    void aDamagedCacheIsAMissWithTheSameOutput() throws Exception {
        threeGreetedTypes();
        compile();
        Path pack = project.resolve("tandem/consumers/replay-dev.tandem.replay.testing.GreeterProcessor/entries.pack");
        byte[] bytes = java.nio.file.Files.readAllBytes(pack);
        for (int i = 64; i < bytes.length; i += 97) {
            bytes[i] ^= 0x5a;
        }
        java.nio.file.Files.write(pack, bytes);
        Javac.Result result = compile(); // compares with the processors alone
        assertThat(result.success).isTrue();
        assertThat(GreeterProcessor.PROCESSED).isNotEmpty();
        assertThat(String.join("\n", result.notes)).doesNotContain("Exception");
    }
}
