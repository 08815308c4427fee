package dev.ferry.emulator.cdc;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Which entities publish change events (the {@code ChangeEvents} channel's members, as Setup or a
 * Tooling API {@code PlatformEventChannelMember} selects them). Only selected entities publish.
 */
public final class EntitySelection {
  private final Set<String> selected = new ConcurrentSkipListSet<>(String.CASE_INSENSITIVE_ORDER);
  private final Set<String> initial;

  public EntitySelection(Collection<String> initial) {
    this.initial = Set.copyOf(initial);
    selected.addAll(initial);
  }

  /** Selects an entity by change event name ({@code AccountChangeEvent}); false if already. */
  public boolean select(String channel) {
    return selected.add(channel);
  }

  public boolean deselect(String channel) {
    return selected.remove(channel);
  }

  public boolean isSelected(String channel) {
    return selected.contains(channel);
  }

  /** Selected entity names in alphabetical order. */
  public List<String> list() {
    TreeMap<String, String> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    selected.forEach(s -> sorted.put(s, s));
    return List.copyOf(sorted.values());
  }

  /** Back to the selection the emulator started with. */
  public void reset() {
    selected.clear();
    selected.addAll(initial);
  }
}
