package io.livedesk.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/** Latencies in microseconds, recorded in an HdrHistogram and passed between processes encoded. */
final class Latency {

  private Latency() {
  }

  static Histogram histogram() {
    return new Histogram(3_600_000_000L, 3);
  }

  static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    byte[] bytes = new byte[length];
    buffer.flip();
    buffer.get(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  static Histogram decode(String encoded) {
    try {
      return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 0);
    } catch (DataFormatException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** p50, p99, p99.9 and max in milliseconds. */
  static ObjectNode summary(Histogram histogram) {
    ObjectNode node = Json.object();
    node.put("count", histogram.getTotalCount());
    node.put("p50Ms", ms(histogram.getValueAtPercentile(50)));
    node.put("p99Ms", ms(histogram.getValueAtPercentile(99)));
    node.put("p999Ms", ms(histogram.getValueAtPercentile(99.9)));
    node.put("maxMs", ms(histogram.getMaxValue()));
    return node;
  }

  static double ms(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }
}
