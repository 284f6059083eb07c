package org.aisecuritybaseline.family;

/**
 * Something of a family's baseline that is not generated as the estate's defaults would have it (a
 * policy left out, a location a policy could not take), and why; shown as a notice and in the
 * README.
 */
public record LeftOut(String id, String name, String reason) {}
