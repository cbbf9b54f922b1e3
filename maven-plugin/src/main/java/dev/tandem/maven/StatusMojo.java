package dev.tandem.maven;

import dev.tandem.cache.internal.CacheLayout;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Prints a table per consumer of the processor cache: entries, size, hits, misses and hit rate, time spent
 * computing and time saved in its last build, and when it was last used.
 *
 * @since 0.1.0
 */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends AbstractCacheMojo {

    @Override
    protected void run() throws MojoExecutionException {
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
