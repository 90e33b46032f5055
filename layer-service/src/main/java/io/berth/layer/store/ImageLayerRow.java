package io.berth.layer.store;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

/**
 * One layer of an image, as image events told it: it keeps the layer's blob and snapshot.
 *
 * @param id the image and the layer's position, bottom first from 0
 * @param diffId the layer's diff id
 * @param chainId the chain id up to this layer
 */
@MappedEntity("image_layer")
public record ImageLayerRow(@EmbeddedId Key id, String diffId, String chainId) {

  /**
   * The key of an image layer.
   *
   * @param imageId the image id
   * @param idx the position, bottom first from 0
   */
  @Embeddable
  public record Key(@MappedProperty("image_id") String imageId, @MappedProperty("idx") int idx) {}
}
