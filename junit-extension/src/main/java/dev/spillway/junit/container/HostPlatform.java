package dev.spillway.junit.container;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.spi.ToolProvider;

/**
 * What {@link JavaServiceImage} needs of the machine it runs on: Linux on x86-64 (the image copies
 * this machine's JDK and C library), {@code jlink}, and glibc where Debian-like systems keep it.
 *
 * @param osName {@code os.name}
 * @param osArch {@code os.arch}
 * @param jlink whether this Java runtime has {@code jlink}
 * @param glibc whether glibc and its loader are at {@link #LIB_DIR} and {@link #LOADER}
 */
record HostPlatform(String osName, String osArch, boolean jlink, boolean glibc) {

  /** Where the C libraries are copied from. */
  static final Path LIB_DIR = Path.of("/lib/x86_64-linux-gnu");

  /** The dynamic loader the runtime's {@code java} names. */
  static final Path LOADER = Path.of("/lib64/ld-linux-x86-64.so.2");

  /** This machine. */
  static HostPlatform current() {
    return new HostPlatform(
        System.getProperty("os.name", ""),
        System.getProperty("os.arch", ""),
        ToolProvider.findFirst("jlink").isPresent(),
        Files.isRegularFile(LIB_DIR.resolve("libc.so.6")) && Files.isRegularFile(LOADER));
  }

  /** Why a {@link JavaServiceImage} cannot be built here, or empty when it can. */
  Optional<String> problem() {
    boolean linux = osName.toLowerCase(Locale.ROOT).startsWith("linux");
    if (!linux || !(osArch.equals("amd64") || osArch.equals("x86_64"))) {
      return Optional.of(
          "a JavaServiceImage is built from this machine's JDK and C library, which needs Linux"
              + " on x86-64, but this is "
              + osName
              + " on "
              + osArch);
    }
    if (!jlink) {
      return Optional.of(
          "a JavaServiceImage is built with jlink, but this Java runtime has none (run the tests"
              + " on a JDK, not a JRE)");
    }
    if (!glibc) {
      return Optional.of(
          "a JavaServiceImage copies glibc from "
              + LIB_DIR
              + " and "
              + LOADER
              + ", but they are missing (a musl-based system such as Alpine?)");
    }
    return Optional.empty();
  }
}
