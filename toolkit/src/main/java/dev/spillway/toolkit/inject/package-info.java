/**
 * Slow-consumer and chaos injectors: they fix or perturb a consumer's service rate μ so that a
 * flood test knows what it is flooding.
 *
 * <ul>
 *   <li>{@link dev.spillway.toolkit.inject.Delay} models (fixed, uniform, log-normal, Pareto heavy
 *       tail, none) and a {@link dev.spillway.toolkit.inject.DelayPlan} that changes the model over
 *       time;
 *   <li>{@link dev.spillway.toolkit.inject.Stall}s (pause the consumer once, or periodically), a
 *       service-rate cap and fault injection ({@link dev.spillway.toolkit.inject.InjectedFault});
 *   <li>an {@link dev.spillway.toolkit.inject.Injector} (immutable configuration) that {@linkplain
 *       dev.spillway.toolkit.inject.Injector#start() starts} an {@link
 *       dev.spillway.toolkit.inject.Injection} (the live, closeable handle);
 *   <li>static decorators in {@link dev.spillway.toolkit.inject.SlowConsumer} that apply an
 *       injection before each call of a {@code Runnable}, {@code Callable}, {@code Consumer},
 *       {@code Function}, {@code Executor}, {@code ExecutorService} or any interface.
 * </ul>
 *
 * <pre>{@code
 * Injector injector = Injector.named("orders")
 *     .withPlan(DelayPlan.starting(Delay.none()).then(Duration.ofSeconds(2), Delay.fixed(5, MILLISECONDS)))
 *     .withStall(Stall.once(Duration.ofSeconds(3), Duration.ofMillis(500)))
 *     .withFaultProbability(0.01);
 * try (Injection injection = injector.start()) {
 *   Consumer<Order> slow = SlowConsumer.decorateConsumer(handler, injection);
 *   // ... flood the component that calls slow.accept(order)
 * } // closed: slow.accept now calls handler straight through
 * }</pre>
 */
package dev.spillway.toolkit.inject;
