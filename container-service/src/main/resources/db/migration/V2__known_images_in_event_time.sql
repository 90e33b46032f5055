-- Image events about one image arrive on different keys (ImageLoaded by archive, ImageRemoved by
-- the image named, ImageImported by image): each known image keeps the time of the event that
-- last described it, and a deleted image leaves a tombstone, so the later fact wins in any order.
ALTER TABLE known_image ADD COLUMN updated_at TIMESTAMP(6) DEFAULT TIMESTAMP '1970-01-01 00:00:00' NOT NULL;
CREATE TABLE known_image_gone (
    id        VARCHAR(71)   PRIMARY KEY,
    gone_at   TIMESTAMP(6)  NOT NULL
);
