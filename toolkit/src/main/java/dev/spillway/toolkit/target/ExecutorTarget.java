package dev.spillway.toolkit.target;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.ledger.InFlight;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.load.Outcome;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.probe.QueueProbes;
import dev.spillway.toolkit.util.Preconditions;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * A JDK executor as an {@link AccountedTarget}, in one call: each message sent becomes a counted
 * task that runs {@code work} on the executor, and the target keeps the books of every message.
 *
 * <pre>{@code
 * ThreadPoolExecutor pool =
 *     new ThreadPoolExecutor(1, 1, 0, SECONDS, new ArrayBlockingQueue<>(100), new AbortPolicy());
 * try (ExecutorTarget orders = ExecutorTarget.of("orders", pool, order -> handle(order))) {
 *   harness.target(orders);                       // in the JUnit extension
 *   ...
 * }
 * }</pre>
 *
 * <h2>What is counted, for a {@link ThreadPoolExecutor}</h2>
 *
 * <ul>
 *   <li><b>sent</b> before the task is handed to {@code execute};
 *   <li><b>queued</b>: the executor's work queue, read by {@link QueueProbes#threadPool} (its
 *       capacity too, when the queue is bounded). Use the executor only through this target during
 *       a run: tasks submitted to it from elsewhere are counted as queued too, and the books then
 *       count more than was sent;
 *   <li><b>in flight</b>: {@linkplain InFlight#counted counted} exactly: a task counts itself into
 *       flight when it starts (after the worker has taken it from the queue) and out of flight
 *       before its outcome;
 *   <li><b>processed</b> when {@code work} returns, <b>failed</b> (with the exception as its cause)
 *       when it throws. The exception does not reach the executor (its worker is not replaced and
 *       nothing is printed); an {@link Error} is counted and thrown on;
 *   <li>work run on the <b>caller's thread</b> — inside the send, as {@code CallerRunsPolicy} does
 *       — is counted {@linkplain MessageLedger#processedByCaller() processed by the caller} (or
 *       failed by the caller): it is push-back, and not the executor's service rate μ;
 *   <li><b>rejected</b>, with the exception as its reason, when {@code execute} throws a {@link
 *       RejectedExecutionException} ({@code AbortPolicy}, or a handler that throws one); the send
 *       answers {@link Outcome#of(Throwable) a rejection};
 *   <li><b>dropped</b>, with a reason that says the caller was not told, when the executor's policy
 *       discards a task silently: the new task under {@code DiscardPolicy}, the oldest waiting task
 *       under {@code DiscardOldestPolicy}, a task that {@code CallerRunsPolicy} or those two
 *       discard because the executor is shut down. The send answers {@link Outcome#ACCEPTED}: that
 *       is all the caller saw.
 * </ul>
 *
 * <p>To see what a policy discards, the target installs its own {@link RejectedExecutionHandler}
 * around the executor's, which behaves exactly as the original (see {@code AccountingHandler});
 * {@link #close()} puts the original back. The accounting is exact for the JDK's four policies
 * (recognised by their {@code rejectedExecution} method; a subclass that overrides it counts as a
 * handler of its own). A handler of its own is called as it is: what it runs on the caller's thread
 * counts there, what it puts into the queue (a blocking {@code queue.put}: the caller is held up,
 * which the load driver sees as push-back) counts when it runs, what it throws counts as rejected —
 * and what it <em>discards silently stays unaccounted</em>: once the run has settled, that is a
 * silent loss (LOST), which is the truth from where the target stands.
 *
 * <h2>Any other {@link Executor}</h2>
 *
 * <p>{@link #of(String, Executor, Consumer)} with an executor that is not a {@code
 * ThreadPoolExecutor} (a {@code ForkJoinPool}, a virtual-thread executor, a library's executor)
 * counts what can be known from outside: sent, rejected (a {@code RejectedExecutionException} from
 * {@code execute}), in flight, processed and failed, and work run on the caller's thread. It has no
 * queue to read and no policy to see: its queue is the target's own count of the tasks handed over
 * and not started yet (neither rejected nor dropped), without a capacity. A task the executor
 * accepts and then never runs therefore counts as waiting forever: the verdict shows a backlog that
 * never drains, not a loss. A {@code ThreadPoolExecutor} passed as an {@code Executor} is accounted
 * as above.
 *
 * <p><b>Thread-safety.</b> The sender may be called by any number of threads at once (each counted
 * message is one task); the queue probe, the ledger and the in-flight count may be read from any
 * thread while tasks run. {@link #close()} may be called from any thread and more than once; after
 * it, the sender refuses to send, and tasks already handed to the executor still count themselves
 * when they run.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ExecutorTarget implements AccountedTarget {

  private final String name;
  private final Executor executor;
  private final ThreadPoolExecutor pool; // null for another executor
  private final Consumer<? super Message> work;
  private final MessageLedger ledger;
  private final QueueProbe queue;
  private final AccountingHandler handler; // null for another executor
  private final AtomicLong inFlight = new AtomicLong();
  private final LongAdder handed = new LongAdder(); // handed to execute
  private final LongAdder started = new LongAdder(); // started running
  private final LongAdder settledBeforeStart = new LongAdder(); // rejected or dropped unstarted
  private final AtomicBoolean closed = new AtomicBoolean();

  private ExecutorTarget(String name, Executor executor, Consumer<? super Message> work) {
    this.name = name;
    this.executor = executor;
    this.pool = executor instanceof ThreadPoolExecutor tpe ? tpe : null;
    this.work = work;
    this.ledger = MessageLedger.builder().named(name).build();
    if (pool != null) {
      this.queue = QueueProbes.threadPool(name, pool);
      this.handler = new AccountingHandler(this, pool.getRejectedExecutionHandler());
      pool.setRejectedExecutionHandler(handler);
    } else {
      this.queue = QueueProbes.of(name, this::waiting);
      this.handler = null;
    }
  }

  /**
   * {@code executor} as a target named {@code name}, each message running {@code work} as one task;
   * installs the accounting rejection handler (see the class description) until {@link #close()}.
   *
   * @param name not blank; the name of the target, its ledger and its queue
   * @param executor running (not shut down), and not the executor of another open target
   * @param work what the component does with one message; called on the executor's threads (or on
   *     the caller's, as the executor decides)
   * @throws IllegalArgumentException when an argument is null, blank or shut down
   * @throws IllegalStateException when another open target accounts for {@code executor} already
   */
  public static ExecutorTarget of(
      String name, ThreadPoolExecutor executor, Consumer<? super Message> work) {
    Preconditions.notBlank(name, "target name");
    Preconditions.notNull(executor, "executor");
    Preconditions.notNull(work, "work");
    Preconditions.check(!executor.isShutdown(), "executor", "running (not shut down)", executor);
    if (executor.getRejectedExecutionHandler() instanceof AccountingHandler other) {
      throw new IllegalStateException(
          "executor "
              + executor
              + " is already accounted for by target '"
              + other.target().name()
              + "': close that target before making another of the same executor");
    }
    return new ExecutorTarget(name, executor, work);
  }

  /**
   * {@code executor} as a target named {@code name}, each message running {@code work} as one task.
   * A {@link ThreadPoolExecutor} is accounted as by {@link #of(String, ThreadPoolExecutor,
   * Consumer)}; any other executor as far as can be known from outside (see the class description).
   *
   * @param name not blank
   * @param executor not null; when it is an {@link java.util.concurrent.ExecutorService}, not shut
   *     down
   * @param work what the component does with one message
   * @throws IllegalArgumentException when an argument is null, blank or shut down
   */
  public static ExecutorTarget of(String name, Executor executor, Consumer<? super Message> work) {
    if (executor instanceof ThreadPoolExecutor pool) {
      return of(name, pool, work);
    }
    Preconditions.notBlank(name, "target name");
    Preconditions.notNull(executor, "executor");
    Preconditions.notNull(work, "work");
    if (executor instanceof java.util.concurrent.ExecutorService service) {
      Preconditions.check(!service.isShutdown(), "executor", "running (not shut down)", executor);
    }
    return new ExecutorTarget(name, executor, work);
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * Sends each message as one counted task: counted sent, then handed to {@code execute}; answers
   * {@link Outcome#ACCEPTED}, or the rejection when {@code execute} throws a {@link
   * RejectedExecutionException} (counted rejected). Any other exception from {@code execute} is
   * counted failed and answered as a failure.
   *
   * @throws IllegalStateException (when sending) after {@link #close()}
   */
  @Override
  public Sender sender() {
    return this::send;
  }

  /** One queue: the executor's work queue, or the tasks waiting in another executor. */
  @Override
  public List<QueueProbe> queues() {
    return List.of(queue);
  }

  @Override
  public MessageLedger ledger() {
    return ledger;
  }

  /** {@linkplain InFlight#counted Counted}: every task counts itself in and out of flight. */
  @Override
  public InFlight inFlight() {
    return InFlight.counted(inFlight::get);
  }

  /** The executor this target sends to. */
  public Executor executor() {
    return executor;
  }

  /**
   * Puts the executor's original rejection handler back (unless something else has replaced the
   * target's since); the sender refuses to send from now on. Does not shut the executor down.
   * Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && pool != null) {
      synchronized (pool) {
        if (pool.getRejectedExecutionHandler() == handler) {
          pool.setRejectedExecutionHandler(handler.original());
        }
      }
    }
  }

  private Outcome send(Message message) {
    if (closed.get()) {
      throw new IllegalStateException(
          "executor target '" + name + "' is closed: it sends nothing more");
    }
    CountedTask task = new CountedTask(this, message, Thread.currentThread());
    ledger.sent();
    handed.increment();
    task.submitting(true);
    try {
      executor.execute(task);
    } catch (RejectedExecutionException refused) {
      settledBeforeStart.increment(); // out of the waiting tasks before the outcome
      ledger.rejected(refused);
      return Outcome.of(refused);
    } catch (RuntimeException broken) {
      settledBeforeStart.increment();
      ledger.failed(broken);
      return Outcome.failed(broken);
    } finally {
      task.submitting(false);
    }
    return Outcome.ACCEPTED;
  }

  /**
   * Tasks handed over and not started, rejected or dropped: the "out" counts are read before the
   * "in" count, so that a reading never counts a task that has moved on (it may miss one that is
   * moving).
   */
  private long waiting() {
    long out = started.sum() + settledBeforeStart.sum();
    return Math.max(0, handed.sum() - out);
  }

  /** {@code r} when it is a task of this target, else null. */
  CountedTask owned(Runnable r) {
    return r instanceof CountedTask task && task.target() == this ? task : null;
  }

  Consumer<? super Message> work() {
    return work;
  }

  void started() {
    started.increment();
  }

  void enterFlight() {
    inFlight.incrementAndGet();
  }

  void leaveFlight() {
    inFlight.decrementAndGet();
  }

  void processed(boolean byCaller) {
    if (byCaller) {
      ledger.processedByCaller();
    } else {
      ledger.processed();
    }
  }

  void failed(Throwable cause, boolean byCaller) {
    if (byCaller) {
      ledger.failedByCaller(cause);
    } else {
      ledger.failed(cause);
    }
  }

  void droppedBeforeStart(String reason) {
    settledBeforeStart.increment();
    ledger.dropped(reason);
  }

  @Override
  public String toString() {
    return "ExecutorTarget[name="
        + name
        + ", executor="
        + executor.getClass().getName()
        + ", policy="
        + (handler == null ? "not seen (not a ThreadPoolExecutor)" : handler.policy())
        + ", closed="
        + closed.get()
        + "]";
  }
}
