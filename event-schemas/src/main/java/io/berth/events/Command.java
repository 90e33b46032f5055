package io.berth.events;

/** A request to change state; it ends in exactly one outcome event. */
public interface Command extends Message {}
