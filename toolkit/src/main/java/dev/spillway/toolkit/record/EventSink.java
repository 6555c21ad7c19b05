package dev.spillway.toolkit.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Receives {@link TraceEvent}s. The {@code QueueRecorder} is one; a sentinel, a load driver or an
 * injector reports to any number of them. Implementations must be thread-safe and must not block.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface EventSink {

  /** A sink that ignores every event. */
  EventSink NONE = event -> {};

  /** Records {@code event}. */
  void record(TraceEvent event);
}
