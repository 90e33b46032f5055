package io.berth.events;

/** A fact: something that happened. */
public interface Event extends Message {}
