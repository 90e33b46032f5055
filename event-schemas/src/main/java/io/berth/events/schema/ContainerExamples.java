package io.berth.events.schema;

import static io.berth.events.schema.Examples.CONTAINER_ID;
import static io.berth.events.schema.Examples.EXEC_ID;
import static io.berth.events.schema.Examples.NOW;

import io.berth.events.Message;
import io.berth.events.container.ContainerBuildOutput;
import io.berth.events.container.ContainerBuildStepExited;
import io.berth.events.container.ContainerBuildStepRequested;
import io.berth.events.container.ContainerCommitRequested;
import io.berth.events.container.ContainerCommitted;
import io.berth.events.container.ContainerConfig;
import io.berth.events.container.ContainerCreateRequested;
import io.berth.events.container.ContainerCreated;
import io.berth.events.container.ContainerDied;
import io.berth.events.container.ContainerExecCreateRequested;
import io.berth.events.container.ContainerExecCreated;
import io.berth.events.container.ContainerExecDied;
import io.berth.events.container.ContainerExecStartRequested;
import io.berth.events.container.ContainerExecStarted;
import io.berth.events.container.ContainerKillRequested;
import io.berth.events.container.ContainerKilled;
import io.berth.events.container.ContainerOom;
import io.berth.events.container.ContainerPauseRequested;
import io.berth.events.container.ContainerPaused;
import io.berth.events.container.ContainerRemoveRequested;
import io.berth.events.container.ContainerRemoved;
import io.berth.events.container.ContainerRenameRequested;
import io.berth.events.container.ContainerRenamed;
import io.berth.events.container.ContainerRestartRequested;
import io.berth.events.container.ContainerRestarted;
import io.berth.events.container.ContainerStartRequested;
import io.berth.events.container.ContainerStarted;
import io.berth.events.container.ContainerStopRequested;
import io.berth.events.container.ContainerStopped;
import io.berth.events.container.ContainerUnpauseRequested;
import io.berth.events.container.ContainerUnpaused;
import io.berth.events.container.HostConfig;
import io.berth.events.container.Mount;
import io.berth.events.container.PortBinding;
import java.util.List;
import java.util.Map;

/** The container examples: {@code docker run --name web app:1.0} and what follows. */
final class ContainerExamples {

  private ContainerExamples() {}

  private static final String STEP_CONTAINER_ID =
      "5a3c1e2b9f104d7e8a6b2c0f1e3d5a7b9c8e6f4a2b0d1c3e5f7a9b8c6d4e2f0a";

  static List<Message> all() {
    ContainerConfig asked =
        new ContainerConfig(
            List.of("./app", "--port", "8080"),
            null,
            List.of("MODE=production"),
            null,
            null,
            null,
            false,
            false,
            Map.of("team", "web"),
            null,
            null);
    ContainerConfig effective =
        new ContainerConfig(
            List.of("./app", "--port", "8080"),
            List.of(),
            List.of(
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "MODE=production"),
            "/srv",
            "app",
            "a42d519714d6",
            false,
            false,
            Map.of("team", "web", "org.opencontainers.image.title", "app"),
            List.of("8080/tcp"),
            "SIGTERM");
    HostConfig host =
        new HostConfig(
            268_435_456,
            500_000_000,
            0,
            100,
            false,
            "on-failure:3",
            "bridge",
            List.of("/srv/data:/data:ro"),
            false,
            List.of(new Mount("volume", "pgdata", "/var/lib/db", false, false, Map.of(), 0, 0)),
            Map.of("/run", "size=64m"),
            List.of(new PortBinding(8080, "tcp", "127.0.0.1", 0)),
            false,
            List.of("192.0.2.53"),
            List.of("db.internal:192.0.2.10"),
            List.of("api"));
    return List.of(
        new ContainerCreateRequested(CONTAINER_ID, "web", "app:1.0", asked, host),
        new ContainerCreated(
            CONTAINER_ID, "web", "app:1.0", ImageExamples.APP_ID, effective, host, NOW),
        new ContainerStartRequested(CONTAINER_ID),
        new ContainerStarted(CONTAINER_ID, 48_213, NOW.plusMillis(212), false),
        new ContainerStopRequested(CONTAINER_ID, 10, null),
        new ContainerStopped(CONTAINER_ID, 143, NOW.plusSeconds(300), false),
        new ContainerKillRequested(CONTAINER_ID, "SIGHUP"),
        new ContainerKilled(CONTAINER_ID, "SIGHUP"),
        new ContainerRestartRequested(CONTAINER_ID, 5, "SIGINT"),
        new ContainerRestarted(CONTAINER_ID, 48_377, NOW.plusSeconds(60)),
        new ContainerPauseRequested(CONTAINER_ID),
        new ContainerPaused(CONTAINER_ID),
        new ContainerUnpauseRequested(CONTAINER_ID),
        new ContainerUnpaused(CONTAINER_ID),
        new ContainerRemoveRequested(CONTAINER_ID, true, false),
        new ContainerRemoved(CONTAINER_ID, "web"),
        new ContainerRenameRequested(CONTAINER_ID, "web-old"),
        new ContainerRenamed(CONTAINER_ID, "web", "web-old"),
        new ContainerCommitRequested(
            CONTAINER_ID,
            "app",
            "patched",
            "hot fix of the config",
            "Ada <ada@example.com>",
            true,
            List.of("ENV MODE=staging")),
        new ContainerCommitted(CONTAINER_ID, ImageExamples.COMMITTED_ID),
        new ContainerBuildStepRequested(
            STEP_CONTAINER_ID,
            Examples.BUILD_ID,
            2,
            ImageExamples.app(),
            new ContainerConfig(
                List.of("/bin/sh", "-c", "make install"),
                List.of(),
                List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
                "/src",
                null,
                null,
                false,
                false,
                null,
                null,
                null),
            null),
        new ContainerBuildOutput(
            STEP_CONTAINER_ID, Examples.BUILD_ID, 2, "stdout", "cc -O2 -o app main.c\n"),
        new ContainerBuildStepExited(STEP_CONTAINER_ID, Examples.BUILD_ID, 2, 0, null),
        new ContainerExecCreateRequested(
            CONTAINER_ID,
            EXEC_ID,
            List.of("sh", "-c", "cat /etc/hostname"),
            List.of("DEBUG=1"),
            "root",
            "/",
            false,
            false,
            true,
            true,
            false),
        new ContainerExecCreated(CONTAINER_ID, EXEC_ID, List.of("sh", "-c", "cat /etc/hostname")),
        new ContainerExecStartRequested(CONTAINER_ID, EXEC_ID, false, false),
        new ContainerExecStarted(CONTAINER_ID, EXEC_ID, 48_290),
        new ContainerExecDied(CONTAINER_ID, EXEC_ID, 0),
        new ContainerDied(CONTAINER_ID, 137, true, NOW.plusSeconds(120), null),
        new ContainerOom(CONTAINER_ID));
  }
}
