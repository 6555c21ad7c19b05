package dev.spillway.toolkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API boundary of the whole repository, read from the sources: every public type of a published
 * module says what a user may rely on (an {@code @API} status; {@code INTERNAL} exactly for the
 * packages that are not API), no module imports another module's internal package, and every jar
 * has a stable module name.
 */
class ApiMarksTest {

  private static final Path REPOSITORY = Path.of("..");

  /** Every module, by directory, with its root package. */
  private static final Map<String, String> MODULES =
      Map.of(
          "toolkit", "dev.spillway.toolkit",
          "report", "dev.spillway.report",
          "junit-extension", "dev.spillway.junit",
          "sample-targets", "dev.spillway.samples",
          "gatling", "dev.spillway.gatling",
          "gatling-scenarios", "dev.spillway.gatling.scenarios",
          "benchmarks", "dev.spillway.benchmarks");

  /** The modules a user adds (the BOM's). */
  private static final List<String> PUBLISHED =
      List.of("toolkit", "report", "junit-extension", "sample-targets", "gatling");

  /** Packages public for Spillway's own modules only, besides those named {@code internal}. */
  private static final List<String> SHARED_INTERNALS = List.of("dev.spillway.toolkit.util");

  private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile(
          "(?m)^public (?:(?:final|abstract|sealed|non-sealed|static) )*"
              + "(?:class|interface|enum|record|@interface) (\\w+)");
  private static final Pattern API_MARK =
      Pattern.compile("(?m)^@API\\(status = (\\w+), since = \"[\\d.]+\"\\)");
  private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?([\\w.]+)");

  @Test
  void everyPublicTypeOfAPublishedModule_isMarked_internalExactlyOutsideTheApi()
      throws IOException {
    List<String> problems = new ArrayList<>();
    int marked = 0;
    for (String module : PUBLISHED) {
      for (Path file : sources(module, "main")) {
        String text = Files.readString(file);
        Matcher type = PUBLIC_TYPE.matcher(text);
        if (!type.find()) {
          continue;
        }
        Matcher mark = API_MARK.matcher(text.substring(0, type.start()));
        String expected = isInternal(packageOf(text)) ? "INTERNAL" : "EXPERIMENTAL or STABLE";
        if (!mark.find()) {
          problems.add(file + ": public " + type.group(1) + " has no @API status");
        } else if (isInternal(packageOf(text)) != mark.group(1).equals("INTERNAL")) {
          problems.add(file + ": @API(status = " + mark.group(1) + "), expected " + expected);
        } else {
          marked++;
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(marked).as("public types marked").isGreaterThan(150);
  }

  @Test
  void noModuleImportsAnotherModulesInternals() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> module : MODULES.entrySet()) {
      for (String set : List.of("main", "test")) {
        for (Path file : sources(module.getKey(), set)) {
          Matcher imported = IMPORT.matcher(Files.readString(file));
          while (imported.find()) {
            String name = imported.group(1);
            boolean foreign = !name.startsWith(module.getValue() + ".");
            if (foreign && name.startsWith("dev.spillway.") && name.contains(".internal.")) {
              problems.add(file + " imports " + name);
            }
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyJarHasItsRootPackageAsItsModuleName() throws IOException {
    for (Map.Entry<String, String> module : MODULES.entrySet()) {
      String pom = Files.readString(REPOSITORY.resolve(module.getKey()).resolve("pom.xml"));
      assertThat(pom)
          .as(module.getKey())
          .contains("<spillway.module.name>" + module.getValue() + "</spillway.module.name>");
    }
    assertThat(Files.readString(REPOSITORY.resolve("pom.xml")))
        .contains("<Automatic-Module-Name>${spillway.module.name}</Automatic-Module-Name>");
  }

  private static boolean isInternal(String pkg) {
    return pkg.contains(".internal") || SHARED_INTERNALS.contains(pkg);
  }

  private static String packageOf(String text) {
    Matcher m = PACKAGE.matcher(text);
    return m.find() ? m.group(1) : "";
  }

  private static List<Path> sources(String module, String set) throws IOException {
    Path root = REPOSITORY.resolve(module).resolve("src").resolve(set).resolve("java");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .filter(f -> !f.getFileName().toString().equals("package-info.java"))
          .toList();
    }
  }
}
