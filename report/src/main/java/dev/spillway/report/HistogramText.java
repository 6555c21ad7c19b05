package dev.spillway.report;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * An HdrHistogram as text: its compressed encoding ({@code encodeIntoCompressedByteBuffer}) in
 * base64, as HdrHistogram's own log files keep it. Stateless.
 */
final class HistogramText {

  private HistogramText() {}

  static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
  }

  /**
   * The histogram in {@code text}.
   *
   * @throws JsonRules.FieldProblem naming the field {@code histogram} when it is not one
   */
  static Histogram decode(String text) {
    try {
      ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(text));
      Histogram histogram = Histogram.decodeFromCompressedByteBuffer(buffer, 0);
      return histogram;
    } catch (DataFormatException | RuntimeException e) {
      // bad base64, or bytes HdrHistogram rejects (with assorted runtime exceptions)
      throw problem(text);
    }
  }

  private static JsonRules.FieldProblem problem(String text) {
    String shown = text.length() > 40 ? text.substring(0, 37) + "..." : text;
    return new JsonRules.FieldProblem(
        "histogram",
        "must be an HdrHistogram of nanoseconds in its compressed encoding, base64, but was \""
            + shown
            + "\"");
  }
}
