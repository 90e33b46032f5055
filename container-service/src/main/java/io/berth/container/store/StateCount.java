package io.berth.container.store;

import io.micronaut.core.annotation.Introspected;

/**
 * How many containers are in one state.
 *
 * @param state the state, as stored
 * @param n the count
 */
@Introspected
public record StateCount(String state, long n) {}
