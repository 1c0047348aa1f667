package io.cachefleet.proxy.stats;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Runs a step on each event loop in turn, on that loop's thread, then a last step on another
 * executor. Each step is handed to the next through the executors' task queues, so every step
 * sees what the steps before it wrote. When an event loop is shutting down the relay stops there
 * and the last step never runs: the proxy is closing, and with it whatever waited.
 */
public final class Relay {

  private final List<EventLoop> loops;
  private final Consumer<EventLoop> step;
  private final EventExecutor end;
  private final Runnable last;
  private int next;

  private Relay(List<EventLoop> loops, Consumer<EventLoop> step, EventExecutor end, Runnable last) {
    this.loops = loops;
    this.step = step;
    this.end = end;
    this.last = last;
  }

  public static void run(List<EventLoop> loops, Consumer<EventLoop> step, EventExecutor end, Runnable last) {
    new Relay(loops, step, end, last).pass();
  }

  private void pass() {
    try {
      if (next == loops.size()) {
        end.execute(last);
        return;
      }
      EventLoop loop = loops.get(next++);
      loop.execute(() -> {
        step.accept(loop);
        pass();
      });
    } catch (RejectedExecutionException e) {
      // shutting down: see the class comment
    }
  }
}
