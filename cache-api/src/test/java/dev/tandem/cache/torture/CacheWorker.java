package dev.tandem.cache.torture;

import dev.tandem.cache.CacheKey;
import dev.tandem.cache.ProcessorCache;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the torture tests run in child JVMs, so they can be killed or run side by side:
 *
 * <pre>
 * put ROOT FIRST COUNT               puts and computeIfAbsents keys FIRST.. in a loop until killed
 * once ROOT COUNT                    computeIfAbsents keys 0..COUNT once, then closes the cache
 * large ROOT FIRST COUNT             puts {@link #large(int)} values under keys FIRST.., each once, until killed or
 *                                    COUNT are written: most of its time is spent inside write(2), where a kill
 *                                    tears the record being written
 * contend ROOT KEYS SECONDS LOG THREADS
 *                                    THREADS threads computeIfAbsent random keys of 0..KEYS for SECONDS; each
 *                                    computation appends "pid key" to LOG; prints "lookups corrupt"
 * </pre>
 *
 * Every key's value is {@link #expected(int)}, so any reader can tell a whole value from a damaged one.
 */
public final class CacheWorker {
    static final String CONSUMER = "torture";

    public static void main(String[] args) throws Exception {
        Path root = Paths.get(args[1]);
        if (args[0].equals("put")) {
            put(root, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        } else if (args[0].equals("large")) {
            ProcessorCache cache = open(root);
            int first = Integer.parseInt(args[2]);
            for (int i = first; i < first + Integer.parseInt(args[3]); i++) {
                cache.put(key(cache, i), large(i));
            }
        } else if (args[0].equals("once")) {
            try (ProcessorCache cache = open(root)) {
                for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                    int n = i;
                    cache.computeIfAbsent(key(cache, n), () -> expected(n));
                }
            }
        } else {
            contend(
                    root,
                    Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]),
                    Paths.get(args[4]),
                    Integer.parseInt(args[5]));
        }
    }

    /** The one right value of key {@code i}: between 16 bytes and 6 KiB, content derived from {@code i}. */
    static byte[] expected(int i) {
        Random random = new Random(i * 7919L + 13);
        byte[] value = new byte[16 + random.nextInt(6 * 1024)];
        random.nextBytes(value);
        ByteBuffer.wrap(value).putInt(i);
        return value;
    }

    /** The one right value of key {@code i} for the "large" writer: 1 to 4 MiB, cheap to make and check. */
    static byte[] large(int i) {
        byte[] value = new byte[256 * 1024 * (4 + Math.floorMod(i * 7919, 13))];
        Arrays.fill(value, (byte) i);
        ByteBuffer.wrap(value).putInt(i).putInt(value.length - 4, i);
        return value;
    }

    static CacheKey key(ProcessorCache cache, int i) {
        return cache.newKey().add("key-" + i).build();
    }

    static ProcessorCache open(Path root) {
        return ProcessorCache.open(root, CONSUMER, "1", warning -> {
            System.err.println("WARNING " + warning);
        });
    }

    private static void put(Path root, int first, int count) {
        ProcessorCache cache = open(root);
        for (int pass = 0; ; pass++) {
            for (int i = first; i < first + count; i++) {
                int n = i;
                if ((i + pass) % 2 == 0) {
                    cache.put(key(cache, n), expected(n));
                } else {
                    cache.computeIfAbsent(key(cache, n), () -> expected(n));
                }
            }
        }
    }

    private static void contend(Path root, int keys, int seconds, Path log, int threads) throws Exception {
        ProcessorCache cache = open(root);
        long pid = ProcessHandle.current().pid();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong lookups = new AtomicLong();
        AtomicLong corrupt = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Random random = new Random(pid * 31 + t);
            Thread worker = new Thread(() -> {
                while (System.nanoTime() < end) {
                    int n = random.nextInt(keys);
                    byte[] value = cache.computeIfAbsent(key(cache, n), () -> {
                        record(log, pid + " " + n + "\n");
                        return expected(n);
                    });
                    lookups.incrementAndGet();
                    if (!Arrays.equals(value, expected(n))) {
                        corrupt.incrementAndGet();
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        cache.close();
        System.out.println(lookups.get() + " " + corrupt.get());
    }

    /** One small append with O_APPEND: lines from several processes do not interleave. */
    private static void record(Path log, String line) {
        try (FileChannel channel =
                FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
