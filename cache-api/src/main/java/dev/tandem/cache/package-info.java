/**
 * The Tandem processor cache: a managed, per-consumer key/value store inside the build directory, plus the input
 * checksums that {@code tandem:prepare} computes once per build. Start at {@link dev.tandem.cache.ProcessorCache}.
 *
 * <p>This module has no dependencies, so that annotation processors can load it inside javac.
 */
package dev.tandem.cache;
