package dev.spillway.toolkit.ledger;

import java.time.Duration;
import java.util.function.LongSupplier;

/** A nanosecond clock that moves only when told. */
final class FakeClock implements LongSupplier {
  private long now = 1_000_000_000_000L;

  @Override
  public long getAsLong() {
    return now;
  }

  void advance(Duration d) {
    now += d.toNanos();
  }

  void advanceMillis(long ms) {
    advance(Duration.ofMillis(ms));
  }
}
