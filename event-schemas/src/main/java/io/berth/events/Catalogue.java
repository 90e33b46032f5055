package io.berth.events;

import io.berth.events.audit.RequestAudited;
import io.berth.events.container.ContainerBuildOutput;
import io.berth.events.container.ContainerBuildStepExited;
import io.berth.events.container.ContainerBuildStepRequested;
import io.berth.events.container.ContainerCommitRequested;
import io.berth.events.container.ContainerCommitted;
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
import io.berth.events.image.ImageBuildCompleted;
import io.berth.events.image.ImageBuildFailed;
import io.berth.events.image.ImageBuildRequested;
import io.berth.events.image.ImageBuildStepFinished;
import io.berth.events.image.ImageBuildStepStarted;
import io.berth.events.image.ImageCommitRequested;
import io.berth.events.image.ImageCommitted;
import io.berth.events.image.ImageImportRequested;
import io.berth.events.image.ImageImported;
import io.berth.events.image.ImageLoadRequested;
import io.berth.events.image.ImageLoaded;
import io.berth.events.image.ImagePruneRequested;
import io.berth.events.image.ImagePullRequested;
import io.berth.events.image.ImagePulled;
import io.berth.events.image.ImagePushRequested;
import io.berth.events.image.ImagePushed;
import io.berth.events.image.ImageRemoveRequested;
import io.berth.events.image.ImageRemoved;
import io.berth.events.image.ImageSaveRequested;
import io.berth.events.image.ImageSaved;
import io.berth.events.image.ImageTagRequested;
import io.berth.events.image.ImageTagged;
import io.berth.events.image.ImageUntagRequested;
import io.berth.events.image.ImageUntagged;
import io.berth.events.image.ImagesPruned;
import io.berth.events.layer.BlobDeleteRequested;
import io.berth.events.layer.BlobDeleted;
import io.berth.events.layer.BlobStored;
import io.berth.events.layer.ContextCopied;
import io.berth.events.layer.ContextCopyRequested;
import io.berth.events.layer.DiffCommitRequested;
import io.berth.events.layer.DiffCommitted;
import io.berth.events.layer.DirectoryLayerRequested;
import io.berth.events.layer.GarbageCollectRequested;
import io.berth.events.layer.GarbageCollected;
import io.berth.events.layer.SnapshotPrepareRequested;
import io.berth.events.layer.SnapshotPrepared;
import io.berth.events.layer.SnapshotRemoveRequested;
import io.berth.events.layer.SnapshotRemoved;
import io.berth.events.network.NetworkConnectRequested;
import io.berth.events.network.NetworkConnected;
import io.berth.events.network.NetworkCreateRequested;
import io.berth.events.network.NetworkCreated;
import io.berth.events.network.NetworkDisconnectRequested;
import io.berth.events.network.NetworkDisconnected;
import io.berth.events.network.NetworkPruneRequested;
import io.berth.events.network.NetworkRemoveRequested;
import io.berth.events.network.NetworkRemoved;
import io.berth.events.network.NetworksPruned;
import io.berth.events.query.ContainerCountsReported;
import io.berth.events.query.ContainerCountsRequested;
import io.berth.events.query.ContainerInspectRequested;
import io.berth.events.query.ContainerInspected;
import io.berth.events.query.ContainerListReported;
import io.berth.events.query.ContainerListRequested;
import io.berth.events.query.ContainerResolveRequested;
import io.berth.events.query.ContainerResolved;
import io.berth.events.query.ImageCountsReported;
import io.berth.events.query.ImageCountsRequested;
import io.berth.events.query.ImageInspectRequested;
import io.berth.events.query.ImageInspected;
import io.berth.events.query.ImageListReported;
import io.berth.events.query.ImageListRequested;
import io.berth.events.query.LayerCountsReported;
import io.berth.events.query.LayerCountsRequested;
import io.berth.events.query.NetworkListReported;
import io.berth.events.query.NetworkListRequested;
import io.berth.events.query.VolumeListReported;
import io.berth.events.query.VolumeListRequested;
import io.berth.events.volume.VolumeCreateRequested;
import io.berth.events.volume.VolumeCreated;
import io.berth.events.volume.VolumeMounted;
import io.berth.events.volume.VolumePruneRequested;
import io.berth.events.volume.VolumeRemoveRequested;
import io.berth.events.volume.VolumeRemoved;
import io.berth.events.volume.VolumeUnmounted;
import io.berth.events.volume.VolumesPruned;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every message type of the platform: its CloudEvents type name, payload record, topic and schema
 * version. The one place a new message is registered.
 */
public final class Catalogue {

  private static final Map<String, MessageType<?>> BY_TYPE = new LinkedHashMap<>();
  private static final Map<Class<?>, MessageType<?>> BY_CLASS = new LinkedHashMap<>();
  private static final Map<Class<?>, Class<?>> SUCCESS = new LinkedHashMap<>();

  static {
    // Shared outcomes.
    event("io.berth.CommandFailed", CommandFailed.class, Topic.CONTAINER_EVENTS, 1);
    reply("io.berth.query.Failed", QueryFailed.class, 1);

    // Who asked: the gateway's record of each mutating request.
    event("io.berth.audit.RequestAudited", RequestAudited.class, Topic.AUDIT, 1);

    // Containers: commands, their success events, then what the runtime observes by itself.
    command(
        "io.berth.container.CreateRequested",
        ContainerCreateRequested.class,
        Topic.CONTAINER_COMMANDS,
        Topic.CONTAINER_EVENTS,
        1,
        ContainerCreated.class);
    event("io.berth.container.Created", ContainerCreated.class, Topic.CONTAINER_EVENTS, 1);
    command(
        "io.berth.container.StartRequested",
        ContainerStartRequested.class,
        Topic.CONTAINER_COMMANDS,
        Topic.CONTAINER_EVENTS,
        1,
        ContainerStarted.class);
    event("io.berth.container.Started", ContainerStarted.class, Topic.CONTAINER_EVENTS, 1);
    command(
        "io.berth.container.StopRequested",
        ContainerStopRequested.class,
        Topic.CONTAINER_COMMANDS,
        Topic.CONTAINER_EVENTS,
        1,
        ContainerStopped.class);
    event("io.berth.container.Stopped", ContainerStopped.class, Topic.CONTAINER_EVENTS, 1);
    command(
        "io.berth.container.KillRequested",
        ContainerKillRequested.class,
        Topic.CONTAINER_COMMANDS,
        Topic.CONTAINER_EVENTS,
        1,
        ContainerKilled.class);
    event("io.berth.container.Killed", ContainerKilled.class, Topic.CONTAINER_EVENTS, 1);
    command(
        "io.berth.container.RestartRequested",
        ContainerRestartRequested.class,
        Topic.CONTAINER_COMMANDS,
        Topic.CONTAINER_EVENTS,
        1,
        ContainerRestarted.class);
    event("io.berth.container.Restarted", ContainerRestarted.class, Topic.CONTAINER_EVENTS, 1);
    command(
        "io.berth.container.PauseRequested",
        ContainerPauseRequested.class,
        Topic.CONTAINER_COMMANDS,
        Topic.CONTAINER_EVENTS,
        1,
        ContainerPaused.class);
    event("io.berth.container.Paused", ContainerPaused.class, Topic.CONTAINER_EVENTS, 1);
    command(
        "io.berth.container.UnpauseRequested",
        ContainerUnpauseRequested.class,
        Topic.CONTAINER_COMMANDS,
        Topic.CONTAINER_EVENTS,
        1,
        ContainerUnpaused.class);
    event("io.berth.container.Unpaused", ContainerUnpaused.class, Topic.CONTAINER_EVENTS, 1);
    command(
        "io.berth.container.RemoveRequested",
        ContainerRemoveRequested.class,
        Topic.CONTAINER_COMMANDS,
        Topic.CONTAINER_EVENTS,
        1,
        ContainerRemoved.class);
    event("io.berth.container.Removed", ContainerRemoved.class, Topic.CONTAINER_EVENTS, 1);
    command(
        "io.berth.container.RenameRequested",
        ContainerRenameRequested.class,
        Topic.CONTAINER_COMMANDS,
        Topic.CONTAINER_EVENTS,
        1,
        ContainerRenamed.class);
    event("io.berth.container.Renamed", ContainerRenamed.class, Topic.CONTAINER_EVENTS, 1);
    command(
        "io.berth.container.CommitRequested",
        ContainerCommitRequested.class,
        Topic.CONTAINER_COMMANDS,
        Topic.CONTAINER_EVENTS,
        1,
        ContainerCommitted.class);
    event("io.berth.container.Committed", ContainerCommitted.class, Topic.CONTAINER_EVENTS, 1);
    command(
        "io.berth.container.BuildStepRequested",
        ContainerBuildStepRequested.class,
        Topic.CONTAINER_COMMANDS,
        Topic.CONTAINER_EVENTS,
        1,
        ContainerBuildStepExited.class);
    event("io.berth.container.BuildOutput", ContainerBuildOutput.class, Topic.CONTAINER_EVENTS, 1);
    event(
        "io.berth.container.BuildStepExited",
        ContainerBuildStepExited.class,
        Topic.CONTAINER_EVENTS,
        1);
    command(
        "io.berth.container.ExecCreateRequested",
        ContainerExecCreateRequested.class,
        Topic.CONTAINER_COMMANDS,
        Topic.CONTAINER_EVENTS,
        1,
        ContainerExecCreated.class);
    event("io.berth.container.ExecCreated", ContainerExecCreated.class, Topic.CONTAINER_EVENTS, 1);
    command(
        "io.berth.container.ExecStartRequested",
        ContainerExecStartRequested.class,
        Topic.CONTAINER_COMMANDS,
        Topic.CONTAINER_EVENTS,
        1,
        ContainerExecStarted.class);
    event("io.berth.container.ExecStarted", ContainerExecStarted.class, Topic.CONTAINER_EVENTS, 1);
    event("io.berth.container.ExecDied", ContainerExecDied.class, Topic.CONTAINER_EVENTS, 1);
    event("io.berth.container.Died", ContainerDied.class, Topic.CONTAINER_EVENTS, 2);
    event("io.berth.container.Oom", ContainerOom.class, Topic.CONTAINER_EVENTS, 1);

    // Images.
    command(
        "io.berth.image.BuildRequested",
        ImageBuildRequested.class,
        Topic.IMAGE_COMMANDS,
        Topic.IMAGE_EVENTS,
        1,
        ImageBuildCompleted.class);
    event("io.berth.image.BuildStepStarted", ImageBuildStepStarted.class, Topic.IMAGE_EVENTS, 1);
    event("io.berth.image.BuildStepFinished", ImageBuildStepFinished.class, Topic.IMAGE_EVENTS, 1);
    event("io.berth.image.BuildCompleted", ImageBuildCompleted.class, Topic.IMAGE_EVENTS, 1);
    event("io.berth.image.BuildFailed", ImageBuildFailed.class, Topic.IMAGE_EVENTS, 1);
    command(
        "io.berth.image.ImportRequested",
        ImageImportRequested.class,
        Topic.IMAGE_COMMANDS,
        Topic.IMAGE_EVENTS,
        1,
        ImageImported.class);
    event("io.berth.image.Imported", ImageImported.class, Topic.IMAGE_EVENTS, 1);
    command(
        "io.berth.image.LoadRequested",
        ImageLoadRequested.class,
        Topic.IMAGE_COMMANDS,
        Topic.IMAGE_EVENTS,
        1,
        ImageLoaded.class);
    event("io.berth.image.Loaded", ImageLoaded.class, Topic.IMAGE_EVENTS, 1);
    command(
        "io.berth.image.SaveRequested",
        ImageSaveRequested.class,
        Topic.IMAGE_COMMANDS,
        Topic.IMAGE_EVENTS,
        1,
        ImageSaved.class);
    event("io.berth.image.Saved", ImageSaved.class, Topic.IMAGE_EVENTS, 1);
    command(
        "io.berth.image.TagRequested",
        ImageTagRequested.class,
        Topic.IMAGE_COMMANDS,
        Topic.IMAGE_EVENTS,
        1,
        ImageTagged.class);
    event("io.berth.image.Tagged", ImageTagged.class, Topic.IMAGE_EVENTS, 1);
    command(
        "io.berth.image.UntagRequested",
        ImageUntagRequested.class,
        Topic.IMAGE_COMMANDS,
        Topic.IMAGE_EVENTS,
        1,
        ImageUntagged.class);
    event("io.berth.image.Untagged", ImageUntagged.class, Topic.IMAGE_EVENTS, 1);
    command(
        "io.berth.image.RemoveRequested",
        ImageRemoveRequested.class,
        Topic.IMAGE_COMMANDS,
        Topic.IMAGE_EVENTS,
        1,
        ImageRemoved.class);
    event("io.berth.image.Removed", ImageRemoved.class, Topic.IMAGE_EVENTS, 1);
    command(
        "io.berth.image.PruneRequested",
        ImagePruneRequested.class,
        Topic.IMAGE_COMMANDS,
        Topic.IMAGE_EVENTS,
        1,
        ImagesPruned.class);
    event("io.berth.image.Pruned", ImagesPruned.class, Topic.IMAGE_EVENTS, 1);
    command(
        "io.berth.image.CommitRequested",
        ImageCommitRequested.class,
        Topic.IMAGE_COMMANDS,
        Topic.IMAGE_EVENTS,
        1,
        ImageCommitted.class);
    event("io.berth.image.Committed", ImageCommitted.class, Topic.IMAGE_EVENTS, 1);
    command(
        "io.berth.image.PullRequested",
        ImagePullRequested.class,
        Topic.IMAGE_COMMANDS,
        Topic.IMAGE_EVENTS,
        1,
        ImagePulled.class);
    event("io.berth.image.Pulled", ImagePulled.class, Topic.IMAGE_EVENTS, 1);
    command(
        "io.berth.image.PushRequested",
        ImagePushRequested.class,
        Topic.IMAGE_COMMANDS,
        Topic.IMAGE_EVENTS,
        1,
        ImagePushed.class);
    event("io.berth.image.Pushed", ImagePushed.class, Topic.IMAGE_EVENTS, 1);

    // Layers: the content store, snapshots, diffs.
    event("io.berth.layer.BlobStored", BlobStored.class, Topic.LAYER_EVENTS, 1);
    command(
        "io.berth.layer.SnapshotPrepareRequested",
        SnapshotPrepareRequested.class,
        Topic.LAYER_COMMANDS,
        Topic.LAYER_EVENTS,
        1,
        SnapshotPrepared.class);
    event("io.berth.layer.SnapshotPrepared", SnapshotPrepared.class, Topic.LAYER_EVENTS, 1);
    command(
        "io.berth.layer.SnapshotRemoveRequested",
        SnapshotRemoveRequested.class,
        Topic.LAYER_COMMANDS,
        Topic.LAYER_EVENTS,
        1,
        SnapshotRemoved.class);
    event("io.berth.layer.SnapshotRemoved", SnapshotRemoved.class, Topic.LAYER_EVENTS, 1);
    command(
        "io.berth.layer.DiffCommitRequested",
        DiffCommitRequested.class,
        Topic.LAYER_COMMANDS,
        Topic.LAYER_EVENTS,
        1,
        DiffCommitted.class);
    event("io.berth.layer.DiffCommitted", DiffCommitted.class, Topic.LAYER_EVENTS, 1);
    command(
        "io.berth.layer.ContextCopyRequested",
        ContextCopyRequested.class,
        Topic.LAYER_COMMANDS,
        Topic.LAYER_EVENTS,
        1,
        ContextCopied.class);
    event("io.berth.layer.ContextCopied", ContextCopied.class, Topic.LAYER_EVENTS, 1);
    command(
        "io.berth.layer.DirectoryLayerRequested",
        DirectoryLayerRequested.class,
        Topic.LAYER_COMMANDS,
        Topic.LAYER_EVENTS,
        1,
        ContextCopied.class);
    command(
        "io.berth.layer.BlobDeleteRequested",
        BlobDeleteRequested.class,
        Topic.LAYER_COMMANDS,
        Topic.LAYER_EVENTS,
        1,
        BlobDeleted.class);
    event("io.berth.layer.BlobDeleted", BlobDeleted.class, Topic.LAYER_EVENTS, 1);
    command(
        "io.berth.layer.GarbageCollectRequested",
        GarbageCollectRequested.class,
        Topic.LAYER_COMMANDS,
        Topic.LAYER_EVENTS,
        1,
        GarbageCollected.class);
    event("io.berth.layer.GarbageCollected", GarbageCollected.class, Topic.LAYER_EVENTS, 1);

    // Volumes: kept by the container-service of their host; mount and unmount follow its
    // containers' starts and stops.
    command(
        "io.berth.volume.CreateRequested",
        VolumeCreateRequested.class,
        Topic.VOLUME_COMMANDS,
        Topic.VOLUME_EVENTS,
        1,
        VolumeCreated.class);
    event("io.berth.volume.Created", VolumeCreated.class, Topic.VOLUME_EVENTS, 1);
    command(
        "io.berth.volume.RemoveRequested",
        VolumeRemoveRequested.class,
        Topic.VOLUME_COMMANDS,
        Topic.VOLUME_EVENTS,
        1,
        VolumeRemoved.class);
    event("io.berth.volume.Removed", VolumeRemoved.class, Topic.VOLUME_EVENTS, 1);
    command(
        "io.berth.volume.PruneRequested",
        VolumePruneRequested.class,
        Topic.VOLUME_COMMANDS,
        Topic.VOLUME_EVENTS,
        1,
        VolumesPruned.class);
    event("io.berth.volume.Pruned", VolumesPruned.class, Topic.VOLUME_EVENTS, 1);
    event("io.berth.volume.Mounted", VolumeMounted.class, Topic.VOLUME_EVENTS, 1);
    event("io.berth.volume.Unmounted", VolumeUnmounted.class, Topic.VOLUME_EVENTS, 1);

    // Queries and their replies.
    query(
        "io.berth.query.ContainerCountsRequested",
        ContainerCountsRequested.class,
        Topic.CONTAINER_QUERIES,
        1);
    reply("io.berth.query.ContainerCountsReported", ContainerCountsReported.class, 1);
    query(
        "io.berth.query.ImageCountsRequested", ImageCountsRequested.class, Topic.IMAGE_QUERIES, 1);
    reply("io.berth.query.ImageCountsReported", ImageCountsReported.class, 1);
    query(
        "io.berth.query.LayerCountsRequested", LayerCountsRequested.class, Topic.LAYER_QUERIES, 1);
    reply("io.berth.query.LayerCountsReported", LayerCountsReported.class, 1);
    query(
        "io.berth.query.ContainerResolveRequested",
        ContainerResolveRequested.class,
        Topic.CONTAINER_QUERIES,
        1);
    reply("io.berth.query.ContainerResolved", ContainerResolved.class, 1);
    query(
        "io.berth.query.ContainerListRequested",
        ContainerListRequested.class,
        Topic.CONTAINER_QUERIES,
        1);
    reply("io.berth.query.ContainerListReported", ContainerListReported.class, 1);
    query(
        "io.berth.query.ContainerInspectRequested",
        ContainerInspectRequested.class,
        Topic.CONTAINER_QUERIES,
        1);
    reply("io.berth.query.ContainerInspected", ContainerInspected.class, 1);
    query("io.berth.query.ImageListRequested", ImageListRequested.class, Topic.IMAGE_QUERIES, 1);
    reply("io.berth.query.ImageListReported", ImageListReported.class, 1);
    query(
        "io.berth.query.ImageInspectRequested",
        ImageInspectRequested.class,
        Topic.IMAGE_QUERIES,
        1);
    reply("io.berth.query.ImageInspected", ImageInspected.class, 1);
    query(
        "io.berth.query.VolumeListRequested",
        VolumeListRequested.class,
        Topic.CONTAINER_QUERIES,
        1);
    reply("io.berth.query.VolumeListReported", VolumeListReported.class, 1);

    // Networks: owned by the container-service, so they travel on its topics, keyed by the
    // network (its id, or the name or prefix a command names it by).
    command(
        "io.berth.network.CreateRequested",
        NetworkCreateRequested.class,
        Topic.CONTAINER_COMMANDS,
        Topic.CONTAINER_EVENTS,
        1,
        NetworkCreated.class);
    event("io.berth.network.Created", NetworkCreated.class, Topic.CONTAINER_EVENTS, 1);
    command(
        "io.berth.network.RemoveRequested",
        NetworkRemoveRequested.class,
        Topic.CONTAINER_COMMANDS,
        Topic.CONTAINER_EVENTS,
        1,
        NetworkRemoved.class);
    event("io.berth.network.Removed", NetworkRemoved.class, Topic.CONTAINER_EVENTS, 1);
    command(
        "io.berth.network.ConnectRequested",
        NetworkConnectRequested.class,
        Topic.CONTAINER_COMMANDS,
        Topic.CONTAINER_EVENTS,
        1,
        NetworkConnected.class);
    event("io.berth.network.Connected", NetworkConnected.class, Topic.CONTAINER_EVENTS, 1);
    command(
        "io.berth.network.DisconnectRequested",
        NetworkDisconnectRequested.class,
        Topic.CONTAINER_COMMANDS,
        Topic.CONTAINER_EVENTS,
        1,
        NetworkDisconnected.class);
    event("io.berth.network.Disconnected", NetworkDisconnected.class, Topic.CONTAINER_EVENTS, 1);
    command(
        "io.berth.network.PruneRequested",
        NetworkPruneRequested.class,
        Topic.CONTAINER_COMMANDS,
        Topic.CONTAINER_EVENTS,
        1,
        NetworksPruned.class);
    event("io.berth.network.Pruned", NetworksPruned.class, Topic.CONTAINER_EVENTS, 1);
    query(
        "io.berth.query.NetworkListRequested",
        NetworkListRequested.class,
        Topic.CONTAINER_QUERIES,
        1);
    reply("io.berth.query.NetworkListReported", NetworkListReported.class, 1);
  }

  private Catalogue() {}

  /** All registered types, in registration order. */
  public static Collection<MessageType<?>> all() {
    return Collections.unmodifiableCollection(BY_TYPE.values());
  }

  /** The type registered under a CloudEvents type name, if any. */
  public static Optional<MessageType<?>> byType(String type) {
    return Optional.ofNullable(BY_TYPE.get(type));
  }

  /**
   * The type of a payload record.
   *
   * @throws IllegalArgumentException if the record is not registered
   */
  @SuppressWarnings("unchecked")
  public static <T extends Message> MessageType<T> of(Class<T> payload) {
    MessageType<?> type = BY_CLASS.get(payload);
    if (type == null) {
      throw new IllegalArgumentException("not in the catalogue: " + payload.getName());
    }
    return (MessageType<T>) type;
  }

  /**
   * The topics a type's messages travel on: its catalogued topic, except for {@link CommandFailed},
   * which is published on the outcome topic of whichever command failed.
   *
   * @param type a catalogued type
   * @return the topics, in topic-catalogue order
   */
  public static Set<Topic> topicsOf(MessageType<?> type) {
    if (type.payload() != CommandFailed.class) {
      return Set.of(type.topic());
    }
    Set<Topic> topics = EnumSet.noneOf(Topic.class);
    BY_TYPE.values().stream()
        .filter(MessageType::isCommand)
        .forEach(command -> topics.add(command.outcomeTopic()));
    return Collections.unmodifiableSet(topics);
  }

  /**
   * The success event of a command: the outcome it ends in unless it fails with {@link
   * CommandFailed}. Both travel on the command's {@link MessageType#outcomeTopic()}.
   *
   * @param command a command's type
   * @return the type of its success event
   * @throws IllegalArgumentException if the type is not a command
   */
  public static MessageType<?> successOf(MessageType<?> command) {
    Class<?> success = SUCCESS.get(command.payload());
    if (success == null) {
      throw new IllegalArgumentException("not a command: " + command.type());
    }
    return BY_CLASS.get(success);
  }

  /**
   * Whether a decoded event is the outcome of a command: its success event or a {@link
   * CommandFailed} naming it. The gateway completes a waiting request on the first outcome whose
   * correlation id matches.
   *
   * @param command a command's type
   * @param event an event's payload
   * @return true if the event ends the command
   */
  public static boolean isOutcomeOf(MessageType<?> command, Message event) {
    if (event instanceof CommandFailed failed) {
      return failed.commandType().equals(command.type());
    }
    return successOf(command).payload().isInstance(event);
  }

  private static <T extends Command> void command(
      String type,
      Class<T> payload,
      Topic topic,
      Topic outcomeTopic,
      int version,
      Class<? extends Event> success) {
    register(new MessageType<>(type, payload, topic, version, outcomeTopic));
    SUCCESS.put(payload, success);
  }

  private static <T extends Event> void event(
      String type, Class<T> payload, Topic topic, int version) {
    register(new MessageType<>(type, payload, topic, version, null));
  }

  private static <T extends Query> void query(
      String type, Class<T> payload, Topic topic, int version) {
    register(new MessageType<>(type, payload, topic, version, Topic.QUERY_REPLIES));
  }

  private static <T extends Reply> void reply(String type, Class<T> payload, int version) {
    register(new MessageType<>(type, payload, Topic.QUERY_REPLIES, version, null));
  }

  private static void register(MessageType<?> type) {
    if (BY_TYPE.putIfAbsent(type.type(), type) != null) {
      throw new IllegalStateException("type registered twice: " + type.type());
    }
    if (BY_CLASS.putIfAbsent(type.payload(), type) != null) {
      throw new IllegalStateException("payload registered twice: " + type.payload());
    }
  }
}
