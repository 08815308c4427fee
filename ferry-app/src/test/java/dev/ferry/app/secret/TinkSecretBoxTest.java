package dev.ferry.app.secret;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import dev.ferry.core.error.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinkSecretBoxTest {
  private static final String CTX = "connection:7d0c5c1e:credentials";

  @Test
  void sealsAndOpensWithTheContextAsAssociatedData() {
    TinkSecretBox box = new TinkSecretBox(Keysets.generate());
    byte[] sealed = box.seal("refresh-token-123".getBytes(UTF_8), CTX);
    assertThat(new String(sealed, UTF_8)).doesNotContain("refresh-token-123");
    assertThat(new String(box.open(sealed, CTX), UTF_8)).isEqualTo("refresh-token-123");
    // The same plaintext seals differently each time (random nonce).
    assertThat(box.seal("x".getBytes(UTF_8), CTX)).isNotEqualTo(box.seal("x".getBytes(UTF_8), CTX));
  }

  @Test
  void aCiphertextMovedToAnotherRowDoesNotOpen() {
    TinkSecretBox box = new TinkSecretBox(Keysets.generate());
    byte[] sealed = box.seal("secret".getBytes(UTF_8), CTX);
    assertThatThrownBy(() -> box.open(sealed, "connection:other:credentials"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot decrypt connection:other:credentials")
        .hasMessageNotContaining("secret\"");
  }

  @Test
  void anotherKeysetCannotOpen() {
    byte[] sealed = new TinkSecretBox(Keysets.generate()).seal("s".getBytes(UTF_8), CTX);
    assertThatThrownBy(() -> new TinkSecretBox(Keysets.generate()).open(sealed, CTX))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("FERRY_SECRET_KEY");
  }

  @Test
  void rotationKeepsOldCiphertextsReadableAndSealsWithTheNewKey() {
    KeysetHandle v1 = Keysets.generate();
    byte[] old = new TinkSecretBox(v1).seal("old".getBytes(UTF_8), CTX);
    KeysetHandle v2 = Keysets.rotate(v1);
    TinkSecretBox box = new TinkSecretBox(v2);
    assertThat(new String(box.open(old, CTX), UTF_8)).isEqualTo("old");
    byte[] fresh = box.seal("new".getBytes(UTF_8), CTX);
    assertThat(box.sealedWithOlderKey(old)).isTrue();
    assertThat(box.sealedWithOlderKey(fresh)).isFalse();
    assertThatThrownBy(() -> new TinkSecretBox(v1).open(fresh, CTX))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void keysetsParseFromJsonAndBase64() {
    KeysetHandle k = Keysets.generate();
    byte[] sealed = new TinkSecretBox(k).seal("v".getBytes(UTF_8), CTX);
    for (String text : new String[] {Keysets.toJson(k), Keysets.toBase64(k)}) {
      TinkSecretBox box = new TinkSecretBox(Keysets.parse(text, "FERRY_SECRET_KEY"));
      assertThat(new String(box.open(sealed, CTX), UTF_8)).isEqualTo("v");
    }
    assertThatThrownBy(() -> Keysets.parse("not-a-keyset!!", "FERRY_SECRET_KEY"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("FERRY_SECRET_KEY")
        .hasMessageNotContaining("not-a-keyset");
    assertThatThrownBy(() -> Keysets.parse("{\"key\": []}", "FERRY_SECRET_KEY"))
        .hasMessageContaining("FERRY_SECRET_KEY is not a valid Tink keyset");
  }

  @Test
  void withoutFerrySecretKeyAKeysetFileIsGeneratedOnceOwnerOnly(@TempDir Path dir)
      throws Exception {
    KeysetHandle first = KeysetSource.resolve(null, dir.resolve("data"));
    Path file = dir.resolve("data").resolve(KeysetSource.FILE_NAME);
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    KeysetHandle again = KeysetSource.resolve(" ", dir.resolve("data"));
    byte[] sealed = new TinkSecretBox(first).seal("v".getBytes(UTF_8), CTX);
    assertThat(new TinkSecretBox(again).open(sealed, CTX)).isEqualTo("v".getBytes(UTF_8));
    // FERRY_SECRET_KEY wins over the file.
    KeysetHandle fromEnv = KeysetSource.resolve(Keysets.toBase64(Keysets.generate()), dir);
    assertThatThrownBy(() -> new TinkSecretBox(fromEnv).open(sealed, CTX))
        .isInstanceOf(ConfigException.class);
  }
}
