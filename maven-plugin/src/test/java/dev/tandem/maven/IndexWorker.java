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
            // each pass walks and stats 2000 files and writes the index anew: a kill lands anywhere in that,
            // the write (temp file, then rename) included. The indexer goes on from the index's own number.
            new InputIndexer(project, 2).index(Collections.singletonList(src), index, build);
        }
    }
}
