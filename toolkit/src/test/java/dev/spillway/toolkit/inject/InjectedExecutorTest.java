package dev.spillway.toolkit.inject;

import static dev.spillway.toolkit.inject.Soon.soon;
import static java.util.concurrent.TimeUnit.HOURS;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InjectedExecutorTest {

  private final List<ExecutorService> pools = new ArrayList<>();
  private final List<Injection> injections = new ArrayList<>();
  private final AtomicInteger ran = new AtomicInteger();

  @AfterEach
  void stopEverything() {
    injections.forEach(Injection::close);
    pools.forEach(ExecutorService::shutdownNow);
  }

  private final AtomicReference<Throwable> uncaught = new AtomicReference<>();

  private ThreadPoolExecutor singleWorker() {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "spillway-test-worker");
              t.setDaemon(true);
              t.setUncaughtExceptionHandler((thread, e) -> uncaught.set(e));
              return t;
            });
    pools.add(pool);
    return pool;
  }

  private Injection started(Injector injector) {
    Injection injection = injector.start();
    injections.add(injection);
    return injection;
  }

  private Injection delayedAnHour() {
    return started(Injector.named("pool").withDelay(Delay.fixed(1, HOURS)));
  }

  private Callable<Integer> counting() {
    return ran::incrementAndGet;
  }

  @Test
  void submittedTasks_areDelayedOnTheExecutorsThread_andNotAfterClose() throws Exception {
    FakeTime time = new FakeTime();
    Injection injection =
        started(
            Injector.named("pool").withDelay(Delay.fixed(5, MILLISECONDS)).withTimeSource(time));
    InjectedExecutorService pool = SlowConsumer.decorateExecutorService(singleWorker(), injection);
    assertThat(pool.submit(counting()).get(5, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(time.parkers()).containsExactly("spillway-test-worker");
    assertThat(time.takeParked()).isEqualTo(5_000_000);
    pool.submit(ran::incrementAndGet, "done").get(5, TimeUnit.SECONDS);
    pool.submit((Runnable) ran::incrementAndGet).get(5, TimeUnit.SECONDS);
    assertThat(time.takeParked()).isEqualTo(10_000_000);
    injection.close();
    assertThat(pool.submit(counting()).get(5, TimeUnit.SECONDS)).isEqualTo(4);
    assertThat(time.takeParked()).isZero();
  }

  @Test
  void invokeAll_delaysEveryTask() throws Exception {
    FakeTime time = new FakeTime();
    Injection injection =
        started(
            Injector.named("pool").withDelay(Delay.fixed(5, MILLISECONDS)).withTimeSource(time));
    InjectedExecutorService pool =
        SlowConsumer.decorateExecutorService(Executors.newSingleThreadExecutor(), injection);
    pools.add(pool);
    List<Future<Integer>> done = pool.invokeAll(List.of(counting(), counting(), counting()));
    assertThat(done).allMatch(Future::isDone);
    assertThat(ran).hasValue(3);
    assertThat(time.takeParked()).isEqualTo(15_000_000);
    assertThat(pool.queueProbe().depth()).isZero();
  }

  @Test
  void submittedTask_withAFault_failsItsFutureWithoutRunning() {
    Injection injection = started(Injector.named("pool").withFaultProbability(1));
    InjectedExecutorService pool = SlowConsumer.decorateExecutorService(singleWorker(), injection);
    Future<Integer> f = pool.submit(counting());
    assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(InjectedFault.class);
    assertThatThrownBy(() -> pool.invokeAny(List.of(counting())))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(InjectedFault.class);
    assertThat(ran).hasValue(0);
    assertThat(injection.faults()).isEqualTo(2);
  }

  @Test
  void executedTask_withAFault_throwsOnTheWorkerWithoutRunning() {
    Injection injection = started(Injector.named("pool").withFaultProbability(1));
    InjectedExecutorService pool = SlowConsumer.decorateExecutorService(singleWorker(), injection);
    pool.execute(ran::incrementAndGet);
    soon().until(() -> uncaught.get() != null);
    assertThat(uncaught.get()).isInstanceOf(InjectedFault.class);
    assertThat(ran).hasValue(0);
  }

  @Test
  void threadPoolExecutor_probeReadsItsWorkQueue_includingTasksSubmittedAround() throws Exception {
    ThreadPoolExecutor raw = singleWorker();
    Injection injection = delayedAnHour();
    InjectedExecutorService pool = SlowConsumer.decorateExecutorService(raw, injection);
    List<Future<Integer>> futures = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      futures.add(pool.submit(counting()));
    }
    raw.execute(ran::incrementAndGet); // not through the decorator: still in the queue
    soon().until(() -> injection.waitingThreads() == 1);
    assertThat(pool.queueProbe().depth()).isEqualTo(4);
    assertThat(pool.queueProbe().name()).isEqualTo("pool");
    injection.close(); // the waiting task wakes, the others go straight through
    for (Future<Integer> f : futures) {
      f.get(5, TimeUnit.SECONDS);
    }
    soon().until(() -> ran.get() == 5);
    assertThat(pool.queueProbe().depth()).isZero();
    assertThat(pool.isShutdown()).as("closing the injection leaves the pool running").isFalse();
  }

  @Test
  void otherExecutorService_probeCountsItsOwnTasksNotYetStarted() {
    ExecutorService raw = Executors.newSingleThreadExecutor();
    pools.add(raw);
    assertThat(raw).isNotInstanceOf(ThreadPoolExecutor.class); // a delegating wrapper
    Injection injection = delayedAnHour();
    InjectedExecutorService pool = SlowConsumer.decorateExecutorService(raw, injection);
    List<Future<Integer>> futures = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      futures.add(pool.submit(counting()));
    }
    soon().until(() -> injection.waitingThreads() == 1);
    assertThat(pool.queueProbe().depth()).isEqualTo(3); // the first one has started
    assertThat(futures.get(3).cancel(false)).isTrue();
    assertThat(pool.queueProbe().depth()).isEqualTo(2);
    pool.shutdownNow(); // drops the two pending tasks (and the cancelled one, still queued)
    assertThat(pool.queueProbe().depth()).isZero();
    assertThat(pool.isShutdown()).isTrue();
  }

  @Test
  void timedInvokeAll_cancelsTheTasksStillWaiting_andTheyLeaveTheCount() throws Exception {
    ExecutorService raw = Executors.newSingleThreadExecutor();
    pools.add(raw);
    Injection injection = delayedAnHour();
    InjectedExecutorService pool = SlowConsumer.decorateExecutorService(raw, injection);
    List<Future<Integer>> futures =
        pool.invokeAll(List.of(counting(), counting(), counting()), 50, MILLISECONDS);
    assertThat(futures).allMatch(Future::isCancelled);
    assertThat(pool.queueProbe().depth()).isZero();
    soon().until(() -> injection.waitingThreads() == 0); // the running one was interrupted
    assertThat(ran).hasValue(0);
    injection.close();
    Future<Integer> after = pool.submit(counting());
    assertThat(after.get(5, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(after.isDone()).isTrue();
    assertThat(after.isCancelled()).isFalse();
    assertThat(pool.invokeAny(List.of(counting()), 5, TimeUnit.SECONDS)).isEqualTo(2);
  }

  @Test
  void plainExecutor_probeCountsTasksUntilTheyStart_andRejectionsLeaveTheCount() {
    Queue<Runnable> held = new ArrayDeque<>();
    Injection injection = started(Injector.named("manual"));
    InjectedExecutor manual = SlowConsumer.decorateExecutor(held::add, injection);
    manual.execute(ran::incrementAndGet);
    manual.execute(ran::incrementAndGet);
    assertThat(manual.queueProbe().depth()).isEqualTo(2);
    held.remove().run();
    assertThat(manual.queueProbe().depth()).isEqualTo(1);
    assertThat(ran).hasValue(1);
    assertThat(manual.injection()).isSameAs(injection);

    Executor rejecting =
        r -> {
          throw new RejectedExecutionException("full");
        };
    InjectedExecutor full = SlowConsumer.decorateExecutor(rejecting, injection);
    assertThatThrownBy(() -> full.execute(ran::incrementAndGet))
        .isInstanceOf(RejectedExecutionException.class);
    assertThat(full.queueProbe().depth()).isZero();
  }

  @Test
  void plainExecutorBeingAThreadPool_probeReadsItsWorkQueue() {
    ThreadPoolExecutor raw = singleWorker();
    Injection injection = delayedAnHour();
    InjectedExecutor pool = SlowConsumer.decorateExecutor(raw, injection);
    pool.execute(ran::incrementAndGet);
    pool.execute(ran::incrementAndGet);
    soon().until(() -> injection.waitingThreads() == 1);
    assertThat(pool.queueProbe().depth()).isEqualTo(1);
    injection.close();
    soon().until(() -> ran.get() == 2);
  }

  @Test
  void cancellingAWaitingTask_interruptsItsInjectedWait_andTheTaskNeverRuns() {
    Injection injection = delayedAnHour();
    InjectedExecutorService pool = SlowConsumer.decorateExecutorService(singleWorker(), injection);
    Future<Integer> f = pool.submit(counting());
    soon().until(() -> injection.waitingThreads() == 1);
    assertThat(f.cancel(true)).isTrue();
    soon().until(() -> injection.waitingThreads() == 0);
    assertThat(ran).hasValue(0);
  }

  @Test
  void lifecycle_isTheDelegates() throws InterruptedException {
    ThreadPoolExecutor raw = singleWorker();
    InjectedExecutorService pool =
        SlowConsumer.decorateExecutorService(raw, started(Injector.named("l")));
    assertThat(pool.isShutdown()).isFalse();
    pool.shutdown();
    assertThat(raw.isShutdown()).isTrue();
    assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    assertThat(pool.isTerminated()).isTrue();
    assertThatThrownBy(() -> pool.submit(counting()))
        .isInstanceOf(RejectedExecutionException.class);
    assertThat(pool.queueProbe().depth()).isZero();
    assertThatThrownBy(() -> pool.submit((Callable<Integer>) null))
        .isInstanceOf(NullPointerException.class);
    assertThat(pool.toString()).contains("injection=l");
  }
}
