/**
 * The hijacked connections of {@code docker attach}, {@code docker run} (without {@code -d}),
 * {@code docker start -a} and {@code docker exec}: the Engine API answers {@code POST
 * /containers/{id}/attach} and {@code POST /exec/{id}/start} with {@code 101 UPGRADED} and then
 * carries raw bytes both ways on the same TCP connection. Micronaut has no such API, so a Netty
 * handler ({@link io.berth.gateway.docker.hijack.HijackHandler}) takes these requests before
 * Micronaut's routing and splices the connection onto the container-service's stream port.
 */
package io.berth.gateway.docker.hijack;
