package dev.spillway.toolkit.sentinel;

/** Runs a sentinel's breach and fall-back handling, inline or on a thread of its own. */
interface Dispatcher extends AutoCloseable {

  /** Runs {@code job} now on this thread, or hands it to the sentinel's thread. */
  void execute(Runnable job);

  /** Runs the jobs handed off so far and stops; never throws. */
  @Override
  void close();

  /** Runs every job on the thread that calls {@link #execute(Runnable)}. */
  static Dispatcher inline() {
    return new Dispatcher() {
      @Override
      public void execute(Runnable job) {
        job.run();
      }

      @Override
      public void close() {}

      @Override
      public String toString() {
        return "inline";
      }
    };
  }
}
