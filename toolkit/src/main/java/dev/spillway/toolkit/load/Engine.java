package dev.spillway.toolkit.load;

import java.util.List;

/** How a run hands messages to its target: on the driver thread, or through a sender pool. */
interface Engine {

  /** Starts the engine's own threads (before the run's clock starts). */
  void startThreads();

  /**
   * Plays the whole profile on the driver thread and waits for the sends to finish; returns when
   * everything is done or the run is halted (then after a bounded wait for its threads).
   */
  void drive();

  /** Interrupts the threads that may be blocked in the target, except the calling thread. */
  void interruptSenders(Thread driverThread);

  /** The engine's sender threads still alive (the driver thread is not counted). */
  int aliveSenderThreads();

  /**
   * Whether the driver thread itself calls the target (and so can be stuck in it); a pool's driver
   * thread only hands messages out.
   */
  boolean sendsOnDriverThread();

  /** One per sending thread. */
  List<SendStats> stats();

  /** The outcomes of asynchronous sends, or null when sends are synchronous. */
  AsyncOutcomes async();

  /** The most messages that were due while every sender was busy (pool mode only). */
  long maxWaitingForSender();
}
