package dev.spillway.toolkit.autopsy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * The autopsy against threads whose time goes to known methods, measured in the same run: each test
 * runs a worker for about half a second under a recording and checks the method and the wait the
 * report names, and the shares against each other or against the worker's own clock.
 */
class AutopsyTest {

  private static final Duration WORK = Duration.ofMillis(500);

  /** A repository whose insert waits on its database (a sleep). */
  static final class Repo {
    void insert() throws InterruptedException {
      Thread.sleep(3);
    }
  }

  /**
   * A parser that burns CPU for {@code nanos} of wall time. It reads only {@code System.nanoTime}
   * (an intrinsic): a thread in a system call is not in Java code, and JFR takes no Java sample of
   * it.
   */
  static final class Parser {
    static volatile long sink;

    void parse(long nanos) {
      long end = System.nanoTime() + nanos;
      long x = 1;
      while (System.nanoTime() < end) {
        for (int i = 0; i < 1_000; i++) {
          x = x * 6364136223846793005L + 1442695040888963407L;
        }
      }
      sink = x;
    }
  }

  /** A ledger whose post enters a monitor another thread holds most of the time. */
  static final class Ledger {
    static final Object LOCK = new Object();

    void post() {
      synchronized (LOCK) {
        Parser.sink++;
      }
    }
  }

  /** A store whose save takes a lock another thread holds most of the time. */
  static final class Store {
    static final ReentrantLock LOCK = new ReentrantLock();

    void save() {
      LOCK.lock();
      try {
        Parser.sink++;
      } finally {
        LOCK.unlock();
      }
    }
  }

  /** The calling thread's CPU time in nanoseconds. */
  static long cpuTime() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private interface Work {
    void run() throws InterruptedException;
  }

  /**
   * How long a worker works: on the wall clock (work that waits), or on its own CPU time (work that
   * burns CPU: a sample needs the thread on a core, so on a busy machine half a second of wall time
   * gave as few as 13 samples of a possible 50, and the report rightly refused to rank).
   */
  private enum Clock {
    WALL,
    THREAD_CPU;

    long now() {
      return this == WALL ? System.nanoTime() : cpuTime();
    }
  }

  /** Runs {@code work} in a loop on a watched thread for {@link #WORK} of wall time. */
  private static AutopsyReport autopsyOf(Work work) throws InterruptedException {
    return autopsyOf(work, WORK, Clock.WALL);
  }

  /** Runs {@code work} in a loop on a watched thread for {@code time} on {@code clock}. */
  private static AutopsyReport autopsyOf(Work work, Duration time, Clock clock)
      throws InterruptedException {
    Autopsy autopsy = Autopsy.every(Duration.ofMillis(10)).start();
    Thread worker =
        new Thread(
            () -> {
              autopsy.watchCurrentThread();
              long end = clock.now() + time.toNanos();
              try {
                while (clock.now() < end) {
                  work.run();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "autopsy-test-worker");
    worker.start();
    worker.join();
    return autopsy.stop();
  }

  @Test
  void aConsumerSleepingInsideRepoInsert_isNamedAtRepoInsert_mostlyInThreadSleep()
      throws InterruptedException {
    Repo repo = new Repo();
    AutopsyReport report = autopsyOf(repo::insert);

    assertThat(report.recorded()).isTrue();
    assertThat(report.threads()).containsExactly("autopsy-test-worker");
    MethodShare top = report.topMethod().orElseThrow();
    assertThat(top.shortName()).isEqualTo("AutopsyTest$Repo.insert");
    assertThat(top.share()).isGreaterThan(0.5);
    assertThat(top.mostlyIn())
        .hasValueSatisfying(f -> assertThat(f).startsWith("java.lang.Thread."));
    assertThat(top.waitShare()).isGreaterThan(top.share() / 2);
    assertThat(report.time().sleeping()).isGreaterThan(0.5).isGreaterThan(report.time().running());
    assertThat(report.summary())
        .startsWith("autopsy of 1 thread over ")
        .contains("in AutopsyTest$Repo.insert (in Thread.")
        .contains("sleeping");
  }

  @Test
  void aConsumerBurningCpuInParserParse_isNamedAtParserParse_asItsOwnTime()
      throws InterruptedException {
    Parser parser = new Parser();
    AutopsyReport report = autopsyOf(() -> parser.parse(1_000_000), WORK, Clock.THREAD_CPU);

    MethodShare top = report.topMethod().orElseThrow();
    assertThat(top.shortName()).isEqualTo("AutopsyTest$Parser.parse");
    assertThat(top.share()).isGreaterThan(0.5);
    assertThat(top.selfShare()).isGreaterThan(top.share() / 2);
    assertThat(report.samples()).isGreaterThanOrEqualTo(Autopsy.MIN_SAMPLES);
    assertThat(report.time().running()).isGreaterThan(report.time().waiting());
  }

  @Test
  void twoMethodsOfOneConsumer_getSharesInTheRatioOfTheTimeTheyTook() throws InterruptedException {
    Repo repo = new Repo();
    Parser parser = new Parser();
    AtomicLong inInsert = new AtomicLong();
    AtomicLong inParse = new AtomicLong();
    AutopsyReport report =
        autopsyOf(
            () -> {
              long t0 = System.nanoTime();
              repo.insert();
              long t1 = System.nanoTime();
              parser.parse(2_000_000);
              long t2 = System.nanoTime();
              inInsert.addAndGet(t1 - t0);
              inParse.addAndGet(t2 - t1);
            },
            Duration.ofMillis(400),
            Clock.THREAD_CPU); // 400 ms in parse: 40 samples, enough to rank it

    double measured = (double) inInsert.get() / inParse.get();
    double seen =
        report.shareOf("AutopsyTest$Repo.insert") / report.shareOf("AutopsyTest$Parser.parse");
    assertThat(seen).isBetween(measured / 2, measured * 2);
  }

  @Test
  void aConsumerBlockedOnAContendedMonitor_showsBlockedShare_atLedgerPost()
      throws InterruptedException {
    AtomicBoolean holding = new AtomicBoolean(true);
    Thread holder =
        hog(
            holding,
            () -> {
              synchronized (Ledger.LOCK) {
                Thread.sleep(20);
              }
            });
    Ledger ledger = new Ledger();
    AutopsyReport report;
    try {
      report = autopsyOf(ledger::post);
    } finally {
      holding.set(false);
      holder.join();
    }

    assertThat(report.time().blocked()).isGreaterThan(0.5);
    assertThat(report.time().blocked()).isGreaterThan(report.time().parked());
    assertThat(report.topMethod().orElseThrow().shortName()).isEqualTo("AutopsyTest$Ledger.post");
    assertThat(report.summary()).contains("blocked on a monitor");
  }

  @Test
  void aConsumerWaitingForAHeldLock_showsParkedShare_atStoreSave() throws InterruptedException {
    AtomicBoolean holding = new AtomicBoolean(true);
    Thread holder =
        hog(
            holding,
            () -> {
              Store.LOCK.lock();
              try {
                Thread.sleep(20);
              } finally {
                Store.LOCK.unlock();
              }
            });
    Store store = new Store();
    AutopsyReport report;
    try {
      report = autopsyOf(store::save);
    } finally {
      holding.set(false);
      holder.join();
    }

    assertThat(report.time().parked()).isGreaterThan(0.5);
    assertThat(report.time().parked()).isGreaterThan(report.time().blocked());
    MethodShare top = report.topMethod().orElseThrow();
    assertThat(top.shortName()).isEqualTo("AutopsyTest$Store.save");
    assertThat(top.waitShare()).isGreaterThan(top.share() / 2);
  }

  /** A thread that runs {@code critical} in a loop (with a short gap) while {@code holding}. */
  private static Thread hog(AtomicBoolean holding, Work critical) {
    Thread t =
        new Thread(
            () -> {
              try {
                while (holding.get()) {
                  critical.run();
                  Thread.onSpinWait();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "autopsy-test-holder");
    t.start();
    return t;
  }

  @Test
  void collections_andTheWatchedThreadsAllocation_areMeasured_besideTheMethods()
      throws InterruptedException {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    AtomicLong allocated = new AtomicLong();
    AtomicLong gcs = new AtomicLong();
    AutopsyReport report =
        autopsyOf(
            () -> {
              long id = Thread.currentThread().getId();
              long before = threads.getThreadAllocatedBytes(id);
              for (int i = 0; i < 200; i++) {
                Parser.sink += new byte[64 * 1024].length;
              }
              allocated.addAndGet(threads.getThreadAllocatedBytes(id) - before);
              if (gcs.incrementAndGet() % 50 == 0) {
                System.gc();
              }
            });

    assertThat(report.gc().collections()).isPositive();
    assertThat(report.gc().pauses())
        .allSatisfy(p -> assertThat(p.at()).isLessThanOrEqualTo(report.window()))
        .anySatisfy(p -> assertThat(p.heapUsedAfter()).isPresent());
    assertThat(report.gc().pauseTime())
        .isEqualTo(
            report.gc().pauses().stream()
                .map(GcPause::pause)
                .reduce(Duration.ZERO, Duration::plus));
    // JFR's allocation samples estimate what the thread's own counter measured in the same run
    assertThat((double) report.allocatedBytes().orElseThrow())
        .isBetween(allocated.get() / 2.0, allocated.get() * 2.0);
  }

  @Test
  void aThreadNotWatched_isNotInTheReport() throws InterruptedException {
    Autopsy autopsy = Autopsy.every(Duration.ofMillis(10)).start();
    Thread other = new Thread(() -> new Parser().parse(200_000_000), "autopsy-test-unwatched");
    other.start();
    other.join();
    AutopsyReport report = autopsy.stop();

    assertThat(report.threads()).isEmpty();
    assertThat(report.topMethods()).isEmpty();
    assertThat(report.limits()).anyMatch(l -> l.startsWith("no watched thread was seen"));
  }

  @Test
  void threadsChosenByAPredicate_areWatched() throws InterruptedException {
    Autopsy autopsy = Autopsy.every(Duration.ofMillis(10)).start();
    autopsy.watchThreads(t -> t.getName().equals("autopsy-test-chosen"));
    // twice the other tests' work: the scan that finds the thread may come up to 20 ms late, and
    // the report splits running time between methods only from 20 samples on (100 chances here)
    Thread chosen =
        new Thread(
            () -> {
              Parser parser = new Parser();
              long end = cpuTime() + 2 * WORK.toNanos();
              while (cpuTime() < end) {
                parser.parse(1_000_000);
              }
            },
            "autopsy-test-chosen");
    chosen.start();
    chosen.join();
    AutopsyReport report = autopsy.stop();

    assertThat(report.threads()).containsExactly("autopsy-test-chosen");
    assertThat(report.topMethod())
        .as("%s; limits %s", report.summary(), report.limits())
        .hasValueSatisfying(
            top -> assertThat(top.shortName()).isEqualTo("AutopsyTest$Parser.parse"));
  }

  @Test
  void aSamplePeriodOutsideItsRange_isRejected_naming_theRange() {
    assertThatThrownBy(() -> Autopsy.every(Duration.ofMillis(2_000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sample period must be");
  }

  @Test
  void anAutopsy_startsOnce_andReportsOnlyOnceStopped() {
    Autopsy autopsy = Autopsy.every(Duration.ofMillis(10));
    assertThatThrownBy(autopsy::stop).isInstanceOf(IllegalArgumentException.class);
    autopsy.start();
    try {
      assertThatThrownBy(autopsy::start).isInstanceOf(IllegalArgumentException.class);
    } finally {
      autopsy.close();
    }
  }
}
