package dev.tandem.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.replay.testing.DeferringProcessor;
import dev.tandem.replay.testing.GreeterProcessor;
import dev.tandem.replay.testing.IndexProcessor;
import dev.tandem.replay.testing.StrayProcessor;
import java.nio.file.Path;
import java.time.Duration;
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
        DeferringProcessor.PROCESSED.clear();
        DeferringProcessor.DEFERRED.clear();
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
        List<List<String>> lists = List.of(
                GreeterProcessor.PROCESSED,
                IndexProcessor.PROCESSED,
                StrayProcessor.PROCESSED,
                DeferringProcessor.PROCESSED,
                DeferringProcessor.DEFERRED);
        lists.forEach(List::clear);
        Javac.Result replayed = Javac.compile(project, List.of(new ReplayProcessor()), options);
        List<List<String>> handed = new ArrayList<>();
        lists.forEach(list -> handed.add(new ArrayList<>(list)));
        List<Processor> alone = alone();
        String[] withoutTandem =
                Arrays.stream(options).filter(o -> !o.startsWith("-Atandem.")).toArray(String[]::new);
        Javac.Result without = Javac.compile(plain, alone, withoutTandem);
        assertThat(replayed.success).isEqualTo(without.success);
        assertThat(replayed.outputs).isEqualTo(without.outputs);
        assertThat(withoutLastRoundWarnings(replayed.diagnostics))
                .isEqualTo(withoutLastRoundWarnings(without.diagnostics));
        for (int i = 0; i < lists.size(); i++) {
            lists.get(i).clear();
            lists.get(i).addAll(handed.get(i));
        }
        return replayed;
    }

    private void ageOutputs(Duration age) throws Exception {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(project)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                java.nio.file.Files.setLastModifiedTime(
                        file,
                        java.nio.file.attribute.FileTime.fromMillis(
                                java.nio.file.Files.getLastModifiedTime(file).toMillis() - age.toMillis()));
            }
        }
    }

    /** The processors of the test path, as javac alone would run them. */
    private static List<Processor> alone() {
        return List.of(
                new GreeterProcessor(),
                new IndexProcessor(),
                new StrayProcessor(),
                new DeferringProcessor(),
                new dev.tandem.replay.testing.LateProcessor());
    }

    /**
     * javac's own warning for a file written in the last round: a replayed file is written in the round its
     * element arrives, which can be earlier than the processor would have written it.
     */
    private static List<String> withoutLastRoundWarnings(List<String> diagnostics) {
        List<String> kept = new ArrayList<>(diagnostics);
        kept.removeIf(d -> d.matches("WARNING File for type '.*' created in the last round will not be subject to"
                + " annotation processing\\."));
        return kept;
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
        assertThat(first.summary()).isEqualTo("Tandem replay: GreeterProcessor 0 replayed, 3 run (new or changed)");
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
    void aTypeLookedUpByNameRerunsOnlyTheElementThatLookedItUp() {
        threeGreetedTypes();
        compile();
        write("a/Harbour.java", "package a; public class Harbour { int berths; int cranes; }");
        Javac.Result result = compile();
        // the processor is called once per element, so its look-ups are attributed to the element it worked on
        assertThat(GreeterProcessor.PROCESSED).containsExactly("a.Boat");
        assertThat(result.summary())
                .isEqualTo("Tandem replay: GreeterProcessor 2 replayed, 1 run (a looked-up type changed)");
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
        assertThat(GreeterProcessor.PROCESSED).containsExactly("a.Boat");
        assertThat(result.outputs.get("a/BoatGreeter.java")).contains("Harbour.quays");
    }

    @Test
    void aFileReadThroughTheFilerRerunsOnlyTheElementThatReadItWhenItChanges() throws Exception {
        threeGreetedTypes();
        write(
                "a/Boat.java",
                "package a; @dev.tandem.replay.testing.Greet(resource = \"boats.txt\") public class Boat { int hull; }");
        write("a/boats.txt", "Ahoy");
        Javac.Result first = compile();
        assertThat(first.outputs.get("a/BoatGreeter.java")).contains("Ahoy Boat.hull");
        write("a/Unrelated.java", "package a; public class Unrelated { int y; }");
        compile();
        assertThat(GreeterProcessor.PROCESSED).isEmpty();
        write("a/boats.txt", "Ship ahoy");
        Javac.Result changed = compile();
        assertThat(GreeterProcessor.PROCESSED).containsExactly("a.Boat");
        assertThat(changed.outputs.get("a/BoatGreeter.java")).contains("Ship ahoy Boat.hull");
        delete("a/boats.txt");
        Javac.Result gone = compile();
        assertThat(GreeterProcessor.PROCESSED).containsExactly("a.Boat");
        assertThat(gone.outputs.get("a/BoatGreeter.java")).contains("nobody Boat.hull");
    }

    @Test
    void processorsAreInitialisedOneByOneAsJavacReachesThem() {
        // DeferringProcessor comes before LateProcessor on the path: javac calls it before it initialises
        // LateProcessor, so it defers every type in the first round (MapStruct before Lombok does the same)
        write("d/Model.java", "package d; @dev.tandem.replay.testing.Deferred public class Model { int a; }");
        write("d/Other.java", "package d; @dev.tandem.replay.testing.Deferred public class Other { int b; }");
        Javac.Result first = compile(); // compares with javac alone
        // Other's call fetches Model again (and defers it again): Model and Other are then handed on together
        assertThat(DeferringProcessor.DEFERRED).containsOnly("d.Model", "d.Other");
        assertThat(first.outputs.get("d/ModelFields.java")).contains("\"a\"");
        assertThat(first.summary())
                .isEqualTo("Tandem replay: DeferringProcessor 0 replayed, 2 run (new or changed);"
                        + " LateProcessor (not declared isolating) ran");
    }

    @Test
    void aProcessorThatCarriesWorkOverRoundsIsReplayedPerUnit() {
        for (String name : List.of("A", "B", "C", "D")) {
            write(
                    "d/" + name + ".java",
                    "package d; @dev.tandem.replay.testing.Deferred public class " + name + " { int x; }");
        }
        compile();
        write("d/B.java", "package d; @dev.tandem.replay.testing.Deferred public class B { int x; int y; }");
        Javac.Result one = compile();
        // it fetches its deferred types again by name: those look-ups are its own units, not inputs of the others
        assertThat(DeferringProcessor.PROCESSED).containsExactly("d.B");
        assertThat(one.outputs.get("d/BFields.java")).contains("x y");
        write("d/C.java", "package d; @dev.tandem.replay.testing.Deferred public class C { long x; int z; }");
        write("d/D.java", "package d; @dev.tandem.replay.testing.Deferred public class D { int w; }");
        Javac.Result two = compile();
        assertThat(DeferringProcessor.PROCESSED).containsExactlyInAnyOrder("d.C", "d.D");
        assertThat(two.summary())
                .isEqualTo("Tandem replay: DeferringProcessor 2 replayed, 2 run (new or changed);"
                        + " LateProcessor (not declared isolating) ran");
        compile();
        assertThat(DeferringProcessor.PROCESSED).isEmpty();
    }

    @Test
    void aMessageOnNoElementIsReplayedOnceWhereTheProcessorDoesNotPrintIt() {
        threeGreetedTypes();
        write(
                "a/Bike.java",
                "package a; @dev.tandem.replay.testing.Greet(note = \"bikes are greeted\") public class Bike {"
                        + " int wheels; }");
        Javac.Result first = compile("-Agreeting.banner=true");
        assertThat(first.diagnostics).contains("NOTE Greeter 1.0 ready", "NOTE bikes are greeted");
        write("a/Unrelated.java", "package a; public class Unrelated { int y; }");
        Javac.Result second = compile("-Agreeting.banner=true"); // the same messages, once each, as javac alone
        assertThat(GreeterProcessor.PROCESSED).isEmpty();
        assertThat(second.summary()).isEqualTo("Tandem replay: GreeterProcessor 3 replayed, 0 run");
        write("a/Car.java", "package a; @dev.tandem.replay.testing.Greet public class Car extends Base { int k; }");
        compile("-Agreeting.banner=true");
        assertThat(GreeterProcessor.PROCESSED).containsExactly("a.Car");
    }

    @Test
    void optionsNoProcessorReadsAreWarnedOfAsJavacDoes() {
        threeGreetedTypes();
        Javac.Result result = compile("-Agreeting=Hi", "-Anobody.reads.this=1");
        assertThat(result.diagnostics)
                .contains("WARNING The following options were not recognized by any processor:"
                        + " '[nobody.reads.this]'");
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
    void aDeletedSourceTakesItsOutputsWithItWhereTheCompilerLeavesThem() throws Exception {
        threeGreetedTypes();
        write("a/Helper.java", "package a; class Helper { Runnable r = new Runnable() { public void run() {} }; }");
        Javac.compile(project, List.of(new ReplayProcessor()), true, false);
        assertThat(project.resolve("classes/a/BikeGreeter.class")).exists();
        delete("a/Bike.java");
        delete("a/Helper.java");
        // a generated file written in the last seconds may be this compile's, by a processor Tandem does not see:
        // it is never deleted then; here the last build is made a minute old
        ageOutputs(Duration.ofMinutes(1));
        // as maven-compiler-plugin before 3.12 does: the class and generated folders kept, the rest recompiled
        Javac.Result kept = Javac.compile(project, List.of(new ReplayProcessor()), true, false);
        Javac.Result clean = Javac.compile(plain, alone());
        assertThat(kept.outputs).isEqualTo(clean.outputs);
        assertThat(kept.outputs)
                .doesNotContainKeys(
                        "a/Bike.class",
                        "a/BikeGreeter.java",
                        "a/BikeGreeter.class",
                        "a/Helper.class",
                        "a/Helper$1.class");
    }

    @Test
    void aClassNoLongerWrittenForASourceIsDeleted() throws Exception {
        threeGreetedTypes();
        write("a/Helper.java", "package a; class Helper { Runnable r = new Runnable() { public void run() {} }; }");
        Javac.compile(project, List.of(new ReplayProcessor()), true, false);
        write("a/Helper.java", "package a; class Helper { Runnable r = null; }");
        Javac.Result kept = Javac.compile(project, List.of(new ReplayProcessor()), true, false);
        assertThat(kept.outputs).containsKey("a/Helper.class").doesNotContainKey("a/Helper$1.class");
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
                        + " StrayProcessor 0 replayed, 1 run (new or changed), not stored: it wrote"
                        + " META-INF/stray.txt with no originating type or package");
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
    void skipSwitchLeftByPrepareRunsEveryProcessor() throws Exception {
        threeGreetedTypes();
        compile();
        // what tandem:prepare leaves under -Dtandem.skip: a forked javac never sees the build's -D properties
        java.nio.file.Files.writeString(project.resolve("tandem/skipped"), "-Dtandem.skip");
        Javac.Result skipped = compile();
        assertThat(GreeterProcessor.PROCESSED).containsExactlyInAnyOrder("a.Car", "a.Bike", "a.Boat");
        assertThat(skipped.summary()).isEqualTo("Tandem replay: GreeterProcessor (-Dtandem.skip) ran");
        java.nio.file.Files.delete(project.resolve("tandem/skipped")); // the next prepare without the switch
        Javac.Result replayed = compile();
        assertThat(GreeterProcessor.PROCESSED).isEmpty();
        assertThat(replayed.summary()).isEqualTo("Tandem replay: GreeterProcessor 3 replayed, 0 run");
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
