/**
 * Not API: the cache's files and their formats, for Tandem's own modules ({@code tandem-maven-plugin} and {@code
 * tandem-replay}) only. Anything here may change in any release without notice; a processor or plugin uses {@link
 * dev.tandem.cache.ProcessorCache}, {@link dev.tandem.cache.CacheKey} and {@link dev.tandem.cache.Inputs}, the only
 * public surface.
 *
 * <p>Each file format is read and written by one class here; the input index by two, {@link
 * dev.tandem.cache.internal.InputIndex} reading it and {@link dev.tandem.cache.internal.InputIndexWriter} writing it, so
 * that a compilation loads only the reader.
 */
package dev.tandem.cache.internal;
