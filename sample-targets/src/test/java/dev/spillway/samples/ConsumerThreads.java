package dev.spillway.samples;

import java.util.Set;
import java.util.stream.Collectors;

/** The designs' consumer threads alive now, found by their name. */
final class ConsumerThreads {

  static final String PREFIX = "spillway-consumer-";

  private ConsumerThreads() {}

  /** Every live thread whose name starts with {@value #PREFIX}. */
  static Set<Thread> alive() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith(PREFIX))
        .collect(Collectors.toSet());
  }

  /** The live consumer threads that are not in {@code before}: those started since. */
  static Set<Thread> startedSince(Set<Thread> before) {
    Set<Thread> now = alive();
    now.removeAll(before);
    return now;
  }
}
