-- Image events about one image can arrive out of order (ImageLoaded is keyed by its archive,
-- ImageRemoved by the image it named): each reference keeps the time of the event that made it,
-- and a deleted image leaves a tombstone with the time of its deletion, so that the later fact
-- wins whatever order the events come in.
ALTER TABLE image_layer ADD COLUMN recorded_at TIMESTAMP(6) DEFAULT TIMESTAMP '1970-01-01 00:00:00' NOT NULL;
CREATE TABLE image_gone (
    image_id   VARCHAR(71)   PRIMARY KEY,
    gone_at    TIMESTAMP(6)  NOT NULL
);
