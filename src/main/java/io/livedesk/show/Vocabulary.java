package io.livedesk.show;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names of one sealed family, commands or events, read once from the {@link WireName} of each permitted
 * record (docs/protocol.md §Vocabulary). A record without a name, or two records under one name, stop the
 * server at its start rather than answer under the wrong name.
 */
public final class Vocabulary<T> {

  public static final Vocabulary<Command> COMMANDS = new Vocabulary<>(Command.class);
  public static final Vocabulary<Event> EVENTS = new Vocabulary<>(Event.class);

  private final Map<String, Class<? extends T>> byName;
  private final ClassValue<String> names = new ClassValue<>() {
    @Override
    protected String computeValue(Class<?> type) {
      WireName name = type.getAnnotation(WireName.class);
      if (name == null || byName.get(name.value()) != type) {
        throw new IllegalArgumentException(type.getName() + " is not in the vocabulary");
      }
      return name.value();
    }
  };

  private Vocabulary(Class<T> family) {
    Map<String, Class<? extends T>> found = new LinkedHashMap<>();
    for (Class<?> member : family.getPermittedSubclasses()) {
      WireName name = member.getAnnotation(WireName.class);
      if (name == null) {
        throw new IllegalStateException(member.getName() + " has no @WireName");
      }
      Class<?> taken = found.putIfAbsent(name.value(), member.asSubclass(family));
      if (taken != null) {
        throw new IllegalStateException(name.value() + " names both " + taken.getName() + " and " + member.getName());
      }
    }
    this.byName = Collections.unmodifiableMap(found);
  }

  /** The wire name of a member of the family. */
  public String nameOf(Class<? extends T> type) {
    return names.get(type);
  }

  /** The member named {@code name}, or null when the family has none of that name. */
  public Class<? extends T> type(String name) {
    return name == null ? null : byName.get(name);
  }

  /** Every name, in the order the records are declared. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** Every name with its record, in the order the records are declared. */
  public Map<String, Class<? extends T>> types() {
    return byName;
  }
}
