package io.livedesk.show;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The protocol name of a {@link Command} or the kind of an {@link Event}, written on its record and nowhere
 * else: the parser, the permissions, the stored form and the served {@link Vocabulary} all read it from here.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WireName {
  String value();
}
