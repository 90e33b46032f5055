/**
 * Who may do what (docs/security.md): every request the gateway reads passes {@link
 * io.berth.gateway.auth.AuthHandler} first, a Netty handler right after the HTTP codec, so the
 * Docker API, Berth's own API and the hijacked attach and exec connections share one gate. A
 * request from a loopback address without credentials is {@code anonymous} with the configured
 * role; any other needs {@code Authorization: Bearer <token>}, matched by its SHA-256 against the
 * tokens file. A {@code reader} may {@code GET} and {@code HEAD}; an {@code admin} may do
 * everything. Refusals are answered in Docker's error form and audited.
 */
package io.berth.gateway.auth;
