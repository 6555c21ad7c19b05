package dev.spillway.toolkit.target;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spillway.toolkit.ledger.CauseCount;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.load.Outcome;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.probe.QueueProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ExecutorTarget} against a one-thread pool whose worker is held on a latch and whose queue
 * holds one task, so that the third message meets the rejection policy at a known moment: every
 * policy's accounting is exact, and the books balance at every step.
 */
class ExecutorTargetTest {

  private final CountDownLatch release = new CountDownLatch(1);
  private final ConcurrentLinkedQueue<Long> ran = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> ranOn = new ConcurrentLinkedQueue<>();
  private final List<ThreadPoolExecutor> pools = new ArrayList<>();

  @AfterEach
  void stopPools() throws InterruptedException {
    release.countDown();
    for (ThreadPoolExecutor pool : pools) {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(5, SECONDS)).isTrue();
    }
  }

  /** One worker thread ("worker"), a queue of one, and {@code policy}. */
  private ThreadPoolExecutor pool(RejectedExecutionHandler policy) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            1, 1, 0, SECONDS, new ArrayBlockingQueue<>(1), r -> new Thread(r, "worker"), policy);
    pools.add(pool);
    return pool;
  }

  /** Work that notes which message ran where; message 0 waits for {@link #release}. */
  private void work(Message message) {
    ran.add(message.sequence());
    ranOn.add(Thread.currentThread().getName());
    if (message.sequence() == 0) {
      try {
        assertThat(release.await(10, SECONDS)).isTrue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  private static Message message(long sequence) {
    return new Message(sequence, "k", System.nanoTime());
  }

  /** Sends messages 0 and 1: 0 runs and waits, 1 fills the queue. */
  private static void fill(ExecutorTarget target) throws Exception {
    Sender sender = target.sender();
    assertThat(sender.send(message(0)).isAccepted()).isTrue();
    await().atMost(Duration.ofSeconds(5)).until(() -> target.inFlight().read() == 1);
    assertThat(sender.send(message(1)).isAccepted()).isTrue();
  }

  private static LedgerSnapshot books(ExecutorTarget target) {
    QueueProbe queue = target.queues().get(0);
    return target.ledger().snapshot(queue, target.inFlight()::read);
  }

  private static void awaitAtRest(ExecutorTarget target, long completed) {
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> books(target).completed() + books(target).dropped() >= completed);
  }

  @Test
  void abortPolicy_theRefusalIsARejection_withTheExceptionAsItsReason() throws Exception {
    ExecutorTarget target =
        ExecutorTarget.of("orders", pool(new ThreadPoolExecutor.AbortPolicy()), this::work);
    fill(target);

    Outcome third = target.sender().send(message(2));

    assertThat(third.isRejected()).isTrue();
    assertThat(third.category()).contains(RejectedExecutionException.class.getName());
    assertThat(third.detail().orElseThrow()).startsWith("Task message #2 of 'orders' rejected");
    LedgerSnapshot now = books(target);
    assertThat(now.sent()).isEqualTo(3);
    assertThat(now.rejected()).isEqualTo(1);
    assertThat(now.queued()).isEqualTo(1);
    assertThat(now.inFlight()).isEqualTo(1);
    assertThat(now.isBalanced()).isTrue();
    assertThat(now.rejectionReasons())
        .extracting(CauseCount::cause)
        .containsExactly(RejectedExecutionException.class.getName());
    release.countDown();
    awaitAtRest(target, 2);
    assertThat(books(target).isBalanced()).isTrue();
    assertThat(ran).containsExactly(0L, 1L);
  }

  @Test
  void callerRunsPolicy_theTaskRunsOnTheCaller_andCountsAsTheCallersWork() throws Exception {
    ExecutorTarget target =
        ExecutorTarget.of("orders", pool(new ThreadPoolExecutor.CallerRunsPolicy()), this::work);
    fill(target);

    Outcome third = target.sender().send(message(2));

    assertThat(third.isAccepted()).isTrue();
    assertThat(ranOn).containsExactly("worker", Thread.currentThread().getName());
    LedgerSnapshot now = books(target);
    assertThat(now.processed()).isEqualTo(1);
    assertThat(now.byCaller()).isEqualTo(1);
    assertThat(now.isBalanced()).isTrue();
    release.countDown();
    awaitAtRest(target, 3);
    LedgerSnapshot done = books(target);
    assertThat(done.processed()).isEqualTo(3);
    assertThat(done.byCaller()).isEqualTo(1); // the worker's two are its own
    assertThat(done.isBalanced()).isTrue();
  }

  @Test
  void discardPolicy_theNewTaskIsDropped_andTheReasonSaysTheCallerWasNotTold() throws Exception {
    ExecutorTarget target =
        ExecutorTarget.of("orders", pool(new ThreadPoolExecutor.DiscardPolicy()), this::work);
    fill(target);

    Outcome third = target.sender().send(message(2));

    assertThat(third.isAccepted()).isTrue(); // all the caller saw
    LedgerSnapshot now = books(target);
    assertThat(now.dropped()).isEqualTo(1);
    assertThat(now.dropReasons())
        .extracting(CauseCount::cause)
        .containsExactly("discarded by DiscardPolicy (queue full): the caller was not told");
    assertThat(now.isBalanced()).isTrue();
    release.countDown();
    awaitAtRest(target, 3);
    assertThat(ran).containsExactly(0L, 1L);
    assertThat(books(target).isBalanced()).isTrue();
  }

  @Test
  void discardOldestPolicy_theOldestWaitingTaskIsDropped_andTheNewOneQueued() throws Exception {
    ExecutorTarget target =
        ExecutorTarget.of("orders", pool(new ThreadPoolExecutor.DiscardOldestPolicy()), this::work);
    fill(target);

    assertThat(target.sender().send(message(2)).isAccepted()).isTrue();
    assertThat(target.sender().send(message(3)).isAccepted()).isTrue();

    LedgerSnapshot now = books(target);
    assertThat(now.dropped()).isEqualTo(2); // 1, then 2
    assertThat(now.queued()).isEqualTo(1); // 3
    assertThat(now.dropReasons())
        .singleElement()
        .satisfies(
            reason -> {
              assertThat(reason.cause()).contains("oldest", "the caller was not told");
              assertThat(reason.count()).isEqualTo(2);
            });
    assertThat(now.isBalanced()).isTrue();
    release.countDown();
    awaitAtRest(target, 4);
    assertThat(ran).containsExactly(0L, 3L);
    assertThat(books(target).isBalanced()).isTrue();
  }

  @Test
  void aHandlerThatBlocks_holdsTheCaller_untilTheQueueHasRoom_andEveryTaskRuns() throws Exception {
    RejectedExecutionHandler blocking =
        (r, executor) -> {
          try {
            executor.getQueue().put(r);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RejectedExecutionException("interrupted while waiting for room", e);
          }
        };
    ExecutorTarget target = ExecutorTarget.of("orders", pool(blocking), this::work);
    fill(target);
    AtomicReference<Outcome> third = new AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                third.set(target.sender().send(message(2)));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            "caller");
    caller.start();

    await().atMost(Duration.ofSeconds(5)).until(() -> caller.getState() == Thread.State.WAITING);
    assertThat(third.get()).isNull(); // still held
    release.countDown();
    caller.join(5000);

    assertThat(third.get().isAccepted()).isTrue();
    awaitAtRest(target, 3);
    assertThat(ran).containsExactly(0L, 1L, 2L);
    assertThat(books(target).byCaller()).isZero();
    assertThat(books(target).isBalanced()).isTrue();
  }

  @Test
  void aHandlerThatDiscardsSilently_leavesTheTaskUnaccounted() throws Exception {
    ExecutorTarget target = ExecutorTarget.of("orders", pool((r, executor) -> {}), this::work);
    fill(target);

    assertThat(target.sender().send(message(2)).isAccepted()).isTrue();
    release.countDown();
    awaitAtRest(target, 2);

    LedgerSnapshot done = books(target);
    assertThat(done.queued() + done.inFlight()).isZero();
    assertThat(done.unaccounted()).isEqualTo(1); // vanished where nobody can see it: a loss
  }

  @Test
  void aShutDownExecutor_withCallerRuns_dropsTheTask_andSaysWhy() throws Exception {
    ThreadPoolExecutor pool = pool(new ThreadPoolExecutor.CallerRunsPolicy());
    ExecutorTarget target = ExecutorTarget.of("orders", pool, this::work);
    pool.shutdown();

    assertThat(target.sender().send(message(0)).isAccepted()).isTrue();

    LedgerSnapshot now = books(target);
    assertThat(ran).isEmpty();
    assertThat(now.dropped()).isEqualTo(1);
    assertThat(now.dropReasons())
        .extracting(CauseCount::cause)
        .containsExactly(
            "discarded by CallerRunsPolicy because the executor is shut down: the caller was not"
                + " told");
    assertThat(now.isBalanced()).isTrue();
  }

  @Test
  void workThatThrows_isAFailure_withItsCause_andTheWorkerLives() throws Exception {
    ThreadPoolExecutor pool = pool(new ThreadPoolExecutor.AbortPolicy());
    ExecutorTarget target =
        ExecutorTarget.of(
            "orders",
            pool,
            m -> {
              throw new IllegalStateException("downstream down");
            });

    target.sender().send(message(0));
    target.sender().send(message(1));
    awaitAtRest(target, 2);

    LedgerSnapshot done = books(target);
    assertThat(done.failed()).isEqualTo(2);
    assertThat(done.failureCauses())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.cause()).isEqualTo(IllegalStateException.class.getName());
              assertThat(c.examples()).containsExactly("downstream down");
            });
    assertThat(done.isBalanced()).isTrue();
    assertThat(pool.getCompletedTaskCount()).isEqualTo(2);
    assertThat(pool.getLargestPoolSize()).isEqualTo(1); // the worker was never replaced
  }

  @Test
  void anError_isCountedAsAFailure_andThrownOn() {
    Executor direct = Runnable::run;
    ExecutorTarget target =
        ExecutorTarget.of(
            "orders",
            direct,
            m -> {
              throw new AssertionError("broken");
            });

    assertThatThrownBy(() -> target.sender().send(message(0))).hasMessage("broken");
    LedgerSnapshot done = books(target);
    assertThat(done.failed()).isEqualTo(1);
    assertThat(done.byCaller()).isEqualTo(1);
    assertThat(done.isBalanced()).isTrue();
  }

  @Test
  void anotherExecutor_countsTheTasksWaitingInIt_asItsQueue() throws Exception {
    List<Runnable> held = new ArrayList<>();
    Executor later = held::add; // accepts and runs nothing until told
    ExecutorTarget target = ExecutorTarget.of("orders", later, this::work);

    target.sender().send(message(1));
    target.sender().send(message(2));

    assertThat(target.queues().get(0).depth()).isEqualTo(2);
    assertThat(target.queues().get(0).capacity()).isEmpty();
    assertThat(books(target).isBalanced()).isTrue();
    held.get(0).run();
    assertThat(target.queues().get(0).depth()).isEqualTo(1);
    held.get(1).run();
    LedgerSnapshot done = books(target);
    assertThat(done.processed()).isEqualTo(2);
    assertThat(done.queued()).isZero();
    assertThat(done.byCaller()).isZero(); // run later, not inside the send
    assertThat(done.isBalanced()).isTrue();
  }

  @Test
  void anotherExecutor_thatRefuses_countsARejection_andNothingWaiting() throws Exception {
    Executor full =
        r -> {
          throw new RejectedExecutionException("full");
        };
    ExecutorTarget target = ExecutorTarget.of("orders", full, this::work);

    assertThat(target.sender().send(message(0)).isRejected()).isTrue();

    LedgerSnapshot now = books(target);
    assertThat(now.rejected()).isEqualTo(1);
    assertThat(now.queued()).isZero();
    assertThat(now.isBalanced()).isTrue();
  }

  @Test
  void aThreadPoolExecutor_givenAsAnExecutor_isAccountedAsOne() throws Exception {
    ThreadPoolExecutor pool = pool(new ThreadPoolExecutor.DiscardPolicy());
    Executor plain = pool;
    ExecutorTarget target = ExecutorTarget.of("orders", plain, this::work);
    fill(target);

    target.sender().send(message(2));

    assertThat(books(target).dropped()).isEqualTo(1);
    assertThat(target.queues().get(0).capacity()).hasValue(1);
  }

  @Test
  void close_putsTheOriginalHandlerBack_andTheSenderRefusesFromThen() {
    RejectedExecutionHandler original = new ThreadPoolExecutor.AbortPolicy();
    ThreadPoolExecutor pool = pool(original);
    ExecutorTarget target = ExecutorTarget.of("orders", pool, this::work);
    assertThat(pool.getRejectedExecutionHandler()).isNotSameAs(original);
    assertThatThrownBy(() -> ExecutorTarget.of("again", pool, this::work))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageEndingWith(
            " is already accounted for by target 'orders': close that target before making"
                + " another of the same executor");

    target.close();
    target.close();

    assertThat(pool.getRejectedExecutionHandler()).isSameAs(original);
    assertThatThrownBy(() -> target.sender().send(message(0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("executor target 'orders' is closed: it sends nothing more");
    ExecutorTarget.of("again", pool, this::work).close();
  }

  @Test
  void badArguments_areRejected_beforeTheHandlerIsReplaced() {
    RejectedExecutionHandler original = new ThreadPoolExecutor.AbortPolicy();
    ThreadPoolExecutor pool = pool(original);
    assertThatThrownBy(() -> ExecutorTarget.of(" ", pool, this::work))
        .hasMessage("target name must not be blank, but was ' '");
    assertThatThrownBy(() -> ExecutorTarget.of("orders", pool, null))
        .hasMessage("work must not be null");
    assertThatThrownBy(() -> ExecutorTarget.of("orders", (ThreadPoolExecutor) null, this::work))
        .hasMessage("executor must not be null");
    assertThat(pool.getRejectedExecutionHandler()).isSameAs(original);
    pool.shutdown();
    assertThatThrownBy(() -> ExecutorTarget.of("orders", pool, this::work))
        .hasMessageStartingWith("executor must be running (not shut down), but was ");
  }

  @Test
  void toString_namesTheTargetAndThePolicyItAccountsFor() {
    ExecutorTarget target =
        ExecutorTarget.of("orders", pool(new ThreadPoolExecutor.DiscardOldestPolicy()), m -> {});
    assertThat(target)
        .hasToString(
            "ExecutorTarget[name=orders, executor=java.util.concurrent.ThreadPoolExecutor,"
                + " policy=DiscardOldestPolicy, closed=false]");
  }
}
