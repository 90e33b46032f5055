package io.berth.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a payload component added in a later schema version. Such a component is optional (a boxed
 * or reference type the compact constructor accepts as null), so payloads written by an older
 * version still decode; the JSON Schema and docs/events.md say which version added it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Since {

  /** The schema version that added the component; at least 2. */
  int value();
}
