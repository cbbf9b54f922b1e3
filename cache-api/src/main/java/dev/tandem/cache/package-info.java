/**
 * The Tandem processor cache: a managed, per-consumer key/value store inside the build directory, plus the input
 * checksums that {@code tandem:prepare} computes once per build.
 *
 * <p>This module has no dependencies so that annotation processors can load it inside javac. The cache itself
 * arrives with the processor-cache issue; until then this package only reserves the module, its coordinates and
 * its automatic module name {@code dev.tandem.cache}.
 */
package dev.tandem.cache;
