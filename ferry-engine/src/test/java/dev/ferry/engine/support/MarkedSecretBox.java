package dev.ferry.engine.support;

import dev.ferry.core.error.PermanentException;
import dev.ferry.core.port.SecretBox;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A test SecretBox: prefixes the context instead of encrypting, and checks it on open. */
public final class MarkedSecretBox implements SecretBox {
  @Override
  public byte[] seal(byte[] plaintext, String context) {
    byte[] head = (context + "|").getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(head, head.length + plaintext.length);
    System.arraycopy(plaintext, 0, out, head.length, plaintext.length);
    return out;
  }

  @Override
  public byte[] open(byte[] ciphertext, String context) {
    byte[] head = (context + "|").getBytes(StandardCharsets.UTF_8);
    if (ciphertext.length < head.length
        || !Arrays.equals(Arrays.copyOf(ciphertext, head.length), head)) {
      throw new PermanentException("sealed value does not belong to " + context);
    }
    return Arrays.copyOfRange(ciphertext, head.length, ciphertext.length);
  }
}
