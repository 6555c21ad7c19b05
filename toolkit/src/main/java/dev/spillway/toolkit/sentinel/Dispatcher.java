package dev.spillway.toolkit.sentinel;

/** Runs a sentinel's breach and fall-back handling, inline or on a thread of its own. */
interface Dispatcher {

  /** Runs {@code job} now on this thread, or hands it to the sentinel's thread. */
  void execute(Runnable job);

  /**
   * Runs the jobs handed off so far and stops, waiting at most until {@code deadline} (a {@link
   * System#nanoTime()} instant). Never throws.
   *
   * @return whether everything handed off was run and the thread, if any, has ended
   */
  boolean close(long deadline);

  /**
   * After a {@link #close} that timed out: drops the jobs not begun, interrupts the one running.
   */
  void abandon();

  /** The dispatcher's own thread, or null when jobs run inline. */
  Thread thread();

  /** Runs every job on the thread that calls {@link #execute(Runnable)}. */
  static Dispatcher inline() {
    return new Dispatcher() {
      @Override
      public void execute(Runnable job) {
        job.run();
      }

      @Override
      public boolean close(long deadline) {
        return true;
      }

      @Override
      public void abandon() {}

      @Override
      public Thread thread() {
        return null;
      }

      @Override
      public String toString() {
        return "inline";
      }
    };
  }
}
