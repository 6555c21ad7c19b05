package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.inject.Injector;
import dev.spillway.toolkit.util.Preconditions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * What an injector did to the consumer of a run, as readable parameters: for a Spillway {@link
 * Injector} its delay plan, stalls, rate cap, fault probability and seed; for anything else (a
 * WireMock delay, a container's CPU quota) whatever parameters describe it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the injector's name; not blank
 * @param params its parameters, in the order given; names not blank, values not null
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record InjectorInfo(String name, Map<String, String> params) {

  /** Validates the components and copies the parameters, keeping their order. */
  public InjectorInfo {
    Preconditions.notBlank(name, "injector name");
    Preconditions.notNull(params, "injector parameters");
    Map<String, String> copy = new LinkedHashMap<>();
    params.forEach(
        (key, value) -> {
          Preconditions.notBlank(key, "injector parameter name");
          copy.put(key, Preconditions.notNull(value, "injector parameter '" + key + "'"));
        });
    params = Collections.unmodifiableMap(copy);
  }

  /** The parameters of a Spillway injector. */
  public static InjectorInfo of(Injector injector) {
    Preconditions.notNull(injector, "injector");
    Map<String, String> params = new LinkedHashMap<>();
    params.put("plan", injector.plan().toString());
    params.put(
        "stalls",
        injector.stalls().isEmpty()
            ? "none"
            : injector.stalls().stream().map(Object::toString).collect(Collectors.joining(", ")));
    params.put(
        "rateCap",
        injector.rateCap().isPresent() ? injector.rateCap().getAsDouble() + "/s" : "none");
    params.put("faultProbability", Double.toString(injector.faultProbability()));
    params.put("seed", Long.toString(injector.seed()));
    return new InjectorInfo(injector.name(), params);
  }

  /** {@code "name: key=value, key=value"}. */
  public String describe() {
    return name
        + (params.isEmpty() ? "" : ": ")
        + params.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", "));
  }
}
