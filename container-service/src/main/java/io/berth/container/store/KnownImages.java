package io.berth.container.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.events.EventCodec;
import io.berth.events.image.ImageDescriptor;
import io.berth.events.image.ImageRef;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
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

  /** Remembers (or updates) an image. */
  public void remember(ImageDescriptor image) {
    KnownImageRow row =
        new KnownImageRow(
            image.imageId(),
            EventCodec.toJsonString(image.repoTags()),
            EventCodec.toJsonString(image));
    if (repository.existsById(image.imageId())) {
      repository.update(row);
    } else {
      repository.save(row);
    }
  }

  /** Takes a tag off an image, if this node knows it. */
  public void untag(String imageId, String reference) {
    repository
        .findById(imageId)
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
                      image.created()));
            });
  }

  /** Forgets an image. */
  public void forget(String imageId) {
    repository.deleteById(imageId);
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
