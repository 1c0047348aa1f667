package io.cachefleet.proxy.backend;

import io.cachefleet.proxy.stats.PoolStats;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twemproxy's {@code auto_eject_hosts} for one backend, on a Resilience4j circuit breaker.
 *
 * <h2>Design</h2>
 * The breaker counts outcomes in a window of {@code server_failure_limit} calls and opens at a
 * 100% failure rate, so it opens after that many consecutive failures, as Twemproxy ejects. A
 * failure is a request that timed out, a connect that failed, or a connection lost. Successes
 * are recorded only after a failure: between failures the hot path reads one volatile flag.
 *
 * <p>An open breaker takes the backend out of the ring ({@code onChange} rebuilds it). After
 * {@code server_retry_timeout} the breaker lets one probe through: a PING on a fresh connection
 * ({@code version} to memcached). Only a PONG (a VERSION line) closes it and puts the backend back; anything else opens it for another period.
 * Twemproxy instead sends live traffic to a returning server and ejects it again if it fails.
 */
public final class BackendHealth {

  private static final Logger log = LoggerFactory.getLogger(BackendHealth.class);

  private static final byte[] PING = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PONG = "+PONG\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] VERSION = "version\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] VERSION_REPLY = "VERSION ".getBytes(StandardCharsets.US_ASCII);

  private final Backend backend;
  private final CircuitBreaker breaker;
  private final Duration retryTimeout;
  private final Loop prober;
  private final ConnectionSettings settings;
  private final PoolStats stats;
  private final Runnable onChange;
  /** A failure was recorded and no success since: the next success must be recorded too. */
  private volatile boolean failing;
  /** The backend left the pool: no more probes, no more ring changes. */
  private volatile boolean closed;
  private final AtomicLong ejections = new AtomicLong();
  private volatile long ejectedAtMicros;

  /**
   * @param prober the event loop that runs the probes
   * @param stats the pool's statistics, which count ejections and the probes' requests
   * @param onChange called, on any thread, when the backend leaves or rejoins the ring
   */
  public BackendHealth(Backend backend, int failureLimit, Duration retryTimeout, Loop prober,
                       ConnectionSettings settings, PoolStats stats, Runnable onChange) {
    this.backend = backend;
    this.retryTimeout = retryTimeout;
    this.prober = prober;
    this.settings = settings;
    this.stats = stats;
    this.onChange = onChange;
    this.breaker = CircuitBreaker.of(backend.label(), CircuitBreakerConfig.custom()
        .slidingWindowType(SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(failureLimit)
        .minimumNumberOfCalls(failureLimit)
        .failureRateThreshold(100f)
        .waitDurationInOpenState(retryTimeout)
        .permittedNumberOfCallsInHalfOpenState(1)
        .automaticTransitionFromOpenToHalfOpenEnabled(false)
        .build());
    breaker.getEventPublisher().onStateTransition(e -> transitioned(e.getStateTransition().getToState()));
  }

  /** True while the backend is out of the ring. */
  public boolean ejected() {
    return breaker.getState() != CircuitBreaker.State.CLOSED;
  }

  long ejections() {
    return ejections.get();
  }

  long ejectedAtMicros() {
    return ejectedAtMicros;
  }

  /** The backend left the pool: stops probing it. */
  void close() {
    closed = true;
  }

  void failure(String error) {
    failing = true;
    if (breaker.getState() == CircuitBreaker.State.CLOSED) {
      breaker.onError(0, TimeUnit.NANOSECONDS, new BackendFailure(error));
    }
  }

  void success() {
    if (failing) {
      failing = false;
      if (breaker.getState() == CircuitBreaker.State.CLOSED) {
        breaker.onSuccess(0, TimeUnit.NANOSECONDS);
      }
    }
  }

  private void transitioned(CircuitBreaker.State to) {
    if (closed) {
      return;
    }
    switch (to) {
      case OPEN -> {
        log.warn("{} ejected after {} consecutive failures; next probe in {} ms", backend.label(),
            breaker.getCircuitBreakerConfig().getMinimumNumberOfCalls(), retryTimeout.toMillis());
        ejectedAtMicros = stats.nowMicros();
        ejections.incrementAndGet();
        onChange.run();
        prober.eventLoop().schedule(this::probe, retryTimeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      case CLOSED -> {
        log.info("{} answered PING; back in the ring", backend.label());
        failing = false;
        onChange.run();
      }
      default -> { }
    }
  }

  /** Sends one PING (version) on a new connection once the breaker allows it; only PONG (VERSION) closes the breaker. */
  private void probe() {
    if (closed) {
      return;
    }
    if (!breaker.tryAcquirePermission()) {
      prober.eventLoop().schedule(this::probe, retryTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return;
    }
    BackendConnection conn = new BackendConnection(backend, prober, settings,
        stats.loop(prober.eventLoop()).server(backend));
    conn.send(new Pending() {
      @Override
      protected void onReply(ByteBuf reply) {
        boolean pong = settings.memcache() ? startsWith(reply, VERSION_REPLY) : reply.equals(Unpooled.wrappedBuffer(PONG));
        reply.release();
        conn.close();
        if (pong) {
          breaker.onSuccess(0, TimeUnit.NANOSECONDS);
        } else {
          breaker.onError(0, TimeUnit.NANOSECONDS, new BackendFailure(settings.memcache()
              ? "version was not answered with VERSION" : "PING was not answered with PONG"));
        }
      }

      @Override
      protected void onFailure(String error) {
        conn.close();
        breaker.onError(0, TimeUnit.NANOSECONDS, new BackendFailure(error));
      }
    }, Unpooled.wrappedBuffer(settings.memcache() ? VERSION : PING));
    prober.flush();
  }

  private static boolean startsWith(ByteBuf reply, byte[] prefix) {
    return reply.readableBytes() >= prefix.length
        && ByteBufUtil.equals(reply, reply.readerIndex(), Unpooled.wrappedBuffer(prefix), 0, prefix.length);
  }

  /** What the breaker records as a failure's cause. */
  private static final class BackendFailure extends RuntimeException {
    BackendFailure(String message) {
      super(message, null, false, false);
    }
  }
}
