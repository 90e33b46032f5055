package io.berth.container.store;

/** A container's state, named as Docker's {@code State.Status} names it. */
public enum ContainerState {
  CREATED,
  RUNNING,
  PAUSED,
  RESTARTING,
  REMOVING,
  EXITED,
  DEAD;

  /** The lower-case name Docker uses. */
  public String dockerName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
