package dev.spillway.toolkit.probe;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.util.Collection;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.LongSupplier;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.apiguardian.api.API;

/**
 * Factories of {@link QueueProbe}s for the queue shapes Java code usually has: a {@link
 * BlockingQueue}, a {@link ThreadPoolExecutor}'s work queue, a {@link ForkJoinPool}, any {@link
 * Collection}, a JMX attribute, a function, and the {@linkplain #total sum} of several probes. For
 * a depth read over HTTP (Prometheus text format or JSON) see {@link HttpMetricsProbe}.
 *
 * <p>Every probe made here keeps the {@link QueueProbe} contract strictly: {@link
 * QueueProbe#depth()} returns a depth &gt;= 0 or throws a {@link ProbeException} whose message
 * names the probe and what it reads. Every factory validates all its arguments at once and throws
 * an {@link IllegalArgumentException} naming the bad one. Probes hold a reference to what they read
 * and nothing else: they start no thread and need no closing.
 *
 * <p><b>Cost of a read.</b> A recorder may sample a probe a thousand times a second, so what one
 * read costs matters. {@link LinkedBlockingQueue#size()} and {@link
 * java.util.concurrent.ArrayBlockingQueue#size()} are O(1); some collections count by walking their
 * elements (see {@link #collection}).
 *
 * <p>Thread-safety: this class is stateless; the probes it makes may be read from any thread, as
 * far as the object they read allows it (a probe on a non-thread-safe collection must be read on
 * the thread that owns it).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class QueueProbes {

  private QueueProbes() {}

  /**
   * A probe that reads {@code queue.size()}: the messages waiting in the queue, not those a
   * consumer has already taken.
   *
   * <p>{@link LinkedBlockingQueue}, {@link java.util.concurrent.ArrayBlockingQueue} and {@link
   * java.util.concurrent.LinkedBlockingDeque} count in O(1); {@link
   * java.util.concurrent.LinkedTransferQueue} walks its nodes (O(n), see {@link #collection}).
   *
   * @param name the probe's name; not blank
   * @param queue the queue to read; not null
   */
  public static QueueProbe blockingQueue(String name, BlockingQueue<?> queue) {
    Preconditions.notBlank(name, "probe name");
    Preconditions.notNull(queue, "queue");
    return withBound(new CheckedProbe(name, "size() of " + simpleName(queue), queue::size), queue);
  }

  /**
   * A probe that reads {@code executor.getQueue().size()}: the tasks submitted and not yet started.
   * Tasks running on a worker thread are not counted ({@link ThreadPoolExecutor#getActiveCount()}
   * tells those). An executor handing off through a {@link java.util.concurrent.SynchronousQueue}
   * always reads 0; a {@link java.util.concurrent.ScheduledThreadPoolExecutor} also counts its
   * delayed tasks that are not due yet.
   *
   * @param name the probe's name; not blank
   * @param executor the executor to read; not null
   */
  public static QueueProbe threadPool(String name, ThreadPoolExecutor executor) {
    Preconditions.notBlank(name, "probe name");
    Preconditions.notNull(executor, "executor");
    return withBound(
        new CheckedProbe(
            name, "work queue of " + simpleName(executor), () -> executor.getQueue().size()),
        executor.getQueue());
  }

  /**
   * {@code probe}, with the {@linkplain QueueProbe#capacity() capacity} {@code capacity} (&gt;= 1):
   * for a bounded queue whose probe does not know its bound, such as an async appender's queue of a
   * fixed size read through a lambda.
   */
  public static QueueProbe withCapacity(QueueProbe probe, long capacity) {
    Preconditions.notNull(probe, "probe");
    Preconditions.positive(capacity, "capacity");
    return withCapacity(probe, OptionalLong.of(capacity));
  }

  /**
   * {@code probe}, declared {@linkplain QueueProbe#unbounded() unbounded}: for a queue that has no
   * bound whose probe cannot tell, such as an actor's mailbox or a reactive sink's unbounded buffer
   * read through a lambda. Declare it only when it is true: a run that stops when certain may call
   * a growing unbounded queue OVERFLOWED early, where a queue of unknown bound runs its whole plan.
   *
   * @throws IllegalArgumentException when {@code probe} knows a capacity
   */
  public static QueueProbe unbounded(QueueProbe probe) {
    Preconditions.notNull(probe, "probe");
    Preconditions.check(
        probe.capacity().isEmpty(),
        "probe '" + probe.name() + "' capacity",
        "none for an unbounded queue",
        probe.capacity());
    return new DeclaredBound(probe, OptionalLong.empty(), true);
  }

  private static QueueProbe withCapacity(QueueProbe probe, OptionalLong capacity) {
    return capacity.isEmpty() ? probe : new DeclaredBound(probe, capacity, false);
  }

  /** {@code probe}, reading its depth, with what was declared of its queue's bound. */
  private static final class DeclaredBound implements QueueProbe {
    private final QueueProbe probe;
    private final OptionalLong capacity;
    private final boolean unbounded;

    DeclaredBound(QueueProbe probe, OptionalLong capacity, boolean unbounded) {
      this.probe = probe;
      this.capacity = capacity;
      this.unbounded = unbounded;
    }

    @Override
    public String name() {
      return probe.name();
    }

    @Override
    public long depth() {
      return probe.depth();
    }

    @Override
    public OptionalLong capacity() {
      return capacity;
    }

    @Override
    public boolean unbounded() {
      return unbounded;
    }

    @Override
    public String toString() {
      return probe + (unbounded ? " (unbounded)" : " (capacity " + capacity.getAsLong() + ")");
    }
  }

  /**
   * {@code probe} with a blocking queue's bound: its capacity, from its remaining capacity and size
   * now, or unbounded when it has {@link Integer#MAX_VALUE} remaining, as the JDK's unbounded
   * queues report (a {@code SynchronousQueue}, which holds nothing, has neither).
   */
  private static QueueProbe withBound(QueueProbe probe, BlockingQueue<?> queue) {
    int remaining = queue.remainingCapacity();
    if (remaining == Integer.MAX_VALUE) {
      return unbounded(probe);
    }
    long capacity = (long) remaining + queue.size();
    return capacity > 0 ? withCapacity(probe, OptionalLong.of(capacity)) : probe;
  }

  /**
   * A probe that reads {@link ForkJoinPool#getQueuedSubmissionCount()} + {@link
   * ForkJoinPool#getQueuedTaskCount()}: the tasks submitted to the pool from outside that no worker
   * has started yet, plus the tasks that running tasks have forked into the workers' own queues and
   * that no worker has started yet. Running tasks, and tasks blocked in {@code join}, are not
   * counted.
   *
   * <p>Both figures are estimates by the pool's own admission: they are summed over the pool's
   * queues without locking them, so under concurrent pushes and steals a read may be off by the
   * tasks moved during the read. A read costs O(number of the pool's queues), not O(tasks).
   *
   * @param name the probe's name; not blank
   * @param pool the pool to read; not null (the {@link ForkJoinPool#commonPool()} works too)
   */
  public static QueueProbe forkJoinPool(String name, ForkJoinPool pool) {
    Preconditions.notBlank(name, "probe name");
    Preconditions.notNull(pool, "pool");
    return new CheckedProbe(
        name,
        "queued submissions + queued tasks of " + simpleName(pool),
        () -> pool.getQueuedSubmissionCount() + pool.getQueuedTaskCount());
  }

  /**
   * A probe that reads {@code collection.size()}.
   *
   * <p><b>Beware of O(n) sizes.</b> {@link ConcurrentLinkedQueue#size()}, {@link
   * java.util.concurrent.ConcurrentLinkedDeque#size()}, {@link
   * java.util.concurrent.LinkedTransferQueue#size()} and the size of most lock-free collections
   * walk every element to count them. One read then costs time proportional to the depth: a {@link
   * ConcurrentLinkedQueue} a million deep took 7 to 11 ms per {@code size()} on a 2-core machine (a
   * {@link LinkedBlockingQueue} as deep: a few nanoseconds), so a recorder sampling it at 1 kHz
   * spends more than a whole core counting, and falls behind, exactly when the queue is
   * overflowing. Sample such a collection less often, or count in the component instead (an {@code
   * InstrumentedQueue}, or a counter behind {@link #of}).
   *
   * <p>A collection that is not thread-safe (an {@link java.util.ArrayList}, an {@link
   * java.util.ArrayDeque}) may report a stale size when read from another thread.
   *
   * @param name the probe's name; not blank
   * @param collection the collection to read; not null
   */
  public static QueueProbe collection(String name, Collection<?> collection) {
    Preconditions.notBlank(name, "probe name");
    Preconditions.notNull(collection, "collection");
    return new CheckedProbe(name, "size() of " + simpleName(collection), collection::size);
  }

  /**
   * A probe that reads its depth from a function, checked: unlike {@link QueueProbe#of}, which
   * returns whatever the function returns, this probe turns a negative value into a {@link
   * ProbeException}, and wraps a {@link RuntimeException} thrown by the function into one (a {@link
   * ProbeException} passes through), in both cases naming the probe.
   *
   * @param name the probe's name; not blank
   * @param depth supplies the current depth; called from any thread that reads the probe
   */
  public static QueueProbe of(String name, LongSupplier depth) {
    Preconditions.notBlank(name, "probe name");
    Preconditions.notNull(depth, "depth supplier");
    return new CheckedProbe(name, "function", depth);
  }

  /**
   * A probe that reads a numeric MBean attribute, such as a queue size a library exposes over JMX.
   *
   * <p>The attribute's value must be a {@link Number} holding a whole number &gt;= 0: integral
   * types are taken as they are, {@code 12.0} is read as 12, and a fractional, negative, NaN or
   * infinite value is an error (not rounded: a fractional depth means the probe reads the wrong
   * attribute). A read throws a {@link ProbeException} naming the object name and the attribute
   * when no MBean is registered under that name, when it has no such attribute, when its getter
   * fails, or when the value is not a depth. The MBean need not exist when the probe is made.
   *
   * @param name the probe's name; not blank
   * @param server where the MBean lives, e.g. {@link
   *     java.lang.management.ManagementFactory#getPlatformMBeanServer()}, or a remote connection;
   *     not null
   * @param objectName the MBean's {@link ObjectName}, e.g. {@code "com.example:type=Queue"}; valid
   *     syntax and not a pattern (no wildcards)
   * @param attribute the attribute's name, e.g. {@code "Size"}; not blank
   * @throws IllegalArgumentException when an argument is invalid, in particular when {@code
   *     objectName} is not valid {@link ObjectName} syntax
   */
  public static QueueProbe jmx(
      String name, MBeanServerConnection server, String objectName, String attribute) {
    Preconditions.notBlank(name, "probe name");
    Preconditions.notNull(server, "MBean server");
    Preconditions.notBlank(objectName, "JMX object name");
    Preconditions.notBlank(attribute, "JMX attribute name");
    ObjectName parsed;
    try {
      parsed = new ObjectName(objectName);
    } catch (MalformedObjectNameException e) {
      throw new IllegalArgumentException(
          "JMX object name must be a valid ObjectName such as 'com.example:type=Queue,name=orders' ("
              + e.getMessage()
              + "), but was '"
              + objectName
              + "'",
          e);
    }
    Preconditions.check(
        !parsed.isPattern(), "JMX object name", "a single MBean's name, not a pattern", objectName);
    return new JmxAttributeProbe(name, server, parsed, objectName, attribute);
  }

  /**
   * A probe whose depth is the sum of {@code probes}' depths: the total backlog of a partitioned
   * design (one queue per partition), or of a pipeline's stages.
   *
   * <p>The parts are read one after the other, not atomically: the total is exact only when the
   * parts are still. The total's capacity is the sum of the parts' when every part has one; it is
   * unbounded when every part is. A part that fails makes the total fail with a {@link
   * ProbeException} naming the total and the part; a sum beyond {@link Long#MAX_VALUE} fails too.
   *
   * @param name the probe's name; not blank
   * @param probes at least one probe, none null; the array is copied
   */
  public static QueueProbe total(String name, QueueProbe... probes) {
    Preconditions.notBlank(name, "probe name");
    Preconditions.noNullElements(probes, "probes");
    Preconditions.check(probes.length > 0, "number of probes", ">= 1", probes.length);
    return new TotalProbe(name, probes.clone());
  }

  private static String simpleName(Object source) {
    return source.getClass().getSimpleName().isEmpty()
        ? source.getClass().getName()
        : source.getClass().getSimpleName();
  }
}
