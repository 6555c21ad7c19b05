package dev.spillway.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The example Gatling project (examples/gatling-project) pins its versions itself, as a user's
 * project does; they must be the ones this build pins, or the example would drift from what is
 * built and tested here without anyone noticing.
 */
class ExampleProjectVersionsTest {

  private static final Path PARENT = Path.of("..", "pom.xml");
  private static final Path EXAMPLE = Path.of("..", "examples", "gatling-project", "pom.xml");

  @Test
  void theExamplePinsWhatTheBuildPins() throws Exception {
    Element parent = root(PARENT);
    Element example = root(EXAMPLE);
    Map<String, String> parentProps = properties(parent);
    Map<String, String> exampleProps = properties(example);

    assertThat(exampleProps.get("spillway.version")).isEqualTo(child(parent, "version"));
    assertThat(exampleProps.get("gatling.version")).isEqualTo(parentProps.get("gatling.version"));
    assertThat(exampleProps.get("gatling-maven-plugin.version"))
        .isEqualTo(parentProps.get("gatling-plugin.version"));
    assertThat(exampleProps.get("exec-maven-plugin.version"))
        .isEqualTo(parentProps.get("exec-plugin.version"));
    assertThat(exampleProps.get("maven.compiler.release"))
        .isEqualTo(parentProps.get("maven.compiler.release"));
    // and each Maven plugin it pins, at the parent's version of it
    NodeList plugins = example.getElementsByTagName("plugin");
    int pinned = 0;
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      String artifact = child(plugin, "artifactId");
      if (artifact.startsWith("maven-") && artifact.endsWith("-plugin")) {
        String property = artifact.substring("maven-".length()) + ".version";
        assertThat(child(plugin, "version"))
            .as("%s in the example against the parent's ${%s}", artifact, property)
            .isEqualTo(parentProps.get(property));
        pinned++;
      }
    }
    assertThat(pinned).as("the example pins Maven's plugins").isGreaterThanOrEqualTo(5);
  }

  private static Element root(Path pom) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(pom.toFile())
        .getDocumentElement();
  }

  private static Map<String, String> properties(Element project) {
    Map<String, String> props = new LinkedHashMap<>();
    Element properties = (Element) project.getElementsByTagName("properties").item(0);
    for (Node n = properties.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        props.put(e.getTagName(), e.getTextContent().trim());
      }
    }
    return props;
  }

  /** The text of {@code parent}'s direct child {@code name}; fails when there is none. */
  private static String child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().trim();
      }
    }
    throw new AssertionError(parent.getTagName() + " has no <" + name + ">");
  }
}
