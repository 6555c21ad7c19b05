package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.ledger.InFlight;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.load.Outcome;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;

/**
 * Who keeps the books of a run: the harness, counting at the sender (sent, rejected, failed) and in
 * the components it wraps (in flight while inside, then processed or failed), or the component
 * itself, in a ledger the test gives; then the harness counts nothing. Also what is known of the
 * messages inside the consumers ({@link #inFlight(boolean)}). Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class Books {

  /** Set while the harness's sender calls the target, on the thread that calls it. */
  private static final ThreadLocal<Books> SENDING = new ThreadLocal<>();

  /**
   * Messages inside a wrapped component. An exact counter, not a LongAdder: a message's increment
   * and decrement may land in different cells of an adder, and a sum read across them can then be
   * −1, which the ledger's snapshot rejects.
   */
  private final AtomicLong inside = new AtomicLong();

  private volatile MessageLedger ledger;
  private volatile boolean counting;
  private volatile InFlight declared;

  private Books(MessageLedger ledger, boolean counting) {
    this.ledger = ledger;
    this.counting = counting;
  }

  /** Books the harness keeps itself, in a new ledger named {@code name}. */
  public static Books keptByHarness(String name) {
    return new Books(MessageLedger.builder().named(name).build(), true);
  }

  /**
   * From now on the component keeps the books, in {@code componentLedger}; the harness counts
   * nothing more (components wrapped earlier included).
   */
  public void handOver(MessageLedger componentLedger) {
    ledger = componentLedger;
    counting = false;
  }

  /** What the test declared of the messages inside the component's consumers. */
  public void declare(InFlight inFlight) {
    declared = inFlight;
  }

  /** The ledger. */
  public MessageLedger ledger() {
    return ledger;
  }

  /** Whether the harness counts (its own ledger). */
  public boolean countsItself() {
    return counting;
  }

  /**
   * What is known of the messages inside the consumers: what the test declared; else, when the
   * harness keeps the books and wraps the consumers, its own count; else nothing.
   */
  public InFlight inFlight(boolean wrapsConsumers) {
    InFlight given = declared;
    if (given != null) {
      return given;
    }
    return counting && wrapsConsumers ? InFlight.counted(inside::get) : InFlight.unknown();
  }

  /** A message is being sent. */
  public void sent() {
    if (counting) {
      ledger.sent();
    }
  }

  /** The target answered {@code outcome} (not accepted): counted with its reason or cause. */
  public void answered(Outcome outcome) {
    if (!counting || outcome.isAccepted()) {
      return;
    }
    String category = outcome.category().orElse(null);
    if (outcome.isRejected()) {
      if (outcome.cause().isPresent()) {
        ledger.rejected(outcome.cause().get());
      } else if (category != null) {
        ledger.rejected(category);
      } else {
        ledger.rejected();
      }
    } else if (outcome.cause().isPresent()) {
      ledger.failed(outcome.cause().get());
    } else if (category != null) {
      ledger.failed(category);
    } else {
      ledger.failed();
    }
  }

  /** A message failed with {@code cause} (a wrapped component threw). */
  public void failed(Throwable cause) {
    if (counting) {
      if (isOnCaller()) {
        ledger.failedByCaller(cause);
      } else {
        ledger.failed(cause);
      }
    }
  }

  /** A wrapped component handled a message. */
  public void processed() {
    if (counting) {
      if (isOnCaller()) {
        ledger.processedByCaller();
      } else {
        ledger.processed();
      }
    }
  }

  /** A wrapped component took a message in: it is in flight until {@link #left()}. */
  public void entered() {
    inside.incrementAndGet();
  }

  /** A wrapped component is done with a message; call before counting its outcome. */
  public void left() {
    inside.decrementAndGet();
  }

  /**
   * Runs {@code send} as the harness's sender calling the target on this thread: a wrapped
   * component that handles a message meanwhile, on this same thread, handles it on the caller's
   * thread (a caller-runs policy, a synchronous fallback).
   */
  public <T, E extends Exception> T sending(ThrowingSupplier<T, E> send) throws E {
    Books outer = SENDING.get();
    SENDING.set(this);
    try {
      return send.get();
    } finally {
      if (outer == null) {
        SENDING.remove();
      } else {
        SENDING.set(outer);
      }
    }
  }

  private boolean isOnCaller() {
    return SENDING.get() == this;
  }

  /** A supplier that may throw {@code E}. */
  @FunctionalInterface
  public interface ThrowingSupplier<T, E extends Exception> {
    /** Gets the value. */
    T get() throws E;
  }
}
