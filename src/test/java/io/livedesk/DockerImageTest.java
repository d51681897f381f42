package io.livedesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.livedesk.testing.Api;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The repository's Dockerfile builds an image that starts, answers /health, reports itself healthy and
 * runs as a user other than root (docs/operations.md §Docker). It needs a usable container engine
 * ({@code docker info} succeeds) and is skipped, saying why, where there is none; {@code -Ddocker.skip=true}
 * or {@code -DexcludedGroups=docker} leaves it out where there is one. The image build reuses Docker's
 * layer and Maven caches, so a run after the first builds only what changed.
 */
@Tag("docker")
@DisplayName("the Docker image builds, starts healthy and runs as a non-root user")
class DockerImageTest {

  private static final String IMAGE = "livedesk:test";
  private static final String ADMIN_TOKEN = "docker-test-admin-token";

  @BeforeAll
  static void dockerIsUsable() throws Exception {
    assumeTrue(!Boolean.getBoolean("docker.skip"), "skipped: -Ddocker.skip=true");
    Result info;
    try {
      info = run(List.of("docker", "info", "--format", "{{.ServerVersion}}"), 30);
    } catch (IOException e) {
      info = new Result(-1, "no docker command: " + e.getMessage());
    }
    assumeTrue(info.code() == 0, "skipped: no usable container engine (`docker info` failed: "
        + info.output().strip().lines().reduce((a, b) -> b).orElse("") + ")");
  }

  @Test
  @DisplayName("built from the repository, it serves /health, turns healthy and its process is not root")
  void imageStartsHealthy() throws Exception {
    Result build = run(List.of("docker", "build", "-q", "-t", IMAGE, "."), 1800);
    assertThat(build.code()).as("docker build: %s", build.output()).isZero();

    Result started = run(List.of("docker", "run", "-d", "--rm", "-p", "127.0.0.1::8080",
        "-e", "LIVEDESK_ALLOW_PLAIN_HTTP=true", "-e", "LIVEDESK_ADMIN_TOKEN=" + ADMIN_TOKEN, IMAGE), 60);
    assertThat(started.code()).as("docker run: %s", started.output()).isZero();
    String container = started.output().strip().lines().reduce((a, b) -> b).orElseThrow();
    try {
      String port = run(List.of("docker", "port", container, "8080/tcp"), 30).output().strip().lines()
          .findFirst().orElseThrow().replaceAll(".*:", "");
      Api api = new Api("http://127.0.0.1:" + port);
      assertThat(awaitHealthy(container)).as("the HEALTHCHECK's verdict").isEqualTo("healthy");
      assertThat(api.get("/health", Map.of()).json().path("status").asText()).isEqualTo("UP");
      assertThat(api.get("/api/shows", Api.bearer(ADMIN_TOKEN)).status()).isEqualTo(200);

      Result user = run(List.of("docker", "exec", container, "id", "-u"), 30);
      assertThat(user.output().strip()).isNotEqualTo("0");
      Result dataDir = run(List.of("docker", "exec", container, "ls", "/var/lib/livedesk"), 30);
      assertThat(dataDir.output()).as("the data volume holds the admin token's hash").contains("admin-token.sha256");
    } finally {
      run(List.of("docker", "stop", "-t", "20", container), 60);
    }
  }

  private static String awaitHealthy(String container) throws Exception {
    long deadline = System.currentTimeMillis() + 120_000;
    String status = "";
    while (System.currentTimeMillis() < deadline) {
      status = run(List.of("docker", "inspect", "--format", "{{.State.Health.Status}}", container), 30).output().strip();
      if (status.equals("healthy") || status.equals("unhealthy")) {
        return status;
      }
      Thread.sleep(1000);
    }
    return status;
  }

  private record Result(int code, String output) {}

  private static Result run(List<String> command, long seconds) throws IOException, InterruptedException {
    Path output = Files.createTempFile("livedesk-docker", ".txt");
    Process process = new ProcessBuilder(new ArrayList<>(command)).directory(Path.of("").toAbsolutePath().toFile())
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Result(-1, String.join(" ", command) + " took longer than " + seconds + " s");
    }
    String text = Files.readString(output, StandardCharsets.UTF_8);
    Files.deleteIfExists(output);
    return new Result(process.exitValue(), text);
  }
}
