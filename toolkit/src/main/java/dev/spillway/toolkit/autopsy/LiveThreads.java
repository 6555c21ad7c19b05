package dev.spillway.toolkit.autopsy;

import java.util.Arrays;
import java.util.List;

/** Lists the live threads, through the root thread group (no stack traces taken). */
final class LiveThreads {

  private LiveThreads() {}

  /** The live threads. */
  static List<Thread> all() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int n = root.enumerate(threads, true);
    return Arrays.asList(threads).subList(0, n);
  }
}
