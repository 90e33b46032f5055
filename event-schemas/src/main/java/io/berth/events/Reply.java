package io.berth.events;

/** The answer to a {@link Query}, correlated to it by the envelope's correlation id. */
public interface Reply extends Message {}
