package io.cachefleet.node.command;

import io.cachefleet.node.store.Keyspace;
import io.cachefleet.node.store.KeyspaceListener;
import io.cachefleet.protocol.CommandDocs;
import io.cachefleet.protocol.CommandTable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * State one node shares across its connections: the keyspace and its lock, runtime settings,
 * connected clients, WATCH, blocking and pub/sub registries, and counters for INFO.
 */
final class NodeContext implements KeyspaceListener {

  final Keyspace keyspace;
  final CommandClock clock;
  /** Guards the keyspace and every registry here; held for the whole of each command. */
  final ReentrantLock lock = new ReentrantLock();
  final RuntimeSettings settings;
  final CommandTable table;
  final CommandDocs docs;
  final Map<Long, ClientSession> clients = new ConcurrentHashMap<>();
  final Watches watches = new Watches();
  final Blocking blocking = new Blocking(this);
  final PubSub pubsub = new PubSub();
  final String runId;
  final long startMillis;
  final AtomicLong nextClientId = new AtomicLong(1);

  long totalCommands;
  long totalConnections;
  long rejectedConnections;
  long dirty;
  long peakMemory;

  NodeContext(Keyspace keyspace, CommandClock clock, RuntimeSettings settings, CommandTable table, CommandDocs docs,
              String runId) {
    this.keyspace = keyspace;
    this.clock = clock;
    this.settings = settings;
    this.table = table;
    this.docs = docs;
    this.runId = runId;
    this.startMillis = keyspace.now();
    keyspace.setListener(this);
  }

  /** Takes the keyspace lock and reads the clock the keyspace will see until it is released. */
  void lock() {
    lock.lock();
    clock.refresh();
  }

  void unlock() {
    lock.unlock();
  }

  @Override
  public void keyModified(byte[] key) {
    dirty++;
    if (!watches.isEmpty()) {
      watches.touched(key);
    }
  }

  @Override
  public void keyReady(byte[] key) {
    blocking.keyReady(key);
  }

  @Override
  public void flushed() {
    dirty++;
  }
}
