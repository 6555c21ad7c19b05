package dev.spillway.toolkit.sentinel;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.lang.System.Logger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * What a sentinel does when a queue reaches its enable threshold. Combine them with {@link
 * #and(Mitigation)}; they run in that order, once per breach, and each one's outcome is recorded in
 * the {@link Breach} and reported as a {@code MITIGATION} event.
 *
 * <ul>
 *   <li>{@link #log()} writes the breach with its {@link Diagnostics} (top queues by depth, the
 *       consumer thread's stack) to a {@link System.Logger} at {@code WARNING};
 *   <li>{@link #shed()} makes {@link Sentinel#admits()} refuse new messages from the moment the
 *       depth reaches the enable threshold until it falls back to the disable threshold;
 *   <li>{@link #restart(ConsumerRestart)} asks the component to restart its consumer and records
 *       how many queued messages were dropped or redelivered;
 *   <li>{@link #callback(Consumer)} hands the breach to your code.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Mitigation {

  private static final Mitigation NONE = new Mitigation(List.of());

  private final List<Action> actions;

  private Mitigation(List<Action> actions) {
    this.actions = List.copyOf(actions);
  }

  /** No mitigation: the breach is only recorded and reported as an event. */
  public static Mitigation none() {
    return NONE;
  }

  /**
   * Logs each breach with its diagnostics at {@code WARNING} to the logger named after {@link
   * Sentinel}.
   */
  public static Mitigation log() {
    return log(System.getLogger(Sentinel.class.getName()));
  }

  /** Logs each breach with its diagnostics at {@code WARNING} to {@code logger}. */
  public static Mitigation log(Logger logger) {
    Preconditions.notNull(logger, "logger");
    return new Mitigation(List.of(new LogAction(logger)));
  }

  /**
   * Sheds load: from the moment the depth reaches the enable threshold until it falls back to the
   * disable threshold, {@link Sentinel#isShedding()} is true and {@link Sentinel#admits()} refuses
   * (and counts) every message. The component must reject a refused message explicitly.
   */
  public static Mitigation shed() {
    return new Mitigation(List.of(new ShedAction()));
  }

  /**
   * Restarts the consumer: calls {@code restart} once per breach and records how many queued
   * messages it dropped or redelivered (a failure or a null outcome is recorded as a failed
   * result).
   */
  public static Mitigation restart(ConsumerRestart restart) {
    Preconditions.notNull(restart, "consumer restart");
    return new Mitigation(List.of(new RestartAction(restart)));
  }

  /**
   * Calls {@code callback} once per breach with the breach as recorded so far (it holds the results
   * of the mitigations combined before this one). An exception it throws is recorded as a failed
   * result.
   */
  public static Mitigation callback(Consumer<? super Breach> callback) {
    Preconditions.notNull(callback, "breach callback");
    return new Mitigation(List.of(new CallbackAction(callback)));
  }

  /** This mitigation followed by {@code next}. */
  public Mitigation and(Mitigation next) {
    Preconditions.notNull(next, "next mitigation");
    List<Action> all = new ArrayList<>(actions);
    all.addAll(next.actions);
    return new Mitigation(all);
  }

  /** Whether this mitigation includes {@link #shed()}. */
  public boolean sheds() {
    return actions.stream().anyMatch(ShedAction.class::isInstance);
  }

  List<Action> actions() {
    return actions;
  }

  @Override
  public String toString() {
    return "Mitigation" + actions;
  }
}
