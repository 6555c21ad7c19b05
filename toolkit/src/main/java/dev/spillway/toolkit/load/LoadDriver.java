package dev.spillway.toolkit.load;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import org.apiguardian.api.API;

/**
 * Plays a {@link LoadProfile} into a target, sending every message at the time the profile says it
 * is due — never "after the previous one completes" — so that a slow target cannot slow the load
 * down unseen: latency and lateness count from the intended time (no coordinated omission), and a
 * driver that falls behind says so in its report ({@link LoadReport#backPressure()}).
 *
 * <pre>{@code
 * LoadReport report = LoadDriver.drive(profile)
 *     .named("orders")
 *     .sendTo(Sender.offering(mailbox::offer))
 *     .run();
 * }</pre>
 *
 * <p>Pacing: the driver thread computes the messages due from {@link System#nanoTime()}, sends
 * every one that is due, then parks until the next is due. Parking wakes in steps of ~50–60 µs, so
 * messages go out in small batches and lateness has a floor of about that much (see {@link
 * LoadDriverBuilder#spinWithin} to trade a core for less).
 *
 * <p>Bounded in time: a run never sends after its planned duration plus the grace period; then it
 * interrupts its senders and reports what was not sent or did not finish ({@link Ending#DEADLINE}).
 * A watchdog thread enforces this even when a send never returns; the report follows within ~250 ms
 * of the halt.
 *
 * <p>A driver is an immutable configuration and thread-safe: each {@link #run()} or {@link
 * #start()} is a new, independent run. Its threads are daemon threads named {@code
 * spillway-load-<name>}, {@code spillway-load-watchdog-<name>} and {@code
 * spillway-load-sender-<name>-<i>}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LoadDriver {

  private final DriverSettings settings;

  LoadDriver(DriverSettings settings) {
    this.settings = settings;
  }

  /**
   * Starts configuring a driver for {@code profile}.
   *
   * @param profile not null
   */
  public static LoadDriverBuilder drive(LoadProfile profile) {
    Preconditions.notNull(profile, "load profile");
    return new LoadDriverBuilder(profile);
  }

  /**
   * Runs the profile and returns its report; blocks for about the planned duration, at most the
   * planned duration plus the grace period plus ~250 ms. An interrupt of the calling thread stops
   * the run: the report (ending {@link Ending#STOPPED}) is still returned, with the interrupt flag
   * set.
   *
   * @throws IllegalStateException when the driver itself failed (e.g. its event sink threw)
   */
  public LoadReport run() {
    DriverRun run = DriverRun.start(settings);
    try {
      return run.await();
    } catch (InterruptedException e) {
      run.halt(Ending.STOPPED, "the thread running run() was interrupted");
      LoadReport report = run.awaitUninterruptibly();
      Thread.currentThread().interrupt();
      return report;
    }
  }

  /** Starts the profile on the driver's own threads and returns at once. */
  public RunningLoad start() {
    return DriverRun.start(settings);
  }

  /** The profile this driver plays. */
  public LoadProfile profile() {
    return settings.profile();
  }

  /** The driver's name. */
  public String name() {
    return settings.name();
  }

  /** How the driver sends. */
  public SendMode mode() {
    return settings.mode();
  }

  @Override
  public String toString() {
    return "LoadDriver[name="
        + settings.name()
        + ", mode="
        + settings.mode()
        + (settings.mode() == SendMode.POOL ? ", senderThreads=" + settings.senderThreads() : "")
        + ", keys="
        + settings.keys()
        + ", seed="
        + settings.seed()
        + ", grace="
        + settings.grace()
        + ", lateThreshold="
        + settings.lateThreshold()
        + ", spin="
        + settings.spin()
        + ", profile="
        + settings.profile().describe()
        + "]";
  }
}
