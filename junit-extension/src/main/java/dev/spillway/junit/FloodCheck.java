package dev.spillway.junit;

import dev.spillway.junit.internal.OverloadPlan;
import dev.spillway.junit.internal.QueueBoundSpec;
import dev.spillway.junit.internal.WatchedQueue;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Checks that a harness can run, before anything starts: a target, a watched queue, bounds and
 * expectations that name watched queues, something wrapped for the injection and for the books.
 */
final class FloodCheck {

  private FloodCheck() {}

  /**
   * Checks {@code setup}, given the components the harness wrapped.
   *
   * @throws IllegalStateException when the harness lacks a target or a watched queue
   * @throws ExtensionConfigurationException when the annotations and the harness do not fit
   */
  static void check(Flood.Setup setup, List<String> wrapped) {
    OverloadPlan plan = setup.plan();
    String test = "test '" + plan.name() + "'";
    if (setup.target() == null) {
      throw new IllegalStateException(
          test
              + " has no target: register it with harness.sendTo(...), sendAsyncTo(...) or"
              + " sendWithPool(...) before the load runs");
    }
    if (setup.watched().isEmpty()) {
      throw new IllegalStateException(
          test
              + " watches no queue: register at least one with harness.watch(queue),"
              + " harness.watch(probe) or harness.consume(queue, handler) before the load runs");
    }
    List<String> names = setup.watched().stream().map(WatchedQueue::name).toList();
    for (QueueBoundSpec bound : plan.queueBounds()) {
      requireWatched("@QueueBound", bound.queue(), names);
    }
    plan.drain().ifPresent(d -> requireWatched("@DrainsWithin", d.queue(), names));
    plan.expectedVerdict().ifPresent(v -> requireWatched("@ExpectVerdict", v.queue(), names));
    if (setup.injector() != null && wrapped.isEmpty()) {
      String what = plan.injection().map(i -> i.source()).orElse("harness.inject(...)");
      throw new ExtensionConfigurationException(
          test
              + " declares "
              + what
              + " but wraps no component to slow down: use harness.consume(queue, handler),"
              + " harness.wrapConsumer(consumer) or harness.wrap(type, target, methods)");
    }
    if (plan.checksSilentLoss() && setup.books().countsItself() && wrapped.isEmpty()) {
      throw new ExtensionConfigurationException(
          test
              + " checks that no message is lost silently, with books kept by the harness, but"
              + " wraps no consumer to count what is processed: use harness.consume(queue,"
              + " handler), harness.wrapConsumer(consumer) or harness.wrap(type, target, methods),"
              + " give the component's own ledger with harness.useLedger(ledger), or declare"
              + " @AllowSilentLoss(\"why\")");
    }
  }

  private static void requireWatched(String annotation, String queue, List<String> names) {
    if (!queue.isEmpty() && !names.contains(queue)) {
      throw new ExtensionConfigurationException(
          annotation
              + " requires that queue name a watched queue (one of "
              + names
              + "), but was \""
              + queue
              + "\"");
    }
  }
}
