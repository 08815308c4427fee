package dev.ferry.core.control;

import dev.ferry.core.error.PermanentException;

/** An id the caller named does not exist (API: 404). */
public class NotFoundException extends PermanentException {
  public NotFoundException(String message) {
    super(message);
  }
}
