package dev.tandem.cache;

import dev.tandem.cache.internal.AntPattern;
import dev.tandem.cache.internal.FileStat;
import dev.tandem.cache.internal.Hex;
import dev.tandem.cache.internal.InputIndex;
import dev.tandem.cache.internal.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The answers of {@link Inputs} that walk every entry of the index, {@link Inputs#changedSinceLastBuild()} and {@link
 * Inputs#digestOf(String)}, apart from the class that looks files up: javac loads (parses and verifies) every class a
 * processor touches again in each compilation's fresh class loader, and most processors only look up.
 *
 * <p>They also see what the index cannot list: files added (or removed) after it was begun. A folder's modification
 * time moves when an entry is added, removed or renamed in it, so the folders that hold indexed files, and their
 * ancestors below the base directory, tell whether the index's file set is still this moment's.
 */
final class IndexWalks {
    private IndexWalks() {}

    /** {@link Inputs#changedSinceLastBuild()} on an index that answers (not a damaged one). */
    static Set<Path> changedSinceLastBuild(InputIndex index, int lastBuildOfConsumer) {
        Set<Path> changed = new TreeSet<>();
        Set<Path> indexed = new HashSet<>();
        for (int i = 0; i < index.size(); i++) {
            InputIndex.Entry entry = index.entry(i);
            Path file = index.resolve(entry);
            if (file == null) {
                continue;
            }
            indexed.add(file);
            if (lastBuildOfConsumer <= 0
                    || entry.changedInBuild() > lastBuildOfConsumer
                    || !Inputs.unchanged(index, entry, file)) {
                changed.add(file);
            }
        }
        // a file added since the index was begun is in none of its entries: its folder's time tells
        addFilesAddedSince(index, indexed, changed);
        return Collections.unmodifiableSet(changed);
    }

    /** {@link Inputs#digestOf(String)} on an index that answers; the matching files are tracked in {@code inputs}. */
    static String digestOf(Inputs inputs, String glob, InputIndex index) {
        AntPattern matcher = AntPattern.compile(glob);
        String base = literalFolder(glob);
        Set<Path> under = new HashSet<>();
        MessageDigest sha = Sha256.newDigest();
        for (int i = 0; i < index.size(); i++) {
            InputIndex.Entry entry = index.entry(i);
            if (entry.path().startsWith(base)) {
                Path file = index.resolve(entry);
                if (file != null) {
                    under.add(file);
                }
            }
            Path file = matcher.matches(entry.path()) ? index.resolve(entry) : null;
            if (file != null) {
                // a file changed since prepare counts with what it holds now
                byte[] checksum = Inputs.unchanged(index, entry, file) ? entry.sha256() : Sha256.ofOrMissing(file);
                sha.update(entry.path().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(checksum);
                inputs.tracked().put(file.toString(), Hex.of(checksum));
            }
        }
        if (changedSince(
                index,
                under,
                base.isEmpty() ? null : index.basedir().resolve(base).normalize())) {
            // a file was added or removed where the pattern looks since the index was begun (prepare did not run in
            // this build, or something wrote there after it): which files match now is unknown, so the digest is
            // one no key was ever made with, a miss
            sha.update(inputs.unknownSet());
        }
        return Hex.of(sha.digest());
    }

    /** Adds to {@code changed} the files of folders that gained entries since the index was begun. */
    static void addFilesAddedSince(InputIndex index, Set<Path> indexed, Set<Path> changed) {
        Set<Path> folders = foldersOf(index, indexed, null);
        for (Path folder : folders) {
            if (changedSince(index, folder)) {
                addUnindexed(index, folder, folders, indexed, changed);
            }
        }
    }

    /** Whether a folder holding one of {@code files}, or {@code base} or an ancestor, changed since the index. */
    static boolean changedSince(InputIndex index, Set<Path> files, Path base) {
        for (Path folder : foldersOf(index, files, base)) {
            if (changedSince(index, folder)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The folders below the base directory that hold the given files, with their ancestors, and {@code base} with
     * its ancestors when given: the folders whose times tell whether a file was added or removed among them.
     */
    private static Set<Path> foldersOf(InputIndex index, Set<Path> files, Path base) {
        Set<Path> folders = new HashSet<>();
        Path root = index.basedir();
        if (base != null) {
            addWithAncestors(base, root, folders);
        }
        for (Path file : files) {
            addWithAncestors(file.getParent(), root, folders);
        }
        return folders;
    }

    /** Adds {@code folder} and its ancestors below {@code root}, stopping at the first one already there. */
    private static void addWithAncestors(Path folder, Path root, Set<Path> folders) {
        for (Path d = folder; d != null && d.startsWith(root) && !d.equals(root); d = d.getParent()) {
            if (!folders.add(d)) {
                return;
            }
        }
    }

    /**
     * Whether a folder's entries may have changed since the index was begun, or it is no folder now. One that is
     * not there tells nothing: its parent's time says whether it went (or came) since.
     */
    private static boolean changedSince(InputIndex index, Path folder) {
        FileStat stat = FileStat.of(folder, false);
        if (stat == null) {
            return false;
        }
        return stat.kind() != FileStat.DIRECTORY
                || Math.max(stat.mtimeNanos(), stat.ctimeNanos()) / 1_000_000 >= index.indexedAtMillis();
    }

    /** The files of a changed folder that the index has not (and of its folders made since), as changed. */
    private static void addUnindexed(
            InputIndex index, Path folder, Set<Path> known, Set<Path> indexed, Set<Path> changed) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                FileStat stat = FileStat.of(entry, false);
                if (stat != null && stat.kind() == FileStat.LINK) {
                    stat = FileStat.of(entry, true); // a link to a file is an input, one to a folder is not followed
                    if (stat == null || stat.kind() != FileStat.FILE) {
                        continue;
                    }
                }
                if (stat == null) {
                    continue;
                }
                if (stat.kind() == FileStat.FILE && !indexed.contains(entry)) {
                    changed.add(entry);
                } else if (stat.kind() == FileStat.DIRECTORY && !known.contains(entry) && changedSince(index, entry)) {
                    addUnindexed(index, entry, known, indexed, changed);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // gone or unreadable since: it holds no inputs now
        }
    }

    /** The folder a pattern's matches all lie under: its path up to the last '/' before the first wildcard. */
    static String literalFolder(String glob) {
        String pattern = glob.trim().replace('\\', '/');
        int wildcard = pattern.length();
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) == '*' || pattern.charAt(i) == '?') {
                wildcard = i;
                break;
            }
        }
        int slash = pattern.lastIndexOf('/', wildcard - 1);
        return slash <= 0 ? "" : pattern.substring(0, slash);
    }
}
