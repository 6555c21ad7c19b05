package dev.spillway.toolkit.sentinel;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What a sentinel saw when it diagnosed a breach: the top probes by depth (the watched one and the
 * ones it was told to rank it among, like recon's {@code proc_count(message_queue_len, N)}), the
 * probes it could not read, and the consumer thread's stack when it was given one.
 *
 * @param ranking the top probes by depth, deepest first (ties in registration order); never empty
 *     unless every probe was unreadable
 * @param unreadable one entry per probe that threw when read: its name and the error; never null
 * @param consumerThread the consumer thread's name and state, e.g. {@code "orders-consumer
 *     (TIMED_WAITING)"}; empty when no consumer thread was given
 * @param consumerStack the consumer thread's stack, innermost frame first, at most {@value
 *     #MAX_FRAMES} frames; empty when no consumer thread was given or it was not alive
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Diagnostics(
    List<ProbeDepth> ranking,
    List<String> unreadable,
    String consumerThread,
    List<StackTraceElement> consumerStack) {

  /** The most stack frames kept from the consumer thread. */
  public static final int MAX_FRAMES = 64;

  /** Validates the components and copies the lists. */
  public Diagnostics {
    ranking = List.copyOf(Preconditions.notNull(ranking, "ranking"));
    unreadable = List.copyOf(Preconditions.notNull(unreadable, "unreadable probes"));
    Preconditions.notNull(consumerThread, "consumer thread");
    consumerStack = List.copyOf(Preconditions.notNull(consumerStack, "consumer stack"));
    Preconditions.check(
        consumerStack.size() <= MAX_FRAMES,
        "consumer stack size",
        "<= " + MAX_FRAMES,
        consumerStack.size());
  }

  /**
   * The diagnostics as the log mitigation writes them: the ranking one probe a line, the unreadable
   * probes, then the consumer thread's stack one frame a line.
   */
  public String text() {
    StringBuilder text = new StringBuilder();
    text.append("top ").append(ranking.size()).append(" queues by depth:");
    for (int i = 0; i < ranking.size(); i++) {
      ProbeDepth p = ranking.get(i);
      text.append("\n  ").append(i + 1).append(". ").append(p.name()).append(": ");
      text.append(p.depth());
    }
    for (String u : unreadable) {
      text.append("\n  unreadable: ").append(u);
    }
    if (!consumerThread.isEmpty()) {
      text.append("\nconsumer thread ").append(consumerThread).append(':');
      if (consumerStack.isEmpty()) {
        text.append(" no stack");
      }
      for (StackTraceElement frame : consumerStack) {
        text.append("\n  at ").append(frame);
      }
    }
    return text.toString();
  }
}
