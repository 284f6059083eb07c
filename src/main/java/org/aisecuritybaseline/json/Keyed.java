package org.aisecuritybaseline.json;

/**
 * An enum whose constants the estate's files name by a key of their own ({@code report-only} rather
 * than {@code REPORT_ONLY}). The binder reads the key through this method rather than from the
 * constants' {@code @JsonProperty}, which they keep for the general-purpose binder the tests
 * compare with: reading an annotation costs a run a generated proxy class.
 */
public interface Keyed {
  /** The name the files use for this constant. */
  String key();
}
