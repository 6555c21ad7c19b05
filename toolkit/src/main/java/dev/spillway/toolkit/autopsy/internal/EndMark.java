package dev.spillway.toolkit.autopsy.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Committed when an autopsy stops: once its stream has delivered it, every event committed before
 * it has been delivered too (a flush takes every thread's buffer).
 */
@Name(EndMark.NAME)
@Label("Spillway autopsy end")
@Category("Spillway")
@Description("Marks the end of a Spillway autopsy's recording")
@StackTrace(false)
final class EndMark extends Event {

  static final String NAME = "dev.spillway.AutopsyEnd";

  @Label("Token")
  long token;
}
