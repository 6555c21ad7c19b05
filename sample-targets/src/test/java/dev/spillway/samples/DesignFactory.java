package dev.spillway.samples;

import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;

/** Builds one design over a given downstream: the close contract holds for every design. */
record DesignFactory(String name, Function<Downstream, EventTracker> build) {

  EventTracker over(Downstream downstream) {
    return build.apply(downstream);
  }

  /** The designs, with bounds no test here reaches. */
  static Stream<DesignFactory> all() {
    return Stream.of(
        new DesignFactory("singleton", Designs::singleton),
        new DesignFactory("partitioned", d -> Designs.partitioned(4, d)),
        new DesignFactory("bounded", d -> Designs.bounded(100_000, d)),
        new DesignFactory(
            "sentinel-watched",
            d -> Designs.sentinelWatched(1_000_000, 10, SentinelMitigation.SHED, d)),
        new DesignFactory("balancer", d -> Designs.balancer(4, Duration.ZERO, d)),
        new DesignFactory("free-for-all", d -> Designs.freeForAll(4, d)),
        new DesignFactory("drop-oldest", d -> Designs.dropOldest(100_000, 10, d)),
        new DesignFactory("sync-async", d -> Designs.syncAsync(100_000, 10, d)),
        new DesignFactory("demand-driven", d -> Designs.demandDriven(100_000, Duration.ZERO, d)));
  }

  /**
   * The designs whose {@code track} waits while the design is full (a bounded mailbox, every worker
   * checked out): only tests that track from threads of their own can close them meanwhile.
   */
  static Stream<DesignFactory> whoseCallersWait() {
    return Stream.of(
        new DesignFactory("caller-waits", d -> Designs.callerWaits(8, d)),
        new DesignFactory("worker-locks", d -> Designs.workerLocks(2, d)));
  }

  @Override
  public String toString() {
    return name;
  }
}
