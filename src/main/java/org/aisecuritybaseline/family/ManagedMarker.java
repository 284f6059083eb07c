package org.aisecuritybaseline.family;

/**
 * Written into the description of every object the tool deploys; the scripts only touch objects
 * that carry it.
 */
public final class ManagedMarker {
  public static final String TEXT = "[managed by ai-security-baseline]";

  private ManagedMarker() {}
}
