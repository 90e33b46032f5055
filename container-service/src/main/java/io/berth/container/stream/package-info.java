/**
 * The container-service's end of {@code docker attach} and {@code docker exec}: a small TCP server
 * the gateway splices a hijacked HTTP connection onto.
 *
 * <p>The protocol, one connection per session: the gateway sends one line of JSON (a {@link
 * io.berth.container.stream.StreamRequest}, at most 64 KiB, ended by {@code \n}); the server
 * answers one line, {@code {"ok":true,"tty":false}} or {@code
 * {"ok":false,"status":404,"message":"..."}}; after an {@code ok} the connection carries raw bytes
 * both ways: the gateway's bytes are the process's stdin (end of stream: stdin closed), the
 * server's bytes are its output, in Docker's multiplexed frames ({@link
 * io.berth.container.stream.StdFrames}) unless the session is a TTY. The server closes the
 * connection when the output ends.
 */
package io.berth.container.stream;
