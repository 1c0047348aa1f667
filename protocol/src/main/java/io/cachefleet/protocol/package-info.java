/**
 * RESP framing, the command table and reply writers shared by the node and the proxy.
 *
 * <h2>Buffer ownership</h2>
 * Every {@link io.netty.buffer.ByteBuf} that crosses an API boundary here has exactly one owner at a
 * time. The rules, which every class in cachefleet follows:
 * <ol>
 *   <li>Whoever receives a reference-counted object (a {@link io.cachefleet.protocol.RespCommand}, a
 *       {@code ByteBuf}) either forwards it to the next owner or releases it, exactly once.</li>
 *   <li>A slice is retained only after every check that can throw: the decoder validates a whole
 *       frame before {@code readRetainedSlice}, so a protocol error never leaves a retained slice
 *       behind.</li>
 *   <li>Stateful handlers release partial state in {@code handlerRemoved} or
 *       {@code channelInactive}: queued commands of a transaction, pending pipelined requests, a
 *       half-built reply.</li>
 *   <li>Reply writers never take ownership of the buffer they write into, and never retain what
 *       they copy from.</li>
 *   <li>The decoder never allocates by a length the client declared: arrays grow with the
 *       arguments actually received, and every count is capped by {@link
 *       io.cachefleet.protocol.RespLimits}.</li>
 * </ol>
 */
package io.cachefleet.protocol;
