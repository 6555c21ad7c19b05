package dev.spillway.junit.internal;

import dev.spillway.toolkit.inject.Injector;

/**
 * Validated delay and stall annotations, as an injector that is not started yet.
 *
 * @param injector the injector
 * @param source the annotations it came from, for messages, e.g. {@code @FixedDelay}
 */
public record InjectionSpec(Injector injector, String source) {}
