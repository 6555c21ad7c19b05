package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.inject.Injector;
import org.apiguardian.api.API;

/**
 * Validated delay and stall annotations, as an injector that is not started yet.
 *
 * @param injector the injector
 * @param source the annotations it came from, for messages, e.g. {@code @FixedDelay}
 */
@API(status = INTERNAL, since = "0.1")
public record InjectionSpec(Injector injector, String source) {}
