/**
 * The cache's files and their formats, each read and written by one class here; the input index by two, {@link
 * dev.tandem.cache.store.InputIndex} reading it and {@link dev.tandem.cache.store.InputIndexWriter} writing it, so that
 * a compilation loads only the reader. Used by {@code tandem-maven-plugin}; processors use {@link
 * dev.tandem.cache.ProcessorCache} instead.
 */
package dev.tandem.cache.store;
