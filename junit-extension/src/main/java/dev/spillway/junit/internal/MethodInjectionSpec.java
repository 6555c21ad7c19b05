package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.inject.method.MethodInjector;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A validated {@link dev.spillway.junit.SlowMethod}: the method injection to install, and the phase
 * it is tied to.
 *
 * @param injector the checked injection, not installed yet
 * @param phase the phase name that selects when it is on; empty for the whole run
 * @param source the annotation, for messages, e.g. {@code @SlowMethod(OrderRepository.insert)}
 */
@API(status = INTERNAL, since = "0.1")
public record MethodInjectionSpec(MethodInjector injector, Optional<String> phase, String source) {}
