package dev.tandem.replay;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import dev.tandem.cache.ProcessorCache;
import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.CompileRecord;
import dev.tandem.cache.internal.Sha256;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;

/**
 * What this compilation read and wrote, kept in the execution's {@link CompileRecord} when javac finishes with
 * every class written: each source's class files (javac's GENERATE events), the files the replayed processors wrote
 * for its types, and, with Lombok on the processor path, every {@code lombok.config} Lombok may read. The record's
 * update deletes what the last compile wrote that nothing leads to now, and tandem:prepare deletes what gone sources
 * led to before the next compile.
 */
final class Outputs implements TaskListener {
    private final ProcessingEnvironment env;
    private final boolean lombok;
    private final Path classOutput;
    private final Path record;
    private final long started = System.currentTimeMillis();

    private final Map<String, Set<String>> produced = new TreeMap<>();
    private final Set<String> entered = new HashSet<>();
    private final Map<String, String> unitSources = new TreeMap<>();
    private final Map<String, Set<String>> unitFiles = new TreeMap<>();
    /** The compilation's replay summary line, told at the last round. */
    String summary = "";

    private Outputs(ProcessingEnvironment env, boolean lombok, Path classOutput, Path record) {
        this.env = env;
        this.lombok = lombok;
        this.classOutput = classOutput;
        this.record = record;
    }

    /** Listens to this compilation, which writes into {@code classes}; null when javac's tasks are out of reach. */
    static Outputs listen(ProcessingEnvironment env, boolean lombok, Path classes) {
        try {
            Path root = ProcessorCache.root(env);
            if (root == null) {
                return null;
            }
            Outputs outputs = new Outputs(
                    env, lombok, classes, new CacheLayout(root.toAbsolutePath().normalize()).compileRecord(classes));
            JavacTask.instance(env).addTaskListener(outputs);
            return outputs;
        } catch (Exception | LinkageError notJavac) {
            return null;
        }
    }

    /** A unit a replayed processor was handed, with the source it is in. */
    void unit(String unit, Element element, com.sun.source.util.Trees trees) {
        if (unitSources.containsKey(unit)) {
            return;
        }
        TreePath path = trees.getPath(element);
        String source = path == null ? null : path(path.getCompilationUnit().getSourceFile());
        if (source != null) {
            unitSources.put(unit, source);
        }
    }

    /** A file written (by the processor, or replayed) for a unit. */
    void file(String unit, FileObject file) {
        String path = path(file);
        if (path != null) {
            unitFiles.computeIfAbsent(unit, u -> new LinkedHashSet<>()).add(path);
        }
    }

    @Override
    public void started(TaskEvent e) {}

    @Override
    public void finished(TaskEvent e) {
        try {
            switch (e.getKind()) {
                case ENTER:
                    CompilationUnitTree unit = e.getCompilationUnit();
                    String source = unit == null ? null : path(unit.getSourceFile());
                    if (source != null && !unit.getTypeDecls().isEmpty()) {
                        entered.add(source);
                    }
                    break;
                case GENERATE:
                    String from = path(e.getSourceFile());
                    TypeElement type = e.getTypeElement();
                    if (from != null && type != null) {
                        String binary =
                                env.getElementUtils().getBinaryName(type).toString();
                        produced.computeIfAbsent(from, s -> new LinkedHashSet<>())
                                .add(classOutput
                                        .resolve(binary.replace('.', '/') + ".class")
                                        .toString());
                    }
                    break;
                case COMPILATION:
                    finish();
                    break;
                default:
                    break;
            }
        } catch (RuntimeException | LinkageError ignored) {
            // the record is a help, never a cause of failure: without it, nothing is deleted
        }
    }

    /** Every class written: the record is brought up to date; otherwise (errors) it stays as it was. */
    private void finish() throws RuntimeException {
        if (!produced.keySet().containsAll(entered)) {
            return;
        }
        Map<String, List<String>> generated = new TreeMap<>();
        for (Map.Entry<String, Set<String>> unit : unitFiles.entrySet()) {
            String source = unitSources.get(unit.getKey());
            if (source != null) {
                generated.computeIfAbsent(source, s -> new ArrayList<>()).addAll(unit.getValue());
            }
        }
        Map<String, CompileRecord.Outputs> now = new TreeMap<>();
        for (Map.Entry<String, Set<String>> source : produced.entrySet()) {
            now.put(
                    source.getKey(),
                    new CompileRecord.Outputs(
                            new ArrayList<>(source.getValue()), generated.getOrDefault(source.getKey(), List.of())));
        }
        try {
            CompileRecord.read(record)
                    .update(now, inputs(), summary, classOutput.getParent(), started - 2000, new Consumer<Path>() {
                        @Override
                        public void accept(Path deleted) {}
                    })
                    .write(record);
        } catch (java.io.IOException cannotWrite) {
            // the next compile works from the last record; nothing was deleted that it would still list
        }
    }

    /** With Lombok: every lombok.config in the folders of the sources and above them, present or not. */
    private Map<String, String> inputs() {
        Map<String, String> inputs = new TreeMap<>();
        if (!lombok) {
            return inputs;
        }
        Set<Path> folders = new HashSet<>();
        for (String source : entered) {
            for (Path folder = Paths.get(source).getParent(); folder != null; folder = folder.getParent()) {
                if (!folders.add(folder)) {
                    break;
                }
                Path config = folder.resolve("lombok.config");
                inputs.put(config.toString(), Sha256.hexOrMissing(config));
            }
        }
        return inputs;
    }

    /**
     * The paths of the files seen, by file object: javac enters every unit again each round, and each class is
     * generated once, so the same few thousand names would be turned from URIs into paths several times over.
     */
    private final Map<FileObject, String> paths = new HashMap<>();

    private String path(FileObject file) {
        if (file == null) {
            return null;
        }
        String path = paths.get(file);
        if (path == null && !paths.containsKey(file)) {
            path = pathOf(file);
            paths.put(file, path);
        }
        return path;
    }

    private static String pathOf(FileObject file) {
        URI uri = file.toUri();
        return "file".equals(uri.getScheme())
                ? Paths.get(uri).toAbsolutePath().normalize().toString()
                : null;
    }

    private String path(JavaFileObject file) {
        return path((FileObject) file);
    }
}
