package dev.ferry.emulator.cdc;

import dev.ferry.emulator.org.SfIds;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which entities publish change events: the members of the standard {@code ChangeEvents} channel,
 * as Setup or a Tooling API {@code PlatformEventChannelMember} selects them. Only selected entities
 * publish. Each member has an id ({@code 0v8…}), as the Tooling API shows it.
 */
public final class EntitySelection {
  /** The standard channel's name, as a member's {@code eventChannel} names it. */
  public static final String CHANNEL = "ChangeEvents";

  private static final String KEY_PREFIX = "0v8";

  /** A selected entity. */
  public record Member(String id, String channel) {
    public String developerName() {
      return CHANNEL + "_" + channel;
    }
  }

  private final Map<String, Member> byChannel = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final List<String> initial;
  private long counter;

  public EntitySelection(Collection<String> initial) {
    this.initial = List.copyOf(initial);
    reset();
  }

  /** Selects an entity by change event name ({@code AccountChangeEvent}); empty if already. */
  public synchronized Optional<Member> select(String channel) {
    if (byChannel.containsKey(channel)) {
      return Optional.empty();
    }
    String id15 = KEY_PREFIX + "Ff" + String.format("%010d", ++counter);
    Member m = new Member(id15 + SfIds.checksum(id15), channel);
    byChannel.put(channel, m);
    return Optional.of(m);
  }

  public synchronized boolean deselect(String channel) {
    return byChannel.remove(channel) != null;
  }

  /** Removes a member by id (15 or 18 characters); false when there is none. */
  public synchronized boolean remove(String memberId) {
    Optional<Member> m = member(memberId);
    m.ifPresent(x -> byChannel.remove(x.channel()));
    return m.isPresent();
  }

  public synchronized Optional<Member> member(String memberId) {
    String id = SfIds.normalize(memberId);
    return byChannel.values().stream().filter(m -> m.id().equals(id)).findFirst();
  }

  public synchronized boolean isSelected(String channel) {
    return byChannel.containsKey(channel);
  }

  /** Selected entity names in alphabetical order. */
  public synchronized List<String> list() {
    return List.copyOf(byChannel.keySet());
  }

  public synchronized List<Member> members() {
    return new ArrayList<>(byChannel.values());
  }

  /** Back to the selection the emulator started with. */
  public synchronized void reset() {
    byChannel.clear();
    initial.forEach(this::select);
  }
}
