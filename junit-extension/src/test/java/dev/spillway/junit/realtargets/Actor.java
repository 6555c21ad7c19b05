package dev.spillway.junit.realtargets;

import static org.awaitility.Awaitility.await;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.spillway.toolkit.load.Message;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.MailboxSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A Pekko typed actor named {@code orders} in an actor system of its own, with a {@link
 * CountingMailbox}, whose behaviour hands every message to {@code handle}. Closing it terminates
 * the actor system and waits for it.
 */
final class Actor implements AutoCloseable {

  private static final AtomicInteger SYSTEMS = new AtomicInteger();

  private static final Config CONFIG =
      ConfigFactory.parseString(
              """
              spillway-counting-mailbox.mailbox-type = "dev.spillway.junit.realtargets.CountingMailbox"
              pekko.loglevel = WARNING
              pekko.stdout-loglevel = WARNING
              pekko.log-dead-letters = off
              pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
              """)
          .withFallback(ConfigFactory.load());

  private final ActorSystem<Void> system;
  private final ActorRef<Message> ref;
  private final CountingMailbox.CountingQueue mailbox;

  private Actor(ActorSystem<Void> system, ActorRef<Message> ref) {
    this.system = system;
    this.ref = ref;
    String path = ref.path().toString();
    await().atMost(Duration.ofSeconds(30)).until(() -> CountingMailbox.registered(path));
    this.mailbox = CountingMailbox.of(path);
  }

  /** Starts the actor system and the actor. */
  static Actor start(Consumer<Message> handle) throws Exception {
    CompletableFuture<ActorRef<Message>> spawned = new CompletableFuture<>();
    Behavior<Message> orders =
        Behaviors.receiveMessage(
            message -> {
              handle.accept(message);
              return Behaviors.same();
            });
    Behavior<Void> guardian =
        Behaviors.setup(
            context -> {
              spawned.complete(
                  context.spawn(
                      orders, "orders", MailboxSelector.fromConfig("spillway-counting-mailbox")));
              return Behaviors.empty();
            });
    ActorSystem<Void> system =
        ActorSystem.create(guardian, "realtargets-" + SYSTEMS.incrementAndGet(), CONFIG);
    return new Actor(system, spawned.get(30, TimeUnit.SECONDS));
  }

  /** Sends {@code message} to the actor (fire and forget). */
  void tell(Message message) {
    ref.tell(message);
  }

  /** The actor's mailbox. */
  CountingMailbox.CountingQueue mailbox() {
    return mailbox;
  }

  @Override
  public void close() throws ExecutionException, TimeoutException {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the actor system terminated", e);
    }
  }
}
