package dev.ferry.core.control;

import dev.ferry.core.error.PermanentException;

/** The request does not fit the current state (API: 409), e.g. abort with nothing running. */
public class ConflictException extends PermanentException {
  public ConflictException(String message) {
    super(message);
  }
}
