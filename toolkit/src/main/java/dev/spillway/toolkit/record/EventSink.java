package dev.spillway.toolkit.record;

/**
 * Receives {@link TraceEvent}s. The {@code QueueRecorder} is one; a sentinel, a load driver or an
 * injector reports to any number of them. Implementations must be thread-safe and must not block.
 */
@FunctionalInterface
public interface EventSink {

  /** A sink that ignores every event. */
  EventSink NONE = event -> {};

  /** Records {@code event}. */
  void record(TraceEvent event);
}
