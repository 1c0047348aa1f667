package io.cachefleet.protocol;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test, or the test class, after which Netty's leak detector reports a buffer that was
 * garbage collected without being released.
 *
 * <p>Netty only logs leaks, and only when the leaked buffer happens to be collected. This
 * extension, registered for the whole module through JUnit's extension auto-detection so that it
 * loads before the first {@code ByteBuf} class, installs a detector factory whose detectors
 * record each report instead. In PARANOID mode every allocation drains the detector's queue of
 * collected buffers, so after each test one allocation reports what the collector already found;
 * after each test class the collector is run first, so every buffer the class leaked is reported.
 */
public final class LeakCheck implements AfterEachCallback, AfterAllCallback {

  private static final Queue<String> LEAKS = new ConcurrentLinkedQueue<>();

  static {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ByteBufAllocator.DEFAULT.heapBuffer(1).release();
    failOn(drain());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    failOn(collect());
  }

  private static void failOn(List<String> leaks) {
    if (!leaks.isEmpty()) {
      throw new AssertionError(leaks.size() + " buffer(s) leaked:\n" + String.join("\n", leaks));
    }
  }

  /** Collects garbage, makes the detector process what was collected, and drains the reports. */
  static List<String> collect() {
    for (int round = 0; round < 3; round++) {
      System.gc();
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      ByteBufAllocator.DEFAULT.heapBuffer(1).release();
    }
    return drain();
  }

  private static List<String> drain() {
    List<String> leaks = new ArrayList<>();
    for (String leak; (leak = LEAKS.poll()) != null; ) {
      leaks.add(leak);
    }
    return leaks;
  }

  private static final class RecordingFactory extends ResourceLeakDetectorFactory {
    @Override
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                                                               long maxActive) {
      return new ResourceLeakDetector<>(resource, samplingInterval) {
        @Override
        protected boolean needReport() {
          return true;
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
          LEAKS.add("LEAK of " + resourceType + records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
          LEAKS.add("LEAK of " + resourceType + " (untraced)");
        }
      };
    }
  }
}
