package io.berth.events;

/** A read-only request answered on the replies topic; it changes nothing and is not audited. */
public interface Query extends Message {}
