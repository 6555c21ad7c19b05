package dev.spillway.toolkit.load;

import dev.spillway.toolkit.util.Preconditions;

/** {@code "key-" + index}, with the first names cached so that hot paths do not allocate. */
final class KeyNames {

  private static final int CACHED = 1024;
  private static final String[] NAMES = new String[CACHED];

  static {
    for (int i = 0; i < CACHED; i++) {
      NAMES[i] = "key-" + i;
    }
  }

  private KeyNames() {}

  static String of(int index) {
    if (index >= 0 && index < CACHED) {
      return NAMES[index];
    }
    Preconditions.check(index >= 0, "key index", ">= 0", index);
    return "key-" + index;
  }
}
