package dev.spillway.toolkit.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.UUID;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueueProbesJmxTest {

  /** The management interface of the test MBean. */
  public interface QueueStatsMBean {
    int getSize();

    long getBacklog();

    double getGauge();

    String getLabel();

    Integer getNothing();

    long getBroken();
  }

  /** A standard MBean whose attributes the tests set. */
  public static final class QueueStats implements QueueStatsMBean {
    volatile int size;
    volatile long backlog;
    volatile double gauge;

    @Override
    public int getSize() {
      return size;
    }

    @Override
    public long getBacklog() {
      return backlog;
    }

    @Override
    public double getGauge() {
      return gauge;
    }

    @Override
    public String getLabel() {
      return "twelve";
    }

    @Override
    public Integer getNothing() {
      return null;
    }

    @Override
    public long getBroken() {
      throw new IllegalStateException("queue is gone");
    }
  }

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
  private final QueueStats stats = new QueueStats();
  private final String objectName = "dev.spillway.test:type=QueueStats,name=q-" + UUID.randomUUID();

  @BeforeEach
  void register() throws Exception {
    server.registerMBean(stats, new ObjectName(objectName));
  }

  @AfterEach
  void unregister() throws Exception {
    server.unregisterMBean(new ObjectName(objectName));
  }

  @Test
  void jmx_readsAnIntAttributeAtEachCall() {
    QueueProbe probe = QueueProbes.jmx("orders", server, objectName, "Size");

    stats.size = 17;
    assertThat(probe.name()).isEqualTo("orders");
    assertThat(probe.depth()).isEqualTo(17);
    stats.size = 3;
    assertThat(probe.depth()).isEqualTo(3);
    assertThat(probe.toString()).contains("orders", objectName, "Size");
  }

  @Test
  void jmx_readsALongAttributeBeyondIntRange() {
    stats.backlog = 5_000_000_000L;

    assertThat(QueueProbes.jmx("orders", server, objectName, "Backlog").depth())
        .isEqualTo(5_000_000_000L);
  }

  @Test
  void jmx_readsAWholeDoubleAsADepth() {
    stats.gauge = 12.0;

    assertThat(QueueProbes.jmx("orders", server, objectName, "Gauge").depth()).isEqualTo(12);
  }

  @Test
  void jmx_whenTheValueIsFractional_throwsNamingObjectNameAndAttribute() {
    stats.gauge = 12.5;
    QueueProbe probe = QueueProbes.jmx("orders", server, objectName, "Gauge");

    assertThatThrownBy(probe::depth)
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining(objectName)
        .hasMessageContaining("'Gauge'")
        .hasMessageContaining("12.5 is not a whole number");
  }

  @Test
  void jmx_whenTheValueIsNegative_throws() {
    stats.size = -2;
    QueueProbe probe = QueueProbes.jmx("orders", server, objectName, "Size");

    assertThatThrownBy(probe::depth)
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining(objectName)
        .hasMessageContaining("-2 is negative");
  }

  @Test
  void jmx_whenTheValueIsNotNumeric_throwsNamingObjectNameAndAttribute() {
    QueueProbe probe = QueueProbes.jmx("orders", server, objectName, "Label");

    assertThatThrownBy(probe::depth)
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("JMX probe 'orders'")
        .hasMessageContaining(objectName)
        .hasMessageContaining("'Label'")
        .hasMessageContaining("twelve (java.lang.String) is not numeric");
  }

  @Test
  void jmx_whenTheValueIsNull_throwsNotNumeric() {
    QueueProbe probe = QueueProbes.jmx("orders", server, objectName, "Nothing");

    assertThatThrownBy(probe::depth)
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("'Nothing'")
        .hasMessageContaining("null (null) is not numeric");
  }

  @Test
  void jmx_whenTheMBeanIsMissing_throwsNamingObjectNameAndAttribute() {
    String missing = "dev.spillway.test:type=QueueStats,name=absent-" + UUID.randomUUID();
    QueueProbe probe = QueueProbes.jmx("orders", server, missing, "Size");

    assertThatThrownBy(probe::depth)
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining(missing)
        .hasMessageContaining("'Size'")
        .hasMessageContaining("no MBean is registered under that name");
  }

  @Test
  void jmx_whenTheAttributeIsMissing_throwsNamingObjectNameAndAttribute() {
    QueueProbe probe = QueueProbes.jmx("orders", server, objectName, "Depth");

    assertThatThrownBy(probe::depth)
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining(objectName)
        .hasMessageContaining("'Depth'")
        .hasMessageContaining("no such attribute");
  }

  @Test
  void jmx_whenTheGetterThrows_throwsWithTheReason() {
    QueueProbe probe = QueueProbes.jmx("orders", server, objectName, "Broken");

    assertThatThrownBy(probe::depth)
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining(objectName)
        .hasMessageContaining("'Broken'")
        .hasMessageContaining("queue is gone");
  }

  @Test
  void jmx_rejectsMalformedObjectName() {
    assertThatThrownBy(() -> QueueProbes.jmx("orders", server, "no-colon-here", "Size"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("JMX object name must be a valid ObjectName")
        .hasMessageEndingWith("but was 'no-colon-here'");
  }

  @Test
  void jmx_rejectsAPattern() {
    assertThatThrownBy(() -> QueueProbes.jmx("orders", server, "dev.spillway.test:*", "Size"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "JMX object name must be a single MBean's name, not a pattern,"
                + " but was dev.spillway.test:*");
  }

  @Test
  void jmx_rejectsBlankOrNullArguments() {
    assertThatThrownBy(() -> QueueProbes.jmx(" ", server, objectName, "Size"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("probe name must not be blank, but was ' '");
    assertThatThrownBy(() -> QueueProbes.jmx("orders", null, objectName, "Size"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("MBean server must not be null");
    assertThatThrownBy(() -> QueueProbes.jmx("orders", server, null, "Size"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("JMX object name must not be null");
    assertThatThrownBy(() -> QueueProbes.jmx("orders", server, objectName, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("JMX attribute name must not be blank, but was ''");
  }
}
