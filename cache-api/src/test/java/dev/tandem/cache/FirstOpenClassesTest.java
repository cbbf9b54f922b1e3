package dev.tandem.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cache.internal.FileStat;
import dev.tandem.cache.internal.InputIndex;
import dev.tandem.cache.internal.InputIndexWriter;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a compilation pays to use the cache: javac loads this jar in a fresh class loader for every compilation, so
 * each class its first use loads is read, parsed and verified again every time (benchmarks/cache/run.sh, "first
 * open", target 2 ms), and each lambda or invokedynamic string concatenation spins a class of its own at its first
 * call (about 30 us each). These rules lived in comments; here they are checked on a processor's whole use: open
 * against a prepared index, a checksum looked up, a key built, a miss, a put, a hit, close.
 */
class FirstOpenClassesTest {
    /**
     * The classes a compilation's use loads, in the order they load (exceptions a method catches are loaded by the
     * verifier). A class added here costs every compilation its loading: keep it off this path (a branch only a
     * rare case takes loads nothing until it runs) or measure it with the first-open benchmark.
     */
    private static final List<String> EXPECTED = List.of(
            "dev.tandem.cache.ProcessorCache",
            "dev.tandem.cache.internal.CacheFiles$LinkInCacheException",
            "dev.tandem.cache.CacheKey",
            "dev.tandem.cache.Inputs",
            "dev.tandem.cache.CacheKey$Builder",
            "dev.tandem.cache.internal.ConsumerId",
            "dev.tandem.cache.internal.CacheLayout",
            "dev.tandem.cache.internal.CacheFiles",
            "dev.tandem.cache.internal.CorruptCacheFileException",
            "dev.tandem.cache.internal.InputIndex",
            "dev.tandem.cache.internal.InputIndex$DamagedException",
            "dev.tandem.cache.internal.ChecksummedProperties",
            "dev.tandem.cache.internal.Hex",
            "dev.tandem.cache.internal.ConsumerFolder",
            "dev.tandem.cache.internal.InputIndex$Entry",
            "dev.tandem.cache.internal.Sha256",
            "dev.tandem.cache.internal.EntryPack",
            "dev.tandem.cache.internal.ConsumerLock",
            "dev.tandem.cache.internal.FolderHandles",
            "dev.tandem.cache.internal.AtomicFiles",
            "dev.tandem.cache.internal.EntryPack$Location",
            "dev.tandem.cache.internal.EntryPack$Value",
            "dev.tandem.cache.internal.CacheStats",
            "dev.tandem.cache.ProcessorCache$AddTo",
            "dev.tandem.cache.internal.ChecksummedFile",
            "dev.tandem.cache.internal.TrackedInputs",
            "dev.tandem.cache.internal.UsedKeys",
            "dev.tandem.cache.internal.UsedKeys$Use");

    @TempDir
    Path project;

    /** A class loader that notes every class it defines from the cache's jar. */
    private static final class Noting extends URLClassLoader {
        final List<String> defined = new ArrayList<>();

        Noting(URL jar) {
            super(new URL[] {jar}, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            Class<?> found = super.findClass(name);
            synchronized (defined) {
                defined.add(name);
            }
            return found;
        }
    }

    @Test
    @DisplayName("a processor's whole use loads the listed classes and no invokedynamic among them")
    void firstUse() throws Exception {
        Path root = project.resolve("target/tandem");
        Path source = project.resolve("src/main/java/p/A.java");
        Files.createDirectories(source.getParent());
        Files.write(source, new byte[100]);
        FileStat stat = FileStat.of(source, true);
        InputIndexWriter.write(
                root.resolve("inputs.idx"),
                project,
                2,
                System.currentTimeMillis() + 1,
                List.of(new InputIndex.Entry(
                        "src/main/java/p/A.java",
                        stat.size(),
                        stat.mtimeNanos(),
                        stat.inode(),
                        stat.ctimeNanos(),
                        1,
                        new byte[32])));
        try (ProcessorCache earlier = ProcessorCache.open(root, "acme", "1", w -> {})) {
            earlier.inputs().sha256(source); // the consumer's state, as every compile but the first finds it
        }

        List<String> loaded;
        try (Noting loader = new Noting(
                ProcessorCache.class.getProtectionDomain().getCodeSource().getLocation())) {
            use(loader, root, source);
            loaded = new ArrayList<>(loader.defined);
            List<String> withInvokeDynamic = new ArrayList<>();
            for (String name : loaded) {
                if (hasInvokeDynamic(loader, name)) {
                    withInvokeDynamic.add(name);
                }
            }
            assertThat(withInvokeDynamic)
                    .as("classes a compilation loads that hold a lambda, a method reference or an invokedynamic"
                            + " string concatenation: use a loop or a named class, and -XDstringConcat=inline")
                    .isEmpty();
        }
        assertThat(loaded).containsExactlyInAnyOrderElementsOf(EXPECTED);
    }

    @Test
    @DisplayName("the constant-pool scan finds an invokedynamic where there is one")
    void scanFindsALambda() throws Exception {
        class WithLambda {
            Runnable r = () -> {};
        }
        assertThat(hasInvokeDynamic(getClass().getClassLoader(), WithLambda.class.getName()))
                .isTrue();
        assertThat(hasInvokeDynamic(getClass().getClassLoader(), ProcessorCache.class.getName()))
                .isFalse();
    }

    /** Open, look a checksum up, build a key, miss, put, hit, close: through reflection, in the fresh loader. */
    private static void use(ClassLoader loader, Path root, Path source) throws Exception {
        Class<?> cacheType = loader.loadClass("dev.tandem.cache.ProcessorCache");
        Consumer<String> warnings = w -> {
            throw new AssertionError("a warning: " + w);
        };
        Object cache = cacheType
                .getMethod("open", Path.class, String.class, String.class, Consumer.class)
                .invoke(null, root, "acme", "1", warnings);
        try {
            Object inputs = cacheType.getMethod("inputs").invoke(cache);
            Optional<?> sha = (Optional<?>)
                    inputs.getClass().getMethod("sha256", Path.class).invoke(inputs, source);
            assertThat(sha).as("the index answers").isPresent();
            Object builder = cacheType.getMethod("newKey").invoke(cache);
            Method add = builder.getClass().getMethod("add", String.class);
            add.invoke(builder, "p.A");
            Object key = builder.getClass().getMethod("build").invoke(builder);
            Class<?> keyType = key.getClass();
            Method get = cacheType.getMethod("get", keyType);
            assertThat((Optional<?>) get.invoke(cache, key)).isEmpty();
            cacheType.getMethod("put", keyType, byte[].class).invoke(cache, key, new byte[] {1, 2, 3});
            assertThat((Optional<?>) get.invoke(cache, key)).isPresent();
        } finally {
            cacheType.getMethod("close").invoke(cache);
        }
    }

    /** Whether the class's constant pool holds a CONSTANT_InvokeDynamic (tag 18), which every such call site needs. */
    private static boolean hasInvokeDynamic(ClassLoader loader, String name) throws IOException {
        try (InputStream bytes = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
            DataInputStream in = new DataInputStream(bytes);
            in.readInt(); // magic
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1: // Utf8
                        in.skipBytes(in.readUnsignedShort());
                        break;
                    case 7: // Class
                    case 8: // String
                    case 16: // MethodType
                    case 19: // Module
                    case 20: // Package
                        in.skipBytes(2);
                        break;
                    case 15: // MethodHandle
                        in.skipBytes(3);
                        break;
                    case 3: // Integer
                    case 4: // Float
                    case 9: // Fieldref
                    case 10: // Methodref
                    case 11: // InterfaceMethodref
                    case 12: // NameAndType
                    case 17: // Dynamic
                        in.skipBytes(4);
                        break;
                    case 5: // Long
                    case 6: // Double
                        in.skipBytes(8);
                        i++; // takes two entries
                        break;
                    case 18: // InvokeDynamic
                        return true;
                    default:
                        throw new IOException(name + ": unknown constant pool tag " + tag);
                }
            }
            return false;
        }
    }
}
