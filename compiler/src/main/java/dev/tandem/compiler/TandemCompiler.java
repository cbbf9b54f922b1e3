package dev.tandem.compiler;

import dev.tandem.cache.internal.ConsumerLock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.codehaus.plexus.compiler.Compiler;
import org.codehaus.plexus.compiler.CompilerConfiguration;
import org.codehaus.plexus.compiler.CompilerError;
import org.codehaus.plexus.compiler.CompilerException;
import org.codehaus.plexus.compiler.CompilerMessage;
import org.codehaus.plexus.compiler.CompilerNotImplementedException;
import org.codehaus.plexus.compiler.CompilerOutputStyle;
import org.codehaus.plexus.compiler.CompilerResult;
import org.codehaus.plexus.compiler.manager.CompilerManager;
import org.codehaus.plexus.compiler.manager.NoSuchCompilerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * maven-compiler-plugin 3.x's way in: {@code <compilerId>tandem</compilerId>} with {@code tandem-compiler} as a
 * dependency of the plugin. The plugin decides that something changed and hands over every source; this compiler
 * compiles what the change affects ({@link IncrementalCompile}) with the plugin's own {@code javac} compiler, so the
 * arguments, forking, toolchains and messages are Maven's.
 *
 * <p>The class files live first in a folder of Tandem's ({@code target/tandem/compile/classes/} for {@code
 * target/classes}) which no plugin touches, and are copied to the plugin's output: the plugin deletes the last
 * compile's class files before it calls a compiler, and the ones not recompiled are put back from there.
 *
 * <p>Written against plexus-compiler-api 2.8.4 (maven-compiler-plugin 3.8.1), the oldest the plugin versions we
 * support bring; it calls nothing newer.
 */
@Named("tandem")
@Singleton
public final class TandemCompiler implements Compiler {
    /** Where the summary lines go: Maven's log in a build (SLF4J, which the plugin's realm binds), a list in tests. */
    interface Log {
        void info(String line);

        void warn(String line);

        void debug(String line);
    }

    private final CompilerManager compilers;
    private final Log log;

    @Inject
    public TandemCompiler(CompilerManager compilers) {
        this(compilers, slf4j(LoggerFactory.getLogger(TandemCompiler.class)));
    }

    TandemCompiler(CompilerManager compilers, Log log) {
        this.compilers = compilers;
        this.log = log;
    }

    private static Log slf4j(Logger logger) {
        return new Log() {
            @Override
            public void info(String line) {
                logger.info(line);
            }

            @Override
            public void warn(String line) {
                logger.warn(line);
            }

            @Override
            public void debug(String line) {
                if (logger.isDebugEnabled()) {
                    logger.debug(line);
                }
            }
        };
    }

    @Override
    public CompilerOutputStyle getCompilerOutputStyle() {
        return CompilerOutputStyle.ONE_OUTPUT_FILE_PER_INPUT_FILE;
    }

    @Override
    public String getInputFileEnding(CompilerConfiguration configuration) {
        return ".java";
    }

    @Override
    public String getOutputFileEnding(CompilerConfiguration configuration) {
        return ".class";
    }

    @Override
    public String getOutputFile(CompilerConfiguration configuration) {
        return null;
    }

    @Override
    public boolean canUpdateTarget(CompilerConfiguration configuration) {
        return true;
    }

    @Override
    public String[] createCommandLine(CompilerConfiguration configuration) throws CompilerException {
        return javac().createCommandLine(configuration);
    }

    /** The pre-2.0 entry point, which maven-compiler-plugin 3.x never calls. */
    @Override
    public List<CompilerError> compile(CompilerConfiguration configuration) throws CompilerException {
        throw new CompilerNotImplementedException("the tandem compiler is called through performCompile");
    }

    @Override
    public CompilerResult performCompile(CompilerConfiguration configuration) throws CompilerException {
        Compiler javac = javac();
        long start = System.nanoTime();
        CompileExecution module = new CompileExecution(configuration);
        // two builds of one module at once (an IDE's and a terminal's) would interleave their set-asides and publishing
        try (ConsumerLock lock = module.lock()) {
            return performCompile(configuration, javac, module, start);
        } catch (IOException e) {
            throw new CompilerException("Tandem compiler: cannot lock " + module.home + ": " + e, e);
        }
    }

    private CompilerResult performCompile(
            CompilerConfiguration configuration, Compiler javac, CompileExecution module, long start)
            throws CompilerException {
        String foreign = module.removeForeignFolders();
        if (foreign != null) {
            log.warn(foreign);
        }
        String alone = module.cannotBeIncremental();
        if (alone != null) {
            return handToJavac(configuration, javac, module, alone);
        }
        List<CompilerMessage> messages = new ArrayList<>();
        IncrementalCompile.Result result;
        long[] publishNanos = {0};
        boolean recorded = false;
        String replayLeftOut = "";
        try {
            Processors processors = module.processors();
            String notIncremental = processors.none() ? null : processors.notIsolating();
            if (notIncremental == null && !processors.none()) {
                notIncremental = processors.orderAFullBuildRejects();
            }
            if (notIncremental == null) {
                notIncremental = module.unknownArguments(javac);
            }
            if (notIncremental == null && !processors.none() && module.generated == null) {
                notIncremental = "annotation processors run and no folder for generated sources is set";
            }
            if (notIncremental == null && !processors.none()) {
                notIncremental = module.recorderFailedBefore();
            }
            // isolating processors run under Tandem's recorder, which notes where each file they write comes from
            recorded = !processors.none() && notIncremental == null && module.recordable();
            if (recorded && processors.replay()) {
                // said on the summary line: replay, set up as its page says, prints nothing of its own then
                replayLeftOut = processors.aggregating().isEmpty()
                        ? " (replay left out: the processors it runs are all declared isolating, and Tandem ran"
                                + " them on these sources alone)"
                        : " (replay left out: the processors it runs are declared isolating or aggregating, and Tandem"
                                + " ran them itself)";
            }
            if (processors.none()) {
                module.dropGenerated();
            }
            if (notIncremental != null) {
                // the set-up makes every compile a full one, so Tandem would only add its own time (with replay
                // named, replay runs the processors, as without this compiler)
                return handToJavac(configuration, javac, module, notIncremental);
            }
            IncrementalCompile.Request request = new IncrementalCompile.Request(
                    module.sources,
                    module.encoding(),
                    module.classes,
                    module.setup(javac, processors, recorded),
                    module.classPathEntries(),
                    processors.none() || module.generated == null ? null : module.generatedHome,
                    !module.processorPathGiven(),
                    recorded ? module.origins : null,
                    recorded ? processors.aggregating() : List.of(),
                    module.seeds,
                    module.stateFile,
                    (removed, removedGenerated, copy) -> { // only after a success: after a failure the plugin must
                        // see it stale
                        long publishing = System.nanoTime();
                        module.publish(removed, copy);
                        module.publishGenerated(removedGenerated);
                        publishNanos[0] = System.nanoTime() - publishing;
                    });
            if (recorded) {
                request.setupAfterCompile = module.resources::setupPart;
            }
            long prepared = System.nanoTime();
            boolean underRecorder = recorded;
            IncrementalCompile compile = new IncrementalCompile((files, all) -> {
                CompilerResult part = module.compile(javac, files, all, processors, underRecorder);
                if (all) {
                    messages.clear(); // a full compile's messages are the ones Maven alone would print
                }
                for (CompilerMessage message : part.getCompilerMessages()) {
                    messages.add(module.asMavenWouldSay(message));
                }
                return part.isSuccess();
            });
            result = compile.compile(request);
            module.keepInputs();
            log.debug("Tandem compiler: " + ms(prepared - start) + " ms reading the configuration, processors and"
                    + " class path; " + ms(compile.hashNanos) + " ms hashing sources; " + ms(compile.analyseNanos)
                    + " ms reading class files" + (compile.analysesKept ? " (the analyses kept of them)" : "") + "; "
                    + ms(compile.javacNanos) + " ms in javac; " + ms(compile.keepNanos) + " ms keeping their analyses; "
                    + ms(publishNanos[0]) + " ms putting the class files in " + module.output);
        } catch (CompileExecution.JavacFailed e) {
            if (!recorded) {
                throw e.failure();
            }
            // a processor threw under Tandem's recorder, which hands processors an environment of its own: javac
            // alone decides, as Maven alone would
            module.restoreConfiguration();
            module.forget();
            CompilerResult javacAlone = javac.performCompile(configuration); // its failure is Maven alone's
            String first = String.valueOf(e.failure().getMessage()).trim().split("\n", 2)[0];
            if (javacAlone.isSuccess()) {
                module.recorderFailed(first);
                log.warn("Tandem compiler: a processor failed under Tandem's recorder (" + first + "), and javac alone"
                        + " compiled the module; it is compiled so until its processors change");
            }
            return javacAlone;
        } catch (IOException e) {
            throw new CompilerException("Tandem compiler: " + e, e);
        } finally {
            module.restoreConfiguration();
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (result.fullReason != null) {
            String line = "Tandem compiler: full compile of " + sources(result.compiled.size()) + " in " + ms + " ms: "
                    + result.fullReason + (result.success ? "" : " (failed)") + replayLeftOut;
            if (result.damagedState) {
                log.warn(line);
            } else {
                log.info(line);
            }
        } else {
            log.info("Tandem compiler: compiled " + result.compiled.size() + " of " + sources(module.sources.size())
                    + " in " + ms + " ms" + (result.success ? "" : " (failed)") + replayLeftOut);
        }
        log.debug("Tandem compiler: compiled " + result.compiled);
        return new CompilerResult(result.success, messages);
    }

    /**
     * Has javac compile the module as Maven alone would, with the reason on the line; the state goes, so the next
     * compile through Tandem is a full one.
     */
    private CompilerResult handToJavac(
            CompilerConfiguration configuration, Compiler javac, CompileExecution module, String why)
            throws CompilerException {
        module.forget();
        log.info("Tandem compiler: " + why + "; compiled by javac as without Tandem");
        return javac.performCompile(configuration);
    }

    private static String sources(int n) {
        return n + (n == 1 ? " source" : " sources");
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private Compiler javac() throws CompilerException {
        try {
            return compilers.getCompiler("javac");
        } catch (NoSuchCompilerException e) {
            throw new CompilerException("Tandem compiler: maven-compiler-plugin has no javac compiler", e);
        }
    }
}
