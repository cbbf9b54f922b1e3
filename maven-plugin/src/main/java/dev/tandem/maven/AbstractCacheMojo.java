package dev.tandem.maven;

import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

/** What every Tandem goal has: the cache root, and the switch that skips it. */
public abstract class AbstractCacheMojo extends AbstractMojo {

    /**
     * The cache root. {@code prepare} requires it inside the build directory, so that {@code mvn clean} removes it.
     *
     * @since 0.1.0
     */
    @Parameter(property = Preparation.CACHE_DIRECTORY_PROPERTY, defaultValue = "${project.build.directory}/tandem")
    protected File cacheDirectory;

    /**
     * Skips the goal. Processors still work without Tandem's goals, hashing the files they read themselves.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tandem.skip", defaultValue = "false")
    protected boolean skip;

    @Override
    public final void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("Tandem: skipped (tandem.skip)");
            skipped("tandem.skip");
            return;
        }
        run();
    }

    /** What a goal leaves behind when skipped by {@code switchName}: by default nothing. */
    protected void skipped(String switchName) throws MojoExecutionException {}

    /** The goal's work, when not skipped. */
    protected abstract void run() throws MojoExecutionException;
}
