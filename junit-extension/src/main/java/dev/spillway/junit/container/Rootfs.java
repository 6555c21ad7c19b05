package dev.spillway.junit.container;

import dev.spillway.toolkit.util.Preconditions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * The files of a {@link JavaServiceImage}: a {@code jlink} runtime under {@code /opt/java}, the C
 * libraries it links, and the service's classpath under {@code /app}.
 */
final class Rootfs {

  /** Where the jlink runtime is in the image, relative to its root. */
  private static final String RUNTIME = "opt/java";

  /** Where the runtime's {@code java} is in the image. */
  static final String JAVA = "/" + RUNTIME + "/bin/java";

  /**
   * The C libraries a jlink runtime links (found with {@code ldd}), and glibc's split-off parts.
   */
  static final List<String> LIBRARIES =
      List.of(
          "libc.so.6",
          "libm.so.6",
          "libz.so.1",
          "libgcc_s.so.1",
          "libstdc++.so.6",
          "libpthread.so.0",
          "libdl.so.2",
          "librt.so.1");

  private Rootfs() {}

  /** Runs jlink with {@code modules} into {@code rootfs/opt/java}. */
  static void jlink(Path rootfs, List<String> modules) {
    ToolProvider jlink =
        ToolProvider.findFirst("jlink")
            .orElseThrow(() -> new IllegalStateException("jlink is missing: run on a JDK"));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    int exit =
        jlink.run(
            out,
            out,
            "--add-modules",
            String.join(",", modules),
            "--strip-debug",
            "--no-header-files",
            "--no-man-pages",
            "--output",
            rootfs.resolve(RUNTIME).toString());
    if (exit != 0) {
      throw new IllegalStateException(
          "jlink failed (exit " + exit + "): " + log.toString(StandardCharsets.UTF_8).trim());
    }
  }

  /** Copies the C libraries and the loader, and creates {@code /tmp}. */
  static void copyLibraries(Path rootfs) throws IOException {
    Path libs = rootfs.resolve(HostPlatform.LIB_DIR.toString().substring(1));
    Files.createDirectories(libs);
    for (String library : LIBRARIES) {
      Path source = HostPlatform.LIB_DIR.resolve(library);
      if (Files.exists(source)) { // libpthread, libdl, librt are stubs that newer glibc may drop
        Files.copy(source, libs.resolve(library)); // follows the symbolic link to the file
      } else {
        Preconditions.check(
            !library.equals("libc.so.6"), "C library", "in " + HostPlatform.LIB_DIR, "missing");
      }
    }
    Path loader = rootfs.resolve(HostPlatform.LOADER.toString().substring(1));
    Files.createDirectories(loader.getParent());
    Files.copy(HostPlatform.LOADER, loader);
    Files.createDirectories(rootfs.resolve("tmp"));
  }

  /** Copies the classpath under {@code /app}; returns the entries as the container sees them. */
  static List<String> copyClasspath(Path rootfs, List<Path> classpath) throws IOException {
    Path app = rootfs.resolve("app");
    Files.createDirectories(app);
    List<String> entries = new ArrayList<>();
    int i = 0;
    for (Path entry : classpath) {
      String target = String.format(Locale.ROOT, "%02d-%s", i++, entry.getFileName());
      if (Files.isDirectory(entry)) {
        copyTree(entry, app.resolve(target));
      } else {
        Files.copy(entry, app.resolve(target), StandardCopyOption.REPLACE_EXISTING);
      }
      entries.add("/app/" + target);
    }
    return entries;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** Deletes a temporary directory; one left behind is not worth failing a test for. */
  static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // left behind in the temporary directory
    }
  }
}
