package dev.ferry.emulator.pubsub;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.util.OptionalLong;

/** Replay ids on the wire: always exactly 8 bytes, a big-endian unsigned long. */
final class ReplayIds {
  private ReplayIds() {}

  static ByteString encode(long replayId) {
    return ByteString.copyFrom(ByteBuffer.allocate(Long.BYTES).putLong(replayId).array());
  }

  /** The id, or empty when the bytes are not 8 long. */
  static OptionalLong decode(ByteString bytes) {
    if (bytes.size() != Long.BYTES) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(bytes.asReadOnlyByteBuffer().getLong());
  }
}
