package io.berth.gateway.build;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.CommandFailed;
import io.berth.events.Message;
import io.berth.events.container.ContainerBuildOutput;
import io.berth.events.container.ContainerBuildStepExited;
import io.berth.events.image.ImageBuildCompleted;
import io.berth.events.image.ImageBuildFailed;
import io.berth.events.image.ImageBuildStepFinished;
import io.berth.events.image.ImageBuildStepStarted;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one build's events into the Engine API's build stream, as Docker's classic builder writes
 * it: {@code Step N/M : ...}, the {@code RUN} output as it comes, {@code ---> Running in}, {@code
 * ---> Using cache}, {@code ---> <id>}, the {@code aux} message with the image id, {@code
 * Successfully built} and {@code Successfully tagged}, or an {@code errorDetail} whose code is a
 * failed {@code RUN}'s exit code (the CLI exits with it).
 *
 * <p>A step's end travels on the image topic and its output on the container topic, so the end of a
 * {@code RUN} step is held back until its container's exit (which follows all its output) has been
 * seen.
 */
final class BuildProgress {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String buildId;
  private final boolean quiet;
  private final Map<String, Integer> stepContainers = new HashMap<>();
  private final Set<String> exited = new HashSet<>();
  private final Map<String, List<byte[]>> heldBack = new HashMap<>();
  private boolean ended;

  BuildProgress(String buildId, boolean quiet) {
    this.buildId = buildId;
    this.quiet = quiet;
  }

  /** Whether the build has ended (its last line was produced). */
  boolean ended() {
    return ended;
  }

  /** The lines an event adds to the stream, in order (none for other builds' events). */
  List<byte[]> lines(Message event) {
    List<byte[]> out = new ArrayList<>();
    if (ended) {
      return out;
    }
    if (event instanceof ImageBuildStepStarted e && buildId.equals(e.buildId())) {
      stream(out, "Step " + e.step() + "/" + e.totalSteps() + " : " + e.instruction() + "\n");
      if (e.containerId() != null) {
        stepContainers.put(e.containerId(), e.step());
        stream(out, " ---> Running in " + shortId(e.containerId()) + "\n");
      }
    } else if (event instanceof ContainerBuildOutput e && buildId.equals(e.buildId())) {
      stream(out, e.text());
    } else if (event instanceof ContainerBuildStepExited e && buildId.equals(e.buildId())) {
      exited.add(e.containerId());
      List<byte[]> held = heldBack.remove(e.containerId());
      if (held != null) {
        out.addAll(held);
      }
    } else if (event instanceof ImageBuildStepFinished e && buildId.equals(e.buildId())) {
      List<byte[]> lines = new ArrayList<>();
      String container = containerOf(e.step());
      if (e.cached()) {
        stream(lines, " ---> Using cache\n");
      }
      if (container != null) {
        stream(lines, " ---> Removed intermediate container " + shortId(container) + "\n");
      }
      stream(lines, " ---> " + shortId(e.image().imageId()) + "\n");
      if (container != null && !exited.contains(container)) {
        heldBack.put(container, lines);
      } else {
        out.addAll(lines);
      }
    } else if (event instanceof ImageBuildCompleted e && buildId.equals(e.buildId())) {
      heldBack.values().forEach(out::addAll);
      heldBack.clear();
      ObjectNode aux = JSON.createObjectNode();
      aux.putObject("aux").put("ID", e.image().imageId());
      out.add(line(aux));
      if (quiet) {
        ObjectNode id = JSON.createObjectNode();
        id.put("stream", e.image().imageId() + "\n");
        out.add(line(id));
      } else {
        stream(out, "Successfully built " + shortId(e.image().imageId()) + "\n");
        for (String tag : e.tags()) {
          stream(out, "Successfully tagged " + tag + "\n");
        }
      }
      ended = true;
    } else if (event instanceof ImageBuildFailed e && buildId.equals(e.buildId())) {
      heldBack.values().forEach(out::addAll);
      heldBack.clear();
      out.add(error(e.message(), e.exitCode() == null ? 1 : e.exitCode()));
      ended = true;
    } else if (event instanceof CommandFailed e && buildId.equals(e.subject())) {
      out.add(error(e.message(), 1));
      ended = true;
    }
    return out;
  }

  /** The error line for a build that ended without its events (a refused command, a timeout). */
  byte[] error(String message, int code) {
    ended = true;
    ObjectNode node = JSON.createObjectNode();
    ObjectNode detail = node.putObject("errorDetail");
    detail.put("code", code);
    detail.put("message", message);
    node.put("error", message);
    return line(node);
  }

  private String containerOf(int step) {
    for (Map.Entry<String, Integer> e : stepContainers.entrySet()) {
      if (e.getValue() == step) {
        return e.getKey();
      }
    }
    return null;
  }

  private void stream(List<byte[]> out, String text) {
    if (quiet) {
      return;
    }
    ObjectNode node = JSON.createObjectNode();
    node.put("stream", text);
    out.add(line(node));
  }

  private static byte[] line(ObjectNode node) {
    return (node.toString() + "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  private static String shortId(String id) {
    String hex = id.startsWith("sha256:") ? id.substring(7) : id;
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }
}
