package dev.spillway.toolkit.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Keeps the {@code WARNING}-or-worse lines written to the {@link System.Logger} named after a class
 * while open (the JDK's default logger finder writes them to {@code java.util.logging}).
 * Thread-safe.
 */
public final class LogCapture extends Handler implements AutoCloseable {

  private final Logger logger; // held: java.util.logging keeps loggers weakly
  private final List<String> lines = new ArrayList<>();
  private final SimpleFormatter formatter = new SimpleFormatter();

  private LogCapture(String name) {
    this.logger = Logger.getLogger(name);
    setLevel(Level.WARNING);
    logger.addHandler(this);
  }

  /** Captures what is logged to the logger named after {@code type}. */
  public static LogCapture of(Class<?> type) {
    return new LogCapture(type.getName());
  }

  /** The lines captured so far. */
  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public synchronized void publish(LogRecord record) {
    if (isLoggable(record)) {
      lines.add(formatter.formatMessage(record));
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
