import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.Random;

/**
 * Writes a project tree for the cache benchmark: {@code count} files of {@code size} random bytes under src/,
 * spread over 100 directories, dated an hour ago (so no file is "racily clean"), and a pom.xml.
 *
 * <p>Run: {@code java GenerateTree.java <dir> <count> <size>}
 */
public final class GenerateTree {
    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args[0]);
        int count = Integer.parseInt(args[1]);
        int size = Integer.parseInt(args[2]);
        Random random = new Random(42);
        byte[] content = new byte[size];
        FileTime anHourAgo = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        for (int i = 0; i < count; i++) {
            Path file = dir.resolve("src/main/resources/d" + (i % 100) + "/file" + i + ".dat");
            Files.createDirectories(file.getParent());
            random.nextBytes(content);
            Files.write(file, content);
            Files.setLastModifiedTime(file, anHourAgo);
        }
        Files.write(dir.resolve("pom.xml"), "<project/>\n".getBytes());
    }
}
