package dev.ferry.core.control;

import dev.ferry.core.store.Connection;
import java.util.List;

/** A connection as the control plane shows it, with its mappings. */
public record ConnectionView(Connection connection, List<MappingView> mappings) {
  public ConnectionView {
    mappings = List.copyOf(mappings);
  }
}
