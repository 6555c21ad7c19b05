package dev.spillway.toolkit.load;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * Sends one message to the target and returns when the target has answered. Latency is measured
 * from the message's intended time to the return.
 *
 * <p>With {@link LoadDriverBuilder#sendTo(Sender)} it is called on the driver thread only (one call
 * at a time), and it should not block: the driver cannot send anything else while it runs. With
 * {@link LoadDriverBuilder#sendWithPool(int, Sender)} it is called concurrently by the pool's
 * threads, and may block. When the driver stops it interrupts the threads that are still sending.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface Sender {

  /**
   * Sends {@code message}.
   *
   * @return {@link Outcome#ACCEPTED} or {@link Outcome#REJECTED}; null counts as a failure
   * @throws Exception counted as a failed send (an {@code InterruptedException} while the driver
   *     stops counts as unfinished)
   */
  Outcome send(Message message) throws Exception;

  /**
   * A sender that hands each message to {@code consumer} and reports it accepted when the consumer
   * returns.
   */
  static Sender accepting(Consumer<? super Message> consumer) {
    Preconditions.notNull(consumer, "consumer");
    return message -> {
      consumer.accept(message);
      return Outcome.ACCEPTED;
    };
  }

  /**
   * A sender that offers each message to {@code offer}, such as a bounded queue's {@code offer}:
   * {@code true} is accepted, {@code false} rejected.
   */
  static Sender offering(Predicate<? super Message> offer) {
    Preconditions.notNull(offer, "offer");
    return message -> offer.test(message) ? Outcome.ACCEPTED : Outcome.REJECTED;
  }
}
