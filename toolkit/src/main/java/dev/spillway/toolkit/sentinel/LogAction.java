package dev.spillway.toolkit.sentinel;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/** Writes the breach and its diagnostics to a {@link Logger} at {@code WARNING}. */
final class LogAction implements Action {

  private final Logger logger;

  LogAction(Logger logger) {
    this.logger = logger;
  }

  @Override
  public String name() {
    return "log";
  }

  @Override
  public MitigationResult apply(Breach breach, String sentinel) {
    if (!logger.isLoggable(Level.WARNING)) {
      return MitigationResult.success(
          name(), "not logged: WARNING is disabled on logger '" + logger.getName() + "'");
    }
    logger.log(Level.WARNING, message(breach, sentinel));
    return MitigationResult.success(name(), "logged at WARNING to '" + logger.getName() + "'");
  }

  static String message(Breach breach, String sentinel) {
    return "Sentinel '"
        + sentinel
        + "': queue '"
        + breach.source()
        + "' reached depth "
        + breach.depth()
        + " (enable threshold "
        + breach.enableThreshold()
        + ", disable threshold "
        + breach.disableThreshold()
        + "), excursion #"
        + breach.excursion()
        + "\n"
        + breach.diagnostics().text();
  }

  @Override
  public String toString() {
    return "log(" + logger.getName() + ")";
  }
}
