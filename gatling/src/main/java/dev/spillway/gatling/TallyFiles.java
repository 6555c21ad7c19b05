package dev.spillway.gatling;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * The answers each injector's users got, handed to the judge through a shared folder when a run is
 * scaled out: one file per injector, {@code <run>.injector-<index>.tally}, one line per queue —
 * {@code queue accepted rejected failed histogram} (tab-separated; the response times as an
 * HdrHistogram in its compressed encoding, base64, or {@code -}).
 */
final class TallyFiles {

  private TallyFiles() {}

  /** What one injector counted for one queue. */
  record Share(ClientOutcomes outcomes, Histogram responseNanos) {}

  static Path file(Path dir, String run, int index) {
    return dir.resolve(run + ".injector-" + index + ".tally");
  }

  /**
   * Writes this injector's file (to a temporary file moved into place: never read half-written).
   */
  static void write(Path dir, String run, int index, Map<String, Share> shares) throws IOException {
    StringBuilder out = new StringBuilder();
    shares.forEach(
        (queue, share) -> {
          ClientOutcomes o = share.outcomes();
          out.append(queue)
              .append('\t')
              .append(o.accepted())
              .append('\t')
              .append(o.rejected())
              .append('\t')
              .append(o.failed())
              .append('\t')
              .append(encode(share.responseNanos()))
              .append('\n');
        });
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, run, ".tmp");
    Files.writeString(tmp, out, StandardCharsets.UTF_8);
    Files.move(tmp, file(dir, run, index), StandardCopyOption.ATOMIC_MOVE);
  }

  /** Removes every injector's file of {@code run} (the judge does, before the load). */
  static void clear(Path dir, String run) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (name.startsWith(run + ".injector-") && name.endsWith(".tally")) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  /**
   * The files of injectors 1 to {@code count - 1} written since {@code since}; absent ones left
   * out.
   */
  static List<Map<String, Share>> readOthers(Path dir, String run, int count, Instant since)
      throws IOException {
    List<Map<String, Share>> out = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      Path f = file(dir, run, i);
      if (Files.isRegularFile(f) && !Files.getLastModifiedTime(f).toInstant().isBefore(since)) {
        out.add(parse(f, Files.readString(f, StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  static Map<String, Share> parse(Path file, String text) {
    Map<String, Share> shares = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t");
      if (f.length != 5) {
        throw new IllegalStateException(
            file
                + ": a line must be 'queue accepted rejected failed histogram', but was '"
                + line
                + "'");
      }
      try {
        shares.put(
            f[0],
            new Share(
                new ClientOutcomes(
                    Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])),
                decode(f[4])));
      } catch (RuntimeException e) {
        throw new IllegalStateException(file + ": unreadable line '" + line + "': " + e, e);
      }
    }
    return shares;
  }

  private static String encode(Histogram h) {
    if (h.getTotalCount() == 0) {
      return "-";
    }
    ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
    int length = h.encodeIntoCompressedByteBuffer(buffer);
    byte[] bytes = new byte[length];
    buffer.flip();
    buffer.get(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static Histogram decode(String text) {
    if (text.equals("-")) {
      return new Histogram(3);
    }
    try {
      return Histogram.decodeFromCompressedByteBuffer(
          ByteBuffer.wrap(Base64.getDecoder().decode(text)), 0);
    } catch (java.util.zip.DataFormatException e) {
      throw new IllegalStateException("not a compressed histogram: " + e.getMessage(), e);
    }
  }
}
