/**
 * The cache's files and their formats, each read and written by one class here. Used by {@code
 * tandem-maven-plugin}; processors use {@link dev.tandem.cache.ProcessorCache} instead.
 */
package dev.tandem.cache.store;
