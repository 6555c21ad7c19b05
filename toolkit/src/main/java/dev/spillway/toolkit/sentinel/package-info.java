/**
 * A queue-length watchdog with hysteresis, after Erlang/OTP 27's {@code erlang:system_monitor}
 * option {@code {long_message_queue, {Disable, Enable}}}.
 *
 * <p>A {@link dev.spillway.toolkit.sentinel.Sentinel} fires <em>once</em> when a queue's depth
 * reaches its enable threshold and, when re-arming, fires again only after the depth has fallen to
 * its disable threshold or below. It watches either an {@link
 * dev.spillway.toolkit.record.ObservableQueue} event-driven (checked at every enqueue, no polling
 * thread) or any {@link dev.spillway.toolkit.probe.QueueProbe} by polling. On a breach it records a
 * {@link dev.spillway.toolkit.sentinel.Breach} with {@link
 * dev.spillway.toolkit.sentinel.Diagnostics}, reports {@code BREACH}, {@code MITIGATION} and {@code
 * REARM} events, and runs a {@link dev.spillway.toolkit.sentinel.Mitigation}: log, shed, restart
 * the consumer, or a callback.
 *
 * <pre>{@code
 * try (Sentinel sentinel =
 *     Sentinel.watching(queue)
 *         .enableAt(500)
 *         .disableAt(250)
 *         .mitigate(Mitigation.shed().and(Mitigation.log()))
 *         .events(recorder)
 *         .start()) {
 *   // the component: if (!sentinel.admits()) { reject(message); } else { queue.offer(message); }
 * }
 * }</pre>
 */
package dev.spillway.toolkit.sentinel;
