package io.berth.container.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.events.EventCodec;
import io.berth.events.image.ImageDescriptor;
import io.berth.events.image.ImageRef;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The images this node has learned of from image events, looked up as Docker looks them up. */
@Singleton
public class KnownImages {

  private static final Pattern HEX_PREFIX = Pattern.compile("[0-9a-f]{4,64}");

  private final KnownImageRepository repository;

  public KnownImages(KnownImageRepository repository) {
    this.repository = repository;
  }

  /**
   * Remembers (or updates) an image as an event written at {@code at} described it, unless a later
   * event already did, or deleted it.
   */
  public void remember(ImageDescriptor image, Instant at) {
    if (repository.countGoneAfter(image.imageId(), at) > 0) {
      return;
    }
    Optional<KnownImageRow> known = repository.findById(image.imageId());
    if (known.isPresent() && known.get().updatedAt().isAfter(at)) {
      return;
    }
    repository.clearGone(image.imageId());
    KnownImageRow row =
        new KnownImageRow(
            image.imageId(),
            EventCodec.toJsonString(image.repoTags()),
            EventCodec.toJsonString(image),
            at);
    if (known.isPresent()) {
      repository.update(row);
    } else {
      repository.save(row);
    }
  }

  /** Takes a tag off an image, if this node knows it and no later event described it. */
  public void untag(String imageId, String reference, Instant at) {
    repository
        .findById(imageId)
        .filter(row -> !row.updatedAt().isAfter(at))
        .ifPresent(
            row -> {
              ImageDescriptor image = decode(row);
              List<String> tags =
                  image.repoTags().stream().filter(tag -> !tag.equals(reference)).toList();
              remember(
                  new ImageDescriptor(
                      image.imageId(),
                      tags,
                      image.config(),
                      image.diffIds(),
                      image.chainIds(),
                      image.parentId(),
                      image.size(),
                      image.created()),
                  at);
            });
  }

  /** Forgets an image deleted at {@code at}, unless a later event described it again. */
  public void forget(String imageId, Instant at) {
    Optional<KnownImageRow> known = repository.findById(imageId);
    if (known.isPresent() && known.get().updatedAt().isAfter(at)) {
      return;
    }
    repository.deleteById(imageId);
    repository.clearGone(imageId);
    repository.insertGone(imageId, at);
  }

  /** Number of images known. */
  public long count() {
    return repository.count();
  }

  /** Resolves what a user typed: a full or short image id, or a reference matched against tags. */
  public Optional<ImageDescriptor> resolve(String reference) {
    if (reference.startsWith("sha256:")) {
      return byIdPrefix(reference.substring("sha256:".length()));
    }
    if (HEX_PREFIX.matcher(reference).matches()) {
      Optional<ImageDescriptor> byId = byIdPrefix(reference);
      if (byId.isPresent()) {
        return byId;
      }
    }
    if (!ImageRef.isValid(reference)) {
      return Optional.empty();
    }
    String tag = ImageRef.parse(reference).toString();
    for (KnownImageRow row : repository.findByRepoTagsContains("\"" + tag + "\"")) {
      ImageDescriptor image = decode(row);
      if (image.repoTags().contains(tag)) {
        return Optional.of(image);
      }
    }
    return Optional.empty();
  }

  private Optional<ImageDescriptor> byIdPrefix(String hex) {
    List<KnownImageRow> rows = repository.findByIdLike("sha256:" + hex + "%");
    return rows.size() == 1 ? Optional.of(decode(rows.get(0))) : Optional.empty();
  }

  private static ImageDescriptor decode(KnownImageRow row) {
    try {
      return EventCodec.mapper().readValue(row.descriptor(), ImageDescriptor.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("corrupt image record " + row.id(), e);
    }
  }
}
