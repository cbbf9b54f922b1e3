/**
 * Replay for the annotation processors users already run: {@link dev.tandem.replay.ReplayProcessor} runs the
 * processors of the processor path and, for isolating ones, replays the recorded output of elements whose inputs
 * did not change.
 */
package dev.tandem.replay;
