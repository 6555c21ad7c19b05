package dev.spillway.toolkit.autopsy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * How the watched threads' time split, as shares of their wall time in the window (each thread
 * counts from the start of the window, or from when it was registered if later, to the end, or to
 * its end if earlier). The waits are the durations of JFR's wait events ({@code jdk.ThreadSleep},
 * {@code jdk.ThreadPark}, {@code jdk.JavaMonitorEnter}, {@code jdk.JavaMonitorWait}); the rest is
 * {@code running} as far as execution samples cover it, and {@code other} beyond. Immutable.
 *
 * @param threadTime the watched threads' wall time in the window, all threads together
 * @param running the share seen running in execution samples (Java or native code): the thread's
 *     time outside its recorded waits, up to its last sample or wait
 * @param sleeping the share in {@code Thread.sleep}
 * @param parked the share parked ({@code LockSupport.park}: a {@code java.util.concurrent} lock, a
 *     queue's {@code take()}, a condition)
 * @param blocked the share blocked entering a contended {@code synchronized} monitor
 * @param monitorWait the share in {@code Object.wait}
 * @param other what no sample and no wait event covered: the time after a thread's last event (a
 *     wait still in progress when the recording stopped, whose event is written when it ends), or a
 *     thread that was never sampled
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record TimeShares(
    Duration threadTime,
    double running,
    double sleeping,
    double parked,
    double blocked,
    double monitorWait,
    double other) {

  /** No time at all: nothing was watched, or nothing was recorded. */
  public static final TimeShares NONE = new TimeShares(Duration.ZERO, 0, 0, 0, 0, 0, 0);

  /** Validates the components: each share in [0, 1], together at most 1. */
  public TimeShares {
    Preconditions.notNegative(threadTime, "thread time");
    Shares.check(running, "running share");
    Shares.check(sleeping, "sleeping share");
    Shares.check(parked, "parked share");
    Shares.check(blocked, "blocked share");
    Shares.check(monitorWait, "monitor wait share");
    Shares.check(other, "other share");
    double sum = running + sleeping + parked + blocked + monitorWait + other;
    Preconditions.check(sum <= 1 + 1e-6, "sum of the time shares", "at most 1", sum);
  }

  /** The share spent waiting: sleeping, parked, blocked or in {@code Object.wait}. */
  public double waiting() {
    return sleeping + parked + blocked + monitorWait;
  }
}
