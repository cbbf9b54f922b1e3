package dev.tandem.maven;

import dev.tandem.cache.internal.CacheFiles;
import dev.tandem.cache.internal.CacheLayout;
import dev.tandem.cache.internal.FolderHandles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Deletes one consumer's cache ({@code -Dtandem.consumer=ID}) or all of them; the input index stays.
 *
 * @since 0.1.0
 */
@Mojo(name = "purge", threadSafe = true)
public class PurgeMojo extends AbstractCacheMojo {

    /**
     * The consumer whose cache to delete, e.g. {@code com.acme.sqlgen}; all consumers when not set.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tandem.consumer")
    private String consumer;

    @Override
    protected void run() throws MojoExecutionException {
        CacheLayout layout = new CacheLayout(cacheDirectory.toPath());
        Path target;
        try {
            target = consumer == null || consumer.isEmpty() ? layout.consumers() : layout.consumer(consumer);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage());
        }
        if (CacheFiles.isLink(layout.root())) {
            throw new MojoExecutionException("Tandem will not purge " + layout.root() + ": it is a symbolic link, and"
                    + " Tandem never deletes through links. Delete the link itself if the cache behind it is yours.");
        }
        try {
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                getLog().info("Tandem: nothing to purge, " + target + " does not exist");
                return;
            }
            long bytes = CacheMaintenance.sizeOf(target);
            FolderHandles.deleteTree(layout.root(), target);
            getLog().info("Tandem: purged " + (consumer == null || consumer.isEmpty() ? "all consumers" : consumer)
                    + " (" + CacheReport.bytes(bytes) + ")");
        } catch (IOException e) {
            throw new MojoExecutionException("Tandem cannot delete " + target + ": " + e.getMessage(), e);
        }
    }
}
