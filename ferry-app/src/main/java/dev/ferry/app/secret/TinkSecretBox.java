package dev.ferry.app.secret;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import dev.ferry.core.error.ConfigException;
import dev.ferry.core.port.SecretBox;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * {@link SecretBox} on Tink AEAD (AES-256-GCM keys). The context — e.g. {@code
 * connection:<id>:credentials} — is the associated data, so a ciphertext copied to another row does
 * not open. Ciphertexts carry the id of the key that sealed them (Tink's 5-byte prefix), so a
 * rotated keyset still opens values sealed with an older key.
 */
public final class TinkSecretBox implements SecretBox {
  private static final byte TINK_PREFIX = 0x01;

  private final Aead aead;
  private final int primaryKeyId;

  public TinkSecretBox(KeysetHandle keyset) {
    Keysets.ensureRegistered();
    try {
      this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
    } catch (GeneralSecurityException e) {
      throw new ConfigException("the secret keyset holds no usable AEAD key: " + e.getMessage());
    }
    this.primaryKeyId = keyset.getPrimary().getId();
  }

  @Override
  public byte[] seal(byte[] plaintext, String context) {
    try {
      return aead.encrypt(plaintext, context.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt " + context, e);
    }
  }

  @Override
  public byte[] open(byte[] ciphertext, String context) {
    try {
      return aead.decrypt(ciphertext, context.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new ConfigException(
          "cannot decrypt "
              + context
              + ": it was sealed with a key FERRY_SECRET_KEY does not hold (every process on this"
              + " database needs the same keyset, and a rotated keyset must keep its old keys),"
              + " or for another row");
    }
  }

  /** True when {@code ciphertext} was sealed by a key other than the current primary. */
  public boolean sealedWithOlderKey(byte[] ciphertext) {
    return ciphertext.length < 5
        || ciphertext[0] != TINK_PREFIX
        || ByteBuffer.wrap(ciphertext, 1, 4).getInt() != primaryKeyId;
  }
}
