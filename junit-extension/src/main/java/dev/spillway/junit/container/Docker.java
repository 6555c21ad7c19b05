package dev.spillway.junit.container;

import com.github.dockerjava.api.DockerClient;
import org.testcontainers.DockerClientFactory;

/** The Docker engine, found the way Testcontainers finds it. */
final class Docker {

  private Docker() {}

  /** Testcontainers' client of the Docker engine (created on first use, then shared). */
  static DockerClient client() {
    return DockerClientFactory.instance().client();
  }
}
