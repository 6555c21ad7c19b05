package dev.spillway.toolkit.probe;

import java.io.IOException;
import javax.management.AttributeNotFoundException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

/** Reads a numeric MBean attribute as a depth; see {@link QueueProbes#jmx}. */
final class JmxAttributeProbe implements QueueProbe {

  private final String name;
  private final MBeanServerConnection server;
  private final ObjectName objectName;
  private final String objectNameText;
  private final String attribute;

  /**
   * All arguments already validated; {@code objectName} is not a pattern and {@code objectNameText}
   * is how the caller spelled it (messages quote it as written).
   */
  JmxAttributeProbe(
      String name,
      MBeanServerConnection server,
      ObjectName objectName,
      String objectNameText,
      String attribute) {
    this.name = name;
    this.server = server;
    this.objectName = objectName;
    this.objectNameText = objectNameText;
    this.attribute = attribute;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long depth() {
    Object value;
    try {
      value = server.getAttribute(objectName, attribute);
    } catch (InstanceNotFoundException e) {
      throw failure("no MBean is registered under that name", e);
    } catch (AttributeNotFoundException e) {
      throw failure("the MBean has no such attribute", e);
    } catch (JMException | IOException | RuntimeException e) {
      // MBeanException / ReflectionException / RuntimeMBeanException: the getter failed;
      // IOException: a remote connection failed.
      Throwable reason = e.getCause() != null ? e.getCause() : e;
      throw failure("reading it failed: " + reason, e);
    }
    if (!(value instanceof Number)) {
      String type = value == null ? "null" : value.getClass().getName();
      throw failure("value " + value + " (" + type + ") is not numeric", null);
    }
    return Depths.fromNumber((Number) value, reason -> failure(reason, null));
  }

  private ProbeException failure(String reason, Throwable cause) {
    return new ProbeException(
        "JMX probe '"
            + name
            + "' could not read attribute '"
            + attribute
            + "' of '"
            + objectNameText
            + "': "
            + reason,
        cause);
  }

  @Override
  public String toString() {
    return "QueueProbe[name=" + name + ", jmx=" + objectNameText + ", attribute=" + attribute + "]";
  }
}
