package dev.spillway.toolkit.sentinel;

import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.record.EventSink;
import dev.spillway.toolkit.record.ObservableQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * A sentinel's configuration while it is being built. Each builder step works on its own {@link
 * #copy()} and never changes it after handing it on, so the stages and the builder are immutable.
 * Every value here has been validated by the step that set it.
 */
final class Settings {

  static final int DEFAULT_TOP_N = 5;
  static final int DEFAULT_RETAIN = 1000;
  static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

  QueueProbe probe;
  ObservableQueue<?> queue; // null when polling
  long intervalNanos; // 0 when event-driven
  long enable;
  long disable;
  String name;
  boolean oneShot;
  Mitigation mitigation = Mitigation.log();
  List<EventSink> sinks = List.of();
  List<QueueProbe> rankAmong = List.of();
  int topN = DEFAULT_TOP_N;
  Supplier<Thread> consumer; // null: no stack in the diagnostics
  boolean inline;
  int retain = DEFAULT_RETAIN;
  Clock clock = Clock.systemUTC();
  Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;

  Settings copy() {
    Settings c = new Settings();
    c.probe = probe;
    c.queue = queue;
    c.intervalNanos = intervalNanos;
    c.enable = enable;
    c.disable = disable;
    c.name = name;
    c.oneShot = oneShot;
    c.mitigation = mitigation;
    c.sinks = sinks;
    c.rankAmong = rankAmong;
    c.topN = topN;
    c.consumer = consumer;
    c.inline = inline;
    c.retain = retain;
    c.clock = clock;
    c.closeTimeout = closeTimeout;
    return c;
  }

  boolean polling() {
    return queue == null;
  }
}
