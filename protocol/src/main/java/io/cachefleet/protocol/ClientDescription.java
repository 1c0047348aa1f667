package io.cachefleet.protocol;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * A client as CLIENT LIST and CLIENT INFO describe it, in Redis 7.0's fields. What a server does
 * not track (buffer sizes, memory) reads 0, and the file descriptor -1.
 *
 * @param id the client's id
 * @param addr its address, {@code ip:port}
 * @param laddr the server's address it connected to
 * @param name the name it set, or empty
 * @param ageSeconds seconds since it connected
 * @param idleSeconds seconds since its last command
 * @param flags Redis's flag letters ({@code P} subscribed, {@code x} in MULTI, {@code b} blocked,
 *     {@code d} watched keys touched), or empty for none
 * @param channels the channels it is subscribed to
 * @param patterns the patterns it is subscribed to
 * @param multi the commands queued in its MULTI, or -1 outside one
 * @param lastCommand its last command's name ({@code client|list}), or {@code NULL}
 * @param resp3 whether it speaks RESP3
 */
public record ClientDescription(long id, String addr, String laddr, String name, long ageSeconds, long idleSeconds,
                                String flags, int channels, int patterns, int multi, String lastCommand,
                                boolean resp3) {

  /** Its type, as CLIENT LIST TYPE and CLIENT KILL TYPE name it: {@code pubsub} or {@code normal}. */
  public String type() {
    return channels > 0 || patterns > 0 ? "pubsub" : "normal";
  }

  /** Its line of CLIENT LIST, ending in a newline; also the reply to its CLIENT INFO. */
  public String line() {
    return "id=" + id + " addr=" + addr + " laddr=" + laddr + " fd=-1 name=" + name + " age=" + ageSeconds
        + " idle=" + idleSeconds + " flags=" + (flags.isEmpty() ? "N" : flags) + " db=0 sub=" + channels
        + " psub=" + patterns + " ssub=0 multi=" + multi + " qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0"
        + " rbp=0 obl=0 oll=0 omem=0 tot-mem=0 events=r cmd=" + lastCommand + " user=default redir=-1 resp="
        + (resp3 ? 3 : 2) + "\n";
  }

  /** {@code ip:port} of a socket address, as Redis writes addresses; {@code ?} when unknown. */
  public static String address(SocketAddress address) {
    if (address instanceof InetSocketAddress inet) {
      return inet.getAddress() == null ? inet.getHostString() + ":" + inet.getPort()
          : inet.getAddress().getHostAddress() + ":" + inet.getPort();
    }
    return "?";
  }
}
