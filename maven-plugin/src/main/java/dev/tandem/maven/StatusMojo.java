package dev.tandem.maven;

import dev.tandem.cache.store.CacheLayout;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints a table per consumer of the processor cache: entries, size, hits, misses and hit rate, time spent
 * computing and time saved in its last build, and when it was last used.
 *
 * @since 0.1.0
 */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends AbstractMojo {

    /**
     * The cache root.
     *
     * @since 0.1.0
     */
    @Parameter(property = PrepareMojo.CACHE_DIRECTORY_PROPERTY, defaultValue = "${project.build.directory}/tandem")
    private File cacheDirectory;

    /**
     * Skips the report.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tandem.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("Tandem: skipped (tandem.skip)");
            return;
        }
        try {
            for (String line : CacheReport.lines(new CacheLayout(cacheDirectory.toPath()))) {
                getLog().info(line);
            }
        } catch (IOException e) {
            throw new MojoExecutionException(
                    "Tandem cannot read the cache in " + cacheDirectory + ": " + e.getMessage(), e);
        }
    }
}
