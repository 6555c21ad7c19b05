package dev.spillway.junit.internal;

import static org.junit.platform.commons.support.AnnotationSupport.findAnnotation;

import dev.spillway.junit.HotKey;
import dev.spillway.junit.UniformKeys;
import dev.spillway.junit.ZipfKeys;
import dev.spillway.toolkit.load.KeyDistribution;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the key distribution annotations of one method (at most one of them). */
final class KeyReader {

  private final Method method;
  private final ConfigProblems problems;

  KeyReader(Method method, ConfigProblems problems) {
    this.method = method;
    this.problems = problems;
  }

  Optional<KeySpec> read() {
    List<String> present = new ArrayList<>();
    Optional<KeySpec> keys = Optional.empty();
    Optional<UniformKeys> uniform = findAnnotation(method, UniformKeys.class);
    if (uniform.isPresent()) {
      present.add("@UniformKeys");
      UniformKeys a = uniform.get();
      if (problems.require(a.keys() >= 1, "@UniformKeys", "keys", ">= 1", a.keys())) {
        keys =
            Optional.of(
                new KeySpec(
                    KeyDistribution.uniform(a.keys()),
                    a.seed(),
                    "@UniformKeys(keys = " + a.keys() + ")"));
      }
    }
    Optional<ZipfKeys> zipf = findAnnotation(method, ZipfKeys.class);
    if (zipf.isPresent()) {
      present.add("@ZipfKeys");
      keys = zipf(zipf.get());
    }
    Optional<HotKey> hot = findAnnotation(method, HotKey.class);
    if (hot.isPresent()) {
      present.add("@HotKey");
      keys = hot(hot.get());
    }
    if (present.size() > 1) {
      problems.add(
          String.join(" and ", present)
              + " cannot be combined: declare at most one key distribution per test");
      return Optional.empty();
    }
    return keys;
  }

  private Optional<KeySpec> zipf(ZipfKeys a) {
    boolean count =
        problems.require(
            a.keys() >= 1 && a.keys() <= KeyDistribution.MAX_ZIPF_KEYS,
            "@ZipfKeys",
            "keys",
            "in [1, " + KeyDistribution.MAX_ZIPF_KEYS + "]",
            a.keys());
    boolean exponent =
        problems.require(
            Double.isFinite(a.exponent()) && a.exponent() > 0,
            "@ZipfKeys",
            "exponent",
            "finite and > 0",
            a.exponent());
    if (!count || !exponent) {
      return Optional.empty();
    }
    return Optional.of(
        new KeySpec(
            KeyDistribution.zipf(a.keys(), a.exponent()),
            a.seed(),
            "@ZipfKeys(keys = "
                + a.keys()
                + ", exponent = "
                + ConfigProblems.show(a.exponent())
                + ")"));
  }

  private Optional<KeySpec> hot(HotKey a) {
    boolean share =
        problems.require(
            Double.isFinite(a.share()) && a.share() >= 0 && a.share() <= 1,
            "@HotKey",
            "share",
            "in [0, 1]",
            a.share());
    boolean count =
        problems.require(
            a.keys() >= 2 || (a.keys() == 1 && a.share() == 1),
            "@HotKey",
            "keys",
            ">= 2 (1 only with share = 1)",
            a.keys());
    if (!share || !count) {
      return Optional.empty();
    }
    return Optional.of(
        new KeySpec(
            KeyDistribution.hotKey(a.keys(), a.share()),
            a.seed(),
            "@HotKey(keys = " + a.keys() + ", share = " + ConfigProblems.show(a.share()) + ")"));
  }
}
