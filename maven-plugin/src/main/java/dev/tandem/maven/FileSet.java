package dev.tandem.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of input files for {@code tandem:prepare}: a directory with includes and excludes written as in Maven
 * ({@code **} for any directories).
 *
 * <pre>{@code
 * <inputs>
 *   <input>
 *     <directory>${project.basedir}/src</directory>
 *     <excludes><exclude>**&#47;*.tmp</exclude></excludes>
 *   </input>
 * </inputs>
 * }</pre>
 */
public class FileSet {
    private File directory;
    private List<String> includes = new ArrayList<>();
    private List<String> excludes = new ArrayList<>();

    public FileSet() {}

    public FileSet(File directory, List<String> includes, List<String> excludes) {
        this.directory = directory;
        this.includes = includes;
        this.excludes = excludes;
    }

    public File getDirectory() {
        return directory;
    }

    public void setDirectory(File directory) {
        this.directory = directory;
    }

    /** Patterns relative to the directory; none means everything. */
    public List<String> getIncludes() {
        return includes;
    }

    public void setIncludes(List<String> includes) {
        this.includes = includes;
    }

    public List<String> getExcludes() {
        return excludes;
    }

    public void setExcludes(List<String> excludes) {
        this.excludes = excludes;
    }

    @Override
    public String toString() {
        return directory + " includes " + includes + " excludes " + excludes;
    }
}
