package dev.spillway.toolkit.record;

import java.util.AbstractQueue;

// The memory layout of InstrumentedMpscQueue, as a chain of classes: HotSpot places a superclass's
// fields before its subclass's, so each class below puts its field after the padding of the one
// above it. Each hot field gets 128 bytes of padding on both sides (two cache lines: x86's
// adjacent-line prefetcher pulls lines in pairs), so the field producers write (the producer
// index), the fields they mostly read (the cached limit and the high-water mark) and the field the
// consumer writes (the consumer index) never share a cache line with each other or with the
// queue's read-only fields. Only the last class is used outside this file.

/** 128 bytes after the object header. */
abstract class MpscPadBeforeProducerIndex<E> extends AbstractQueue<E> {
  long a00, a01, a02, a03, a04, a05, a06, a07;
  long a08, a09, a10, a11, a12, a13, a14, a15;
}

/**
 * Written by every producer (a CAS per offer); read by the consumer only when its slot is empty.
 */
abstract class MpscProducerIndex<E> extends MpscPadBeforeProducerIndex<E> {
  volatile long producerIndex;
}

/** 128 bytes between the producer index and the producers' read-mostly fields. */
abstract class MpscPadBeforeProducerLimit<E> extends MpscProducerIndex<E> {
  long b00, b01, b02, b03, b04, b05, b06, b07;
  long b08, b09, b10, b11, b12, b13, b14, b15;
}

/**
 * Read by every producer on every offer, written rarely: a consumer index plus the capacity (the
 * producers' cached bound), and the high-water mark.
 */
abstract class MpscProducerLimit<E> extends MpscPadBeforeProducerLimit<E> {
  volatile long producerLimit;
  volatile long highWaterMark;
}

/** 128 bytes between the producers' fields and the consumer index. */
abstract class MpscPadBeforeConsumerIndex<E> extends MpscProducerLimit<E> {
  long c00, c01, c02, c03, c04, c05, c06, c07;
  long c08, c09, c10, c11, c12, c13, c14, c15;
}

/**
 * Written by the consumer (a release store per poll); read by producers when their bound runs out.
 */
abstract class MpscConsumerIndex<E> extends MpscPadBeforeConsumerIndex<E> {
  volatile long consumerIndex;
}

/**
 * The field layout of {@link InstrumentedMpscQueue}: the producer index, the producers' cached
 * limit with the high-water mark, and the consumer index, each on cache lines of its own; the
 * queue's own (read-only or read-mostly) fields follow this class's 128 bytes of padding.
 */
abstract class MpscLayout<E> extends MpscConsumerIndex<E> {
  long d00, d01, d02, d03, d04, d05, d06, d07;
  long d08, d09, d10, d11, d12, d13, d14, d15;
}
