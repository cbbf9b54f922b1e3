package dev.tandem.cache.torture;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Starts {@link CacheWorker} in a JVM of its own, on this test's class path. */
final class ChildJvm {
    private ChildJvm() {}

    static Process start(Path output, String... args) throws IOException {
        return new ProcessBuilder(command(args))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }

    /** As {@link #start}, under a shell that sets {@code umask} first (the JVM cannot set its own). */
    static Process startWithUmask(Path output, String umask, String... args) throws IOException {
        StringBuilder script = new StringBuilder("umask " + umask + " && exec");
        for (String word : command(args)) {
            script.append(" '").append(word.replace("'", "'\\''")).append("'");
        }
        return new ProcessBuilder("/bin/sh", "-c", script.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CacheWorker.class.getName());
        command.addAll(Arrays.asList(args));
        return command;
    }
}
