import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Replay on public projects no one here wrote (issue 22): each project is exported at a fixed commit from a local
 * mirror, copied twice, replay is enabled in one copy exactly as replay.md says, and both copies go through the same
 * edit history. After every step the replay copy is built as a user would (an incremental {@code mvn compile}) and
 * the plain copy from clean ({@code mvn clean compile}, Maven alone); every file under each module's
 * {@code target/classes} and {@code target/generated-sources/annotations} must be equal (class files byte for byte,
 * generated sources with MapStruct's {@code date = "..."} masked), and both builds must succeed or fail alike.
 * Then the timing: one source touched in both copies, {@code mvn compile} of each, in interleaved pairs whose order
 * alternates; the ratio is the median of the pairs' ratios. Also timed: the plain copy with
 * {@code -Dmaven.compiler.proc=none} (javac alone: what no replay can go below).
 *
 * <pre>
 *   ./mvnw install -DskipTests -Dinvoker.skip
 *   java benchmarks/real/Real.java [check|time|all] [project ...]
 * </pre>
 *
 * With {@code TANDEM=compiler}, the copy gets Tandem's incremental compiler instead, as incremental-compilation.md
 * says ({@code compilerId} tandem and the tandem-compiler dependency on every maven-compiler-plugin, and
 * tandem:prepare), under
 * target/bench-real/NAME-compiler/: the same history, compared with clean Maven the same way (issue 26). With
 * {@code TANDEM=both}, replay as replay.md says and the compiler too, under target/bench-real/NAME-both/.
 *
 * Projects: mapstruct-lombok (mapstruct-examples, the project's path order), mapstruct-lombok-swapped (Lombok and the
 * binding before MapStruct), eladmin, jhipster. The trees come from {@code $MIRRORS/owner+name/repo} (a bare git
 * repository; default /work/.mirror, where the workplace's {@code fetch} puts them) or are cloned from GitHub when
 * that is absent. {@code RUNS} (default 5) pairs; {@code COMPILER=3.10.1} sets every maven-compiler-plugin's version.
 * Output under target/bench-real/; the projects' trees are never committed.
 */
public class Real {
    static final Path ROOT = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
    static final Path OUT = ROOT.resolve("target/bench-real");
    /** TANDEM=compiler: the copy gets Tandem's incremental compiler, not replay; TANDEM=both: replay and the compiler. */
    static final boolean BOTH_MODE = "both".equals(System.getenv("TANDEM"));

    static final boolean COMPILER_MODE = BOTH_MODE || "compiler".equals(System.getenv("TANDEM"));
    /** What the timed copy has, as the report names it. */
    static final String TANDEM = BOTH_MODE ? "replay+compiler" : COMPILER_MODE ? "compiler" : "replay";

    static final String JDK25 = firstExisting("/usr/lib/jvm/temurin-25-jdk-amd64", System.getenv("JAVA25_HOME"));

    /** One edit, applied to both copies. */
    interface Edit {
        void apply(Path tree) throws IOException;
    }

    record Step(String name, List<Edit> edits) {}

    record Project(
            String name,
            String repo,
            String commit,
            String subdir,
            String javaHome,
            List<String> mavenArgs,
            boolean lombokFirst,
            List<Step> history,
            String timedFile) {}

    static List<Project> projects() {
        List<String> none = List.of();
        String ml = "src/main/java/com/mycompany/";
        List<Step> mlHistory = List.of(
                new Step("first build", List.of()),
                new Step("no change", List.of()),
                new Step("a property added to Source and Target", List.of(
                        addField(ml + "dto/Source.java", "private String extra;"),
                        addField(ml + "entities/Target.java", "private String extra;"))),
                new Step("lombok.config added (chained setters)", List.of(
                        write("src/main/java/lombok.config", "lombok.accessors.chain = true\n"))),
                new Step("lombok.config changed (@lombok.Generated)", List.of(
                        write("src/main/java/lombok.config", "lombok.addLombokGeneratedAnnotation = true\n"))),
                new Step("lombok.config deleted", List.of(delete("src/main/java/lombok.config"))),
                new Step("a mapper copied under a new name", List.of(copyRenamed(
                        ml + "mapper/SourceTargetMapper.java", "SourceTargetMapper", "SourceTargetCopyMapper"))),
                new Step("the copy deleted", List.of(delete(ml + "mapper/SourceTargetCopyMapper.java"))),
                new Step("a method body changed", List.of(append(ml + "mapper/Main.java", "// edited\n"))));
        String el = "eladmin-system/src/main/java/me/zhengjie/modules/system/service/";
        List<Step> elHistory = List.of(
                new Step("first build", List.of()),
                new Step("no change", List.of()),
                new Step("a property added to DeptDto", List.of(addField(el + "dto/DeptDto.java",
                        "private String extra;"))),
                new Step("a mapper copied under a new name", List.of(copyRenamed(
                        el + "mapstruct/DeptMapper.java", "DeptMapper", "DeptCopyMapper"))),
                new Step("the copy deleted", List.of(delete(el + "mapstruct/DeptCopyMapper.java"))),
                new Step("no change after the deletion", List.of()),
                new Step("lombok.config added", List.of(
                        write("eladmin-system/src/main/java/lombok.config", "lombok.addLombokGeneratedAnnotation = true\n"))),
                new Step("lombok.config deleted", List.of(delete("eladmin-system/src/main/java/lombok.config"))),
                new Step("an upstream module's class gains a method", List.of(addField(
                        "eladmin-common/src/main/java/me/zhengjie/utils/CloseUtil.java",
                        "public static int closedCount() { return 0; }"))),
                new Step("an upstream module's class gains a private method", List.of(addField(
                        "eladmin-common/src/main/java/me/zhengjie/utils/CloseUtil.java",
                        "private static int unused() { return 1; }"))));
        String jh = "src/main/java/io/github/jhipster/sample/";
        List<Step> jhHistory = List.of(
                new Step("first build", List.of()),
                new Step("no change", List.of()),
                new Step("an entity gains a field", List.of(addField(jh + "domain/Label.java",
                        "private String extraNote;"))),
                new Step("an entity copied under a new name", List.of(copyRenamed(
                        jh + "domain/Label.java", "Label", "LabelCopy"))),
                new Step("the copy deleted", List.of(delete(jh + "domain/LabelCopy.java"))),
                new Step("a service's body changed", List.of(append(jh + "service/UserService.java", "// edited\n"))),
                new Step("the configuration properties' nested class gains a property", List.of(replace(
                        jh + "config/ApplicationProperties.java",
                        "private Boolean asyncStart = true;",
                        "private Boolean asyncStart = true;\n\n        /** Seconds before the changelog lock is broken. */"
                                + "\n        private Integer lockTimeout = 5;\n\n        public Integer getLockTimeout() {"
                                + " return lockTimeout; }\n\n        public void setLockTimeout(Integer lockTimeout) {"
                                + " this.lockTimeout = lockTimeout; }"))),
                new Step("additional configuration metadata added, a service's body beside", List.of(
                        write("src/main/resources/META-INF/additional-spring-configuration-metadata.json",
                                "{\"hints\": [{\"name\": \"application.liquibase.lock-timeout\","
                                        + " \"values\": [{\"value\": 5}]}]}\n"),
                        append(jh + "service/UserService.java", "// edited again\n"))));
        List<String> jhArgs = List.of(
                "-P-webapp", "-Dcheckstyle.skip", "-Dspotless.apply.skip", "-Dspotless.check.skip", "-Dmodernizer.skip");
        return List.of(
                new Project("mapstruct-lombok", "mapstruct/mapstruct-examples", "3f9fd5ff", "mapstruct-lombok", null,
                        none, false, mlHistory, ml + "dto/Source.java"),
                new Project("mapstruct-lombok-swapped", "mapstruct/mapstruct-examples", "3f9fd5ff", "mapstruct-lombok",
                        null, none, true, mlHistory, ml + "dto/Source.java"),
                new Project("eladmin", "elunez/eladmin", "be2f1370", null, null, none, false, elHistory,
                        el + "dto/DeptDto.java"),
                new Project("jhipster", "jhipster/jhipster-sample-app", "f8da577c", null, JDK25, jhArgs, false,
                        jhHistory, jh + "domain/Label.java"));
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "all";
        if (mode.equals("selftest")) {
            selfTest();
            return;
        }
        Set<String> chosen = new TreeSet<>(Arrays.asList(args).subList(Math.min(1, args.length), args.length));
        String version = Files.readString(ROOT.resolve("pom.xml"))
                .replaceAll("(?s).*?<artifactId>tandem-parent</artifactId>\\s*<version>([^<]+)</version>.*", "$1");
        int runs = Integer.parseInt(System.getenv().getOrDefault("RUNS", "5"));
        boolean failed = false;
        List<String> report = new ArrayList<>();
        for (Project p : projects()) {
            if (!chosen.isEmpty() && !chosen.contains(p.name)) {
                continue;
            }
            Path home = OUT.resolve(p.name + (BOTH_MODE ? "-both" : COMPILER_MODE ? "-compiler" : ""));
            export(p, home);
            if (BOTH_MODE) {
                enableReplay(home.resolve("replay/pom.xml"), version, p.lombokFirst);
                enableCompiler(home.resolve("replay/pom.xml"), version, false);
            } else if (COMPILER_MODE) {
                enableCompiler(home.resolve("replay/pom.xml"), version, p.lombokFirst);
            } else {
                enableReplay(home.resolve("replay/pom.xml"), version, p.lombokFirst);
            }
            String compiler = System.getenv("COMPILER");
            if (compiler != null) {
                for (String copy : List.of("replay", "plain")) {
                    setCompilerVersion(home.resolve(copy + "/pom.xml"), compiler);
                }
            }
            if (mode.equals("check") || mode.equals("all")) {
                int steps = 0;
                int equal = 0;
                for (Step step : p.history) {
                    for (Edit e : step.edits) {
                        e.apply(home.resolve("replay"));
                        e.apply(home.resolve("plain"));
                    }
                    boolean first = steps == 0;
                    Build r = mvn(p, home.resolve("replay"), "step" + steps + "-replay", "compile");
                    Build c = mvn(p, home.resolve("plain"), "step" + steps + "-plain", "clean", "compile");
                    // a failed compile's partial output is no product: Tandem's compiler publishes none of it (its
                    // page says so), so in that mode two failed builds are alike, as in the compile-history IT
                    List<String> diffs = r.ok == c.ok
                            ? (COMPILER_MODE && !r.ok ? List.of() : compare(home.resolve("replay"), home.resolve("plain")))
                            : List.of("replay build " + (r.ok ? "passed" : "FAILED") + ", Maven alone "
                                    + (c.ok ? "passed" : "FAILED") + " (see " + r.log + ")");
                    steps++;
                    if (diffs.isEmpty()) {
                        equal++;
                    }
                    System.out.printf("%s step %d, %s: %s  %s%n", p.name, steps, step.name,
                            diffs.isEmpty() ? "equal" : "DIFFERENT " + diffs.subList(0, Math.min(5, diffs.size())),
                            String.join(" | ", r.summary));
                    if (first && !r.ok) {
                        System.out.println("  the first build failed: see " + r.log);
                    }
                }
                failed |= equal != steps;
                report.add(String.format("%-26s history: %d of %d steps equal to clean Maven", p.name, equal, steps));
            }
            if (mode.equals("time") || mode.equals("all")) {
                report.add(time(p, home, runs));
            }
        }
        System.out.println();
        System.out.println((BOTH_MODE ? "Replay and Tandem's compiler" : COMPILER_MODE ? "Tandem's compiler" : "Replay") + " on real projects, " + Runtime.getRuntime().availableProcessors() + " cores, Tandem "
                + version + (System.getenv("COMPILER") != null ? ", maven-compiler-plugin " + System.getenv("COMPILER") : ""));
        report.forEach(System.out::println);
        System.exit(failed ? 1 : 0);
    }

    // ---- the timing

    static String time(Project p, Path home, int runs) throws IOException, InterruptedException {
        Path replay = home.resolve("replay");
        Path plain = home.resolve("plain");
        // both copies built once, as the timed builds find them
        mvn(p, replay, "time-warm-replay", "compile");
        mvn(p, plain, "time-warm-plain", "compile");
        List<Long> withReplay = new ArrayList<>();
        List<Long> alone = new ArrayList<>();
        List<Long> procNone = new ArrayList<>();
        boolean noneBuilds = true;
        List<String> summary = List.of();
        for (int i = 0; i < runs; i++) {
            for (int k = 0; k < 2; k++) {
                if ((i + k) % 2 == 0) {
                    append(p.timedFile, "// run " + i + "\n").apply(replay);
                    Build b = mvn(p, replay, "time-replay-" + i, "-o", "compile");
                    withReplay.add(b.millis);
                    summary = b.summary;
                } else {
                    append(p.timedFile, "// run " + i + "\n").apply(plain);
                    alone.add(mvn(p, plain, "time-plain-" + i, "-o", "compile").millis);
                }
            }
            append(p.timedFile, "// none " + i + "\n").apply(plain);
            Build none = mvn(p, plain, "time-none-" + i, "-o", "compile", "-Dmaven.compiler.proc=none");
            procNone.add(none.millis);
            noneBuilds &= none.ok;
        }
        // the plain copy's classes were just compiled without processors: leave it as Maven alone would
        mvn(p, plain, "time-after", "-o", "compile");
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            ratios.add((double) withReplay.get(i) / alone.get(i));
        }
        return String.format(
                "%-26s one-file edit, %d pairs: %s %d ms, Maven alone %d ms; %s/alone %.2fx [%.2f-%.2f]; %s; %s",
                p.name, runs, TANDEM, median(withReplay), median(alone), TANDEM, medianD(ratios),
                ratios.stream().mapToDouble(d -> d).min().orElse(0), ratios.stream().mapToDouble(d -> d).max().orElse(0),
                noneBuilds
                        ? String.format("no processor at all (proc=none) %d ms, %.2fx", median(procNone),
                                (double) median(procNone) / median(alone))
                        : "proc=none does not compile (Lombok's code is needed)",
                String.join(" | ", summary));
    }

    static long median(List<Long> xs) {
        List<Long> s = xs.stream().sorted().collect(Collectors.toList());
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static double medianD(List<Double> xs) {
        List<Double> s = xs.stream().sorted().collect(Collectors.toList());
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    // ---- building

    record Build(boolean ok, long millis, Path log, List<String> summary) {}

    static Build mvn(Project p, Path dir, String name, String... goals) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("mvnw").toString(), "-B", "-ntp"));
        cmd.addAll(p.mavenArgs);
        cmd.addAll(List.of(goals));
        Path log = dir.getParent().resolve("logs/" + name + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        if (p.javaHome != null) {
            pb.environment().put("JAVA_HOME", p.javaHome);
        }
        long start = System.nanoTime();
        int rc = pb.start().waitFor();
        long millis = (System.nanoTime() - start) / 1_000_000;
        List<String> summary;
        try (Stream<String> lines = Files.lines(log)) {
            summary = lines.filter(l -> l.contains("Tandem replay:") || l.contains("Tandem: the")
                            || l.contains("Tandem compiler:"))
                    .map(l -> l.replaceFirst("^\\[INFO\\] ", "").replaceFirst("^\\[WARNING\\] ", "WARNING "))
                    .collect(Collectors.toList());
        }
        return new Build(rc == 0, millis, log, summary);
    }

    // ---- comparing

    static final Pattern DATE = Pattern.compile("date = \"[^\"]*\"");
    static final Pattern BUILD_TIME = Pattern.compile("(?m)^build\\.time=.*$");

    static String mask(byte[] text, Pattern pattern) {
        return pattern.matcher(new String(text, StandardCharsets.UTF_8)).replaceAll("");
    }

    /** What differs between the two copies' outputs: paths relative to the copy. */
    static List<String> compare(Path a, Path b) throws IOException {
        Map<String, Path> left = outputs(a);
        Map<String, Path> right = outputs(b);
        List<String> diffs = new ArrayList<>();
        for (String k : new TreeSet<>(union(left.keySet(), right.keySet()))) {
            Path x = left.get(k);
            Path y = right.get(k);
            if (x == null) {
                diffs.add("missing with replay: " + k);
            } else if (y == null) {
                diffs.add("extra with replay: " + k);
            } else if (!same(x, y)) {
                diffs.add("differs: " + k);
            }
        }
        return diffs;
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    static boolean same(Path x, Path y) throws IOException {
        byte[] bx = Files.readAllBytes(x);
        byte[] by = Files.readAllBytes(y);
        if (Arrays.equals(bx, by)) {
            return true;
        }
        if (x.getFileName().toString().equals("build-info.properties")) { // Spring Boot's: the build's time
            return mask(bx, BUILD_TIME).equals(mask(by, BUILD_TIME));
        }
        if (x.toString().endsWith(".java")) {
            String sx = DATE.matcher(new String(bx, StandardCharsets.UTF_8)).replaceAll("date = \"\"");
            String sy = DATE.matcher(new String(by, StandardCharsets.UTF_8)).replaceAll("date = \"\"");
            return sx.equals(sy);
        }
        return false;
    }

    /** Every file under each module's target/classes and target/generated-sources/annotations. */
    static Map<String, Path> outputs(Path copy) throws IOException {
        Map<String, Path> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(copy)) {
            for (Path f : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                String rel = copy.relativize(f).toString().replace('\\', '/');
                if (rel.matches("(.*/)?target/(classes|generated-sources/annotations)/.*")) {
                    files.put(rel, f);
                }
            }
        }
        return files;
    }

    /** The comparison finds what it must: a class file one byte off, a file more or less; not a masked date. */
    static void selfTest() throws IOException {
        Path dir = Files.createTempDirectory("real-selftest");
        String gen = "target/generated-sources/annotations/a/M.java";
        String cls = "target/classes/a/M.class";
        for (String side : List.of("x", "y")) {
            Files.createDirectories(dir.resolve(side + "/target/classes/a"));
            Files.createDirectories(dir.resolve(side + "/target/generated-sources/annotations/a"));
            Files.writeString(dir.resolve(side + "/" + gen), "@Generated(value = \"p\", date = \"" + side + "\")");
            Files.write(dir.resolve(side + "/" + cls), new byte[] {1, 2, 3});
        }
        check(compare(dir.resolve("x"), dir.resolve("y")).isEmpty(), "a masked date differs");
        Files.write(dir.resolve("x/" + cls), new byte[] {1, 2, 4});
        check(compare(dir.resolve("x"), dir.resolve("y")).equals(List.of("differs: " + cls)), "a byte off");
        Files.write(dir.resolve("x/" + cls), new byte[] {1, 2, 3});
        Files.write(dir.resolve("x/target/classes/a/Stale.class"), new byte[] {1});
        check(compare(dir.resolve("x"), dir.resolve("y")).equals(List.of("extra with replay: target/classes/a/Stale.class")),
                "a stale class");
        Files.delete(dir.resolve("x/target/classes/a/Stale.class"));
        Files.delete(dir.resolve("x/" + gen));
        check(compare(dir.resolve("x"), dir.resolve("y")).equals(List.of("missing with replay: " + gen)), "a missing file");
        deleteTree(dir);
        System.out.println("selftest: the comparison finds a byte off, a stale and a missing file, and masks dates");
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("selftest failed: " + what);
        }
    }

    // ---- the trees

    static void export(Project p, Path home) throws IOException, InterruptedException {
        String mirrors = System.getenv().getOrDefault("MIRRORS", "/work/.mirror");
        Path git = Paths.get(mirrors, p.repo.replace('/', '+'), "repo");
        if (!Files.isDirectory(git)) {
            git = OUT.resolve("mirrors/" + p.repo.replace('/', '+') + ".git");
            if (!Files.isDirectory(git)) {
                run(OUT, "git", "clone", "-q", "--bare", "https://github.com/" + p.repo + ".git", git.toString());
            }
        }
        deleteTree(home);
        Files.createDirectories(home);
        Path tar = home.resolve("tree.tar");
        List<String> archive = new ArrayList<>(List.of("git", "--git-dir=" + git, "archive", "-o", tar.toString(),
                p.commit));
        if (p.subdir != null) {
            archive.add(p.subdir);
        }
        run(home, archive.toArray(new String[0]));
        for (String copy : List.of("replay", "plain")) {
            Path dir = home.resolve(copy + "-x");
            Files.createDirectories(dir);
            run(dir, "tar", "-xf", tar.toString());
            Files.move(p.subdir == null ? dir : dir.resolve(p.subdir), home.resolve(copy));
        }
        Files.delete(tar);
    }

    static void run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process proc = new ProcessBuilder(cmd).directory(dir.toFile()).inheritIO().start();
        if (proc.waitFor() != 0) {
            throw new IOException("failed: " + String.join(" ", cmd));
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path f : all.sorted((x, y) -> y.getNameCount() - x.getNameCount()).collect(Collectors.toList())) {
                    Files.delete(f);
                }
            }
        }
    }

    static String firstExisting(String... paths) {
        for (String p : paths) {
            if (p != null && Files.isDirectory(Paths.get(p))) {
                return p;
            }
        }
        return null;
    }

    // ---- edits

    static Edit append(String file, String text) {
        return tree -> Files.writeString(tree.resolve(file), text, java.nio.file.StandardOpenOption.APPEND);
    }

    static Edit write(String file, String text) {
        return tree -> {
            Files.createDirectories(tree.resolve(file).getParent());
            Files.writeString(tree.resolve(file), text);
        };
    }

    /** One text of the file replaced by another; the text must be there. */
    static Edit replace(String file, String from, String to) {
        return tree -> {
            Path f = tree.resolve(file);
            String s = Files.readString(f);
            if (!s.contains(from)) {
                throw new IOException("no '" + from + "' in " + f);
            }
            Files.writeString(f, s.replace(from, to));
        };
    }

    static Edit delete(String file) {
        return tree -> Files.delete(tree.resolve(file));
    }

    /** A field declared first in the file's first class. */
    static Edit addField(String file, String declaration) {
        return tree -> {
            Path f = tree.resolve(file);
            String s = Files.readString(f);
            Matcher m = Pattern.compile("\\bclass \\w+[^{]*\\{").matcher(s);
            if (!m.find()) {
                throw new IOException("no class in " + f);
            }
            Files.writeString(f, s.substring(0, m.end()) + "\n    " + declaration + "\n" + s.substring(m.end()));
        };
    }

    /** The file copied beside itself, its type renamed. */
    static Edit copyRenamed(String file, String from, String to) {
        return tree -> {
            Path f = tree.resolve(file);
            Files.writeString(f.resolveSibling(to + ".java"),
                    Files.readString(f).replaceAll("\\b" + from + "\\b", to));
        };
    }

    // ---- enabling replay as replay.md says

    static void enableReplay(Path pom, String version, boolean lombokFirst) throws Exception {
        Document doc = parse(pom);
        Element project = doc.getDocumentElement();
        List<Element> compilers = compilerPlugins(project);
        boolean paths = false;
        for (Element plugin : compilers) {
            Element config = child(plugin, "configuration");
            Element list = config == null ? null : child(config, "annotationProcessorPaths");
            if (list == null) {
                continue;
            }
            paths = true;
            if (lombokFirst) { // MapStruct's processor after Lombok and the binding
                for (Element path : children(list, "path")) {
                    if ("mapstruct-processor".equals(text(path, "artifactId"))) {
                        list.removeChild(path);
                        list.appendChild(path);
                    }
                }
            }
            list.insertBefore(gav(doc, "path", "dev.tandem", "tandem-replay", version), list.getFirstChild());
            addProcessor(doc, config);
        }
        if (!paths) { // processors found on the class path: tandem-replay as a provided dependency
            Element deps = childOrNew(project, "dependencies");
            Element dep = gav(doc, "dependency", "dev.tandem", "tandem-replay", version);
            append(doc, dep, "scope", "provided");
            deps.appendChild(dep);
            Element plugins = childOrNew(childOrNew(project, "build"), "plugins");
            addProcessor(doc, childOrNew(buildCompiler(plugins), "configuration"));
        }
        addPrepare(doc, version);
        save(doc, pom);
    }

    /** tandem:prepare in the build's plugins. */
    static void addPrepare(Document doc, String version) {
        Element plugins = childOrNew(childOrNew(doc.getDocumentElement(), "build"), "plugins");
        Element tandem = gav(doc, "plugin", "dev.tandem", "tandem-maven-plugin", version);
        Element execution = doc.createElement("execution");
        Element goals = doc.createElement("goals");
        append(doc, goals, "goal", "prepare");
        execution.appendChild(goals);
        childOrNew(tandem, "executions").appendChild(execution);
        plugins.appendChild(tandem);
    }

    // ---- enabling the compiler as incremental-compilation.md says

    static void enableCompiler(Path pom, String version, boolean lombokFirst) throws Exception {
        Document doc = parse(pom);
        Element project = doc.getDocumentElement();
        List<Element> compilers = new ArrayList<>(compilerPlugins(project));
        Element plugins = childOrNew(childOrNew(project, "build"), "plugins");
        Element built = buildCompiler(plugins);
        if (!compilers.contains(built)) {
            compilers.add(built);
        }
        for (Element plugin : compilers) {
            Element config = childOrNew(plugin, "configuration");
            Element list = child(config, "annotationProcessorPaths");
            if (lombokFirst && list != null) {
                for (Element path : children(list, "path")) {
                    if ("mapstruct-processor".equals(text(path, "artifactId"))) {
                        list.removeChild(path);
                        list.appendChild(path);
                    }
                }
            }
            Element id = child(config, "compilerId");
            if (id == null) {
                append(doc, config, "compilerId", "tandem");
            } else {
                id.setTextContent("tandem");
            }
            childOrNew(plugin, "dependencies")
                    .appendChild(gav(doc, "dependency", "dev.tandem", "tandem-compiler", version));
        }
        if (!BOTH_MODE) { // replay's set-up has it already
            addPrepare(doc, version); // a lombok.config changed alone compiles again
        }
        save(doc, pom);
    }

    static void setCompilerVersion(Path pom, String version) throws Exception {
        Document doc = parse(pom);
        for (Element plugin : compilerPlugins(doc.getDocumentElement())) {
            Element v = child(plugin, "version");
            if (v != null) {
                v.setTextContent(version);
            }
        }
        Element plugins = childOrNew(childOrNew(doc.getDocumentElement(), "build"), "plugins");
        Element compiler = buildCompiler(plugins);
        if (child(compiler, "version") == null) {
            append(doc, compiler, "version", version);
        }
        save(doc, pom);
    }

    /** The maven-compiler-plugin of {@code <build><plugins>}, added there when absent. */
    static Element buildCompiler(Element plugins) {
        for (Element plugin : children(plugins, "plugin")) {
            if ("maven-compiler-plugin".equals(text(plugin, "artifactId"))) {
                return plugin;
            }
        }
        Document doc = plugins.getOwnerDocument();
        Element compiler = doc.createElement("plugin");
        append(doc, compiler, "groupId", "org.apache.maven.plugins");
        append(doc, compiler, "artifactId", "maven-compiler-plugin");
        plugins.appendChild(compiler);
        return compiler;
    }

    static void addProcessor(Document doc, Element config) {
        Element names = childOrNew(config, "annotationProcessors");
        append(doc, names, "annotationProcessor", "dev.tandem.replay.ReplayProcessor");
    }

    static List<Element> compilerPlugins(Element project) {
        List<Element> found = new ArrayList<>();
        var all = project.getElementsByTagName("plugin");
        for (int i = 0; i < all.getLength(); i++) {
            Element plugin = (Element) all.item(i);
            if ("maven-compiler-plugin".equals(text(plugin, "artifactId"))) {
                found.add(plugin);
            }
        }
        return found;
    }

    static Document parse(Path pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        return f.newDocumentBuilder().parse(pom.toFile());
    }

    static void save(Document doc, Path pom) throws Exception {
        var t = TransformerFactory.newInstance().newTransformer();
        t.setOutputProperty(OutputKeys.INDENT, "no");
        t.transform(new DOMSource(doc), new StreamResult(pom.toFile()));
    }

    static Element gav(Document doc, String tag, String g, String a, String v) {
        Element e = doc.createElement(tag);
        append(doc, e, "groupId", g);
        append(doc, e, "artifactId", a);
        append(doc, e, "version", v);
        return e;
    }

    static void append(Document doc, Element parent, String tag, String text) {
        Element e = doc.createElement(tag);
        e.setTextContent(text);
        parent.appendChild(e);
    }

    static Element child(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && tag.equals(n.getNodeName())) {
                return (Element) n;
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && tag.equals(n.getNodeName())) {
                found.add((Element) n);
            }
        }
        return found;
    }

    static Element childOrNew(Element parent, String tag) {
        Element e = child(parent, tag);
        if (e == null) {
            e = parent.getOwnerDocument().createElement(tag);
            parent.appendChild(e);
        }
        return e;
    }

    static String text(Element parent, String tag) {
        Element e = child(parent, tag);
        return e == null ? null : e.getTextContent().trim();
    }

    static {
        if (!Files.isRegularFile(ROOT.resolve("mvnw"))) {
            throw new UncheckedIOException(new IOException("run from Tandem's root: java benchmarks/real/Real.java"));
        }
    }
}
