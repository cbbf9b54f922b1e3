package dev.tandem.cache;

import dev.tandem.cache.store.FileStat;
import dev.tandem.cache.store.InputIndex;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * What the input index cannot list: files added (or removed) after it was begun. A folder's modification time moves
 * when an entry is added, removed or renamed in it, so the folders that hold indexed files, and their ancestors below
 * the base directory, tell whether the index's file set is still this moment's. Used by {@link
 * Inputs#changedSinceLastBuild()} and {@link Inputs#digestOf(String)} only: a compilation's look-ups never load it.
 */
final class InputFolders {
    private InputFolders() {}

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
