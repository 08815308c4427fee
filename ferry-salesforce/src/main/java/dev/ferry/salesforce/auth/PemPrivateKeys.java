package dev.ferry.salesforce.auth;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an RSA private key from PEM text: PKCS#8 ({@code BEGIN PRIVATE KEY}, what OpenSSL 3 writes)
 * or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what older {@code openssl genrsa} writes), which the
 * JDK cannot read directly and which is therefore wrapped into PKCS#8 here.
 */
public final class PemPrivateKeys {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  /** DER of AlgorithmIdentifier { rsaEncryption, NULL }. */
  private static final byte[] RSA_ALGORITHM_ID = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  private PemPrivateKeys() {}

  public static PrivateKey parse(String pem) {
    Matcher m = BLOCK.matcher(pem);
    if (!m.find()) {
      throw new IllegalArgumentException(
          "no PEM private key found (expected -----BEGIN PRIVATE KEY----- or"
              + " -----BEGIN RSA PRIVATE KEY-----)");
    }
    String type = m.group(1);
    byte[] der = Base64.getMimeDecoder().decode(m.group(2));
    byte[] pkcs8 =
        switch (type) {
          case "PRIVATE KEY" -> der;
          case "RSA PRIVATE KEY" -> wrapPkcs1(der);
          case "ENCRYPTED PRIVATE KEY" ->
              throw new IllegalArgumentException(
                  "the private key is encrypted; decrypt it first (openssl pkcs8 -topk8 -nocrypt)");
          default -> throw new IllegalArgumentException("unsupported PEM block: " + type);
        };
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a valid RSA private key: " + e.getMessage(), e);
    }
  }

  /** PrivateKeyInfo ::= SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING pkcs1 }. */
  private static byte[] wrapPkcs1(byte[] pkcs1) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x00});
    body.writeBytes(RSA_ALGORITHM_ID);
    body.write(0x04);
    writeLength(body, pkcs1.length);
    body.writeBytes(pkcs1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    writeLength(out, body.size());
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
      return;
    }
    int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
    out.write(0x80 | bytes);
    for (int i = bytes - 1; i >= 0; i--) out.write((length >>> (8 * i)) & 0xff);
  }
}
