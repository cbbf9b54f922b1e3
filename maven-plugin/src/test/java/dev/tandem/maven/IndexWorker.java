package dev.tandem.maven;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;

/** Run in a child JVM by {@link KillDuringIndexTest}: indexes a tree again and again until killed. */
public final class IndexWorker {
    public static void main(String[] args) throws Exception {
        Path project = Paths.get(args[0]);
        Path index = Paths.get(args[1]);
        FileSet src = new FileSet(project.resolve("src").toFile(), Collections.emptyList(), Collections.emptyList());
        for (int build = 1; ; build++) {
            if (build % 2 == 0) {
                java.nio.file.Files.deleteIfExists(index); // a full index every other time: long writes
            }
            new InputIndexer(project, 2).index(Collections.singletonList(src), index, build);
        }
    }
}
