package dev.spillway.junit.realtargets;

import dev.spillway.toolkit.load.Message;

/** The components' own work: a 5 ms handler (about 200 messages/s on one thread). */
final class Work {

  private Work() {}

  /** Sleeps 5 ms, as a handler that takes 5 ms would; an interrupt ends it with an exception. */
  static void fiveMillis(Message message) {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while handling message " + message.sequence());
    }
  }
}
