package dev.tandem.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.FileObject;

/**
 * The files replayed in this compilation. A processor may write a file it was not asked for: Dagger writes the
 * factory of an {@code @Inject} class it meets in a component's graph, even when that class's own factory was
 * replayed. javac refuses a second file of one name ("Attempt to recreate a file"), so the processor's write goes
 * to the replayed file instead; when its content differs, it replaces the replayed content on disk before javac
 * reads it in the next round, so the output is the processor's, as without Tandem.
 */
final class Replayed {
    private static final class File {
        final FileObject object;
        final byte[] content;

        File(FileObject object, byte[] content) {
            this.object = object;
            this.content = content;
        }
    }

    private final Map<String, File> files = new ConcurrentHashMap<>();
    private final Set<String> created = ConcurrentHashMap.newKeySet();

    static String key(Entry.FileKind kind, String location, String pkg, String name) {
        return kind + ":" + location + ":" + pkg + ":" + name;
    }

    void add(String key, FileObject object, byte[] content) {
        files.put(key, new File(object, content));
    }

    /** Notes a file a wrapped processor created itself, so no replay writes that name too. */
    <T extends FileObject> T created(String key, T file) {
        created.add(key);
        return file;
    }

    /** Whether a wrapped processor already created that file in this compilation. */
    boolean createdByProcessor(String key) {
        return created.contains(key);
    }

    boolean contains(String key) {
        return files.containsKey(key);
    }

    /** The replayed file under {@code key}, for a processor writing it again; null when none was replayed. */
    FileObject object(String key) {
        File file = files.get(key);
        return file == null ? null : file.object;
    }

    /**
     * What a processor wrote again under a replayed name: nothing to do when it is what was replayed, else the
     * replayed file's content is replaced by it.
     *
     * @return whether the content differed
     */
    boolean rewritten(String key, byte[] written) throws IOException {
        File file = files.get(key);
        if (file == null || Arrays.equals(file.content, written)) {
            return false;
        }
        Path path = Paths.get(file.object.toUri());
        Files.write(path, written);
        files.put(key, new File(file.object, written));
        return true;
    }
}
