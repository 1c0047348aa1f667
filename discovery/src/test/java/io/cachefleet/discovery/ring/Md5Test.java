package io.cachefleet.discovery.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Md5Test {

  @Test
  void hash_everyLengthAcrossBlockBoundaries_isFirstDigestWordLittleEndian() throws Exception {
    MessageDigest jdk = MessageDigest.getInstance("MD5");
    SplittableRandom random = new SplittableRandom(1321);
    Md5 md5 = new Md5();
    for (int length = 0; length <= 300; length++) {
      byte[] key = new byte[length];
      random.nextBytes(key);
      int expected = ByteBuffer.wrap(jdk.digest(key)).order(ByteOrder.LITTLE_ENDIAN).getInt(0);

      assertThat(md5.hash(key)).as("length %d", length).isEqualTo(expected);
    }
  }
}
