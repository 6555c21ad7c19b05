package dev.spillway.junit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Keeps the root README's "Use Spillway in your project" true: its test class is a whole file
 * compiled and run here against the extension alone (this module does not see the sample targets),
 * imports included; its dependency lines name the BOM and artifacts that exist, at the version of
 * this build.
 */
class UseInYourProjectTest {

  private static final Path README = Path.of("..", "README.md");
  private static final Path EXAMPLE =
      Path.of("src/test/java/com/example/orders/OrderPoolOverloadTest.java");
  private static final Pattern FILE =
      Pattern.compile(
          "<!-- file: junit-extension/"
              + Pattern.quote(EXAMPLE.toString())
              + " -->\n```java\n"
              + "(.*?)```\n<!-- end file -->",
          Pattern.DOTALL);

  @Test
  void theReadmesTestClass_isTheCompiledExample_wholeFile() throws IOException {
    Matcher m = FILE.matcher(Files.readString(README));
    assertThat(m.find()).as("the README shows %s", EXAMPLE).isTrue();
    assertThat(m.group(1)).isEqualTo(Files.readString(EXAMPLE));
  }

  @Test
  void theBom_pinsEveryPublishedArtifact_atTheBuildsVersion() throws Exception {
    Element parent = root(Path.of("..", "pom.xml"));
    Element bom = root(Path.of("..", "bom", "pom.xml"));
    String version = child(parent, "version");
    assertThat(child(bom, "version")).isEqualTo(version);
    // the BOM pins Spillway's artifacts only: nothing of the build's own third-party versions
    NodeList managed = bom.getElementsByTagName("dependency");
    for (int i = 0; i < managed.getLength(); i++) {
      Element dependency = (Element) managed.item(i);
      assertThat(child(dependency, "groupId")).isEqualTo("dev.spillway");
      assertThat(child(dependency, "version")).isEqualTo("${project.version}");
    }
    assertThat(artifactIds(managed))
        .containsExactlyInAnyOrder(
            "spillway-toolkit",
            "spillway-report",
            "spillway-junit-extension",
            "spillway-sample-targets",
            "spillway-gatling");
    // and the README's dependency lines import it at this version
    String readme = Files.readString(README);
    assertThat(readme)
        .contains(
            "<artifactId>spillway-bom</artifactId>\n      <version>" + version + "</version>");
  }

  private static List<String> artifactIds(NodeList dependencies) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < dependencies.getLength(); i++) {
      ids.add(child((Element) dependencies.item(i), "artifactId"));
    }
    return ids;
  }

  private static Element root(Path pom) throws Exception {
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    return doc.getDocumentElement();
  }

  /** The text of {@code element}'s direct child named {@code name}. */
  private static String child(Element element, String name) {
    NodeList children = element.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().strip();
      }
    }
    throw new AssertionError(element.getTagName() + " has no <" + name + ">");
  }
}
