package dev.spillway.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits a label into a box of a few lines of a few characters: words wrapped greedily, a word longer
 * than a line broken, and the last line ending in {@code …} when the text does not fit. An SVG text
 * has no wrapping of its own and the page has no script to measure it, so the box is counted in
 * characters of a conservative average width. Stateless.
 */
final class LabelFit {

  /** The average width of a character, in em, that the charts reckon with (wide, to be safe). */
  static final double EM_PER_CHAR = 0.6;

  private LabelFit() {}

  /**
   * The lines of {@code text} in a box {@code perLine} characters wide and {@code maxLines} high;
   * empty when not even a line of three characters fits.
   */
  static List<String> lines(String text, int perLine, int maxLines) {
    String words = text.strip().replaceAll("\\s+", " ");
    if (perLine < 3 || maxLines < 1 || words.isEmpty()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : words.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() <= perLine) {
        line.append(' ').append(word);
        continue;
      }
      if (line.length() > 0) {
        lines.add(line.toString());
        line.setLength(0);
      }
      while (word.length() > perLine) { // an identifier wider than the box: broken, not lost
        lines.add(word.substring(0, perLine));
        word = word.substring(perLine);
      }
      line.append(word);
    }
    lines.add(line.toString());
    if (lines.size() <= maxLines) {
      return List.copyOf(lines);
    }
    List<String> kept = new ArrayList<>(lines.subList(0, maxLines));
    String last = kept.get(maxLines - 1);
    kept.set(maxLines - 1, (last.length() < perLine ? last : last.substring(0, perLine - 1)) + "…");
    return List.copyOf(kept);
  }

  /** How many characters of a {@code fontSize} px font fit in {@code width} px. */
  static int charsIn(double width, double fontSize) {
    return (int) Math.floor(width / (fontSize * EM_PER_CHAR));
  }
}
