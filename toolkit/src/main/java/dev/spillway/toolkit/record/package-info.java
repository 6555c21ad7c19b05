/**
 * Watching queues: {@link dev.spillway.toolkit.record.ObservableQueue} (depth, high-water mark and
 * depth listeners) with its two implementations, {@link
 * dev.spillway.toolkit.record.InstrumentedQueue} (one lock, any consumers, exact) and {@link
 * dev.spillway.toolkit.record.InstrumentedMpscQueue} (lock-free, one consumer, its indices are its
 * instrumentation), {@link dev.spillway.toolkit.record.QueueRecorder} (samples probes on one thread
 * into bounded memory and records events), and the immutable {@link
 * dev.spillway.toolkit.record.QueueTrace} with its statistics: high-water mark, time above a
 * threshold, drain time, growth with its standard error.
 */
package dev.spillway.toolkit.record;
