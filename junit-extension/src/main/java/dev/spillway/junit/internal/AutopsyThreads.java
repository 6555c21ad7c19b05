package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.autopsy.Autopsy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * The threads a harness's autopsy watches: those it is given before the run (its consumer loops,
 * {@code autopsyOf(...)}) and those that call a wrapped component, each registered with the autopsy
 * once it runs. When no autopsy is wanted, {@link #calling()} costs one volatile read. Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class AutopsyThreads {

  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final List<Predicate<Thread>> predicates = new CopyOnWriteArrayList<>();
  private final Set<Long> seen = ConcurrentHashMap.newKeySet();
  private volatile boolean wanted;
  private volatile Autopsy live;

  /** Threads for an autopsy: {@code wanted} when the test declared one. */
  public AutopsyThreads(boolean wanted) {
    this.wanted = wanted;
  }

  /** Whether an autopsy is wanted. */
  public boolean wanted() {
    return wanted;
  }

  /** Wants an autopsy (declared in code). */
  public void want() {
    wanted = true;
  }

  /** Watches {@code thread}. */
  public void add(Thread thread) {
    if (threads.add(thread)) {
      Autopsy a = live;
      if (a != null) {
        a.watch(thread);
      }
    }
  }

  /** Watches the threads {@code which} accepts. */
  public void add(Predicate<Thread> which) {
    predicates.add(which);
    Autopsy a = live;
    if (a != null) {
      a.watchThreads(which);
    }
  }

  /** Called by a wrapped component on its caller's thread: watches it, once, if wanted. */
  public void calling() {
    if (!wanted) {
      return;
    }
    Thread current = Thread.currentThread();
    if (seen.add(current.getId())) {
      add(current);
    }
  }

  /** Hands every thread known so far, and those to come, to {@code autopsy}. */
  public void started(Autopsy autopsy) {
    live = autopsy;
    threads.forEach(autopsy::watch);
    predicates.forEach(autopsy::watchThreads);
  }
}
