package io.berth.image.build.dockerfile;

/**
 * One declared build argument, {@code ARG name[=default]}, expanded.
 *
 * @param name the argument's name
 * @param defaultValue its default, or null when the ARG gives none
 */
public record ArgSpec(String name, String defaultValue) {}
