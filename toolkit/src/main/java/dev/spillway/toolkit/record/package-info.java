/**
 * Watching queues: {@link dev.spillway.toolkit.record.InstrumentedQueue} (exact depth and
 * high-water mark, depth listeners), {@link dev.spillway.toolkit.record.QueueRecorder} (samples
 * probes on one thread into bounded memory and records events), and the immutable {@link
 * dev.spillway.toolkit.record.QueueTrace} with its statistics: high-water mark, time above a
 * threshold, drain time, growth with its standard error.
 */
package dev.spillway.toolkit.record;
