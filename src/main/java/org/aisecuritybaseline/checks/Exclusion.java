package org.aisecuritybaseline.checks;

/**
 * One object a policy leaves out of its scope, as the checks see it.
 *
 * @param kind user, group, role, application, guests (excluded guest or external user types), agent
 *     identity or agent identity filter (AISB-CA-014)
 * @param id the ID in the policy body (for guests, the excluded types)
 * @param key the estate's key for it, or null
 * @param what for a reader: "group legacy-scanners "SG-Legacy-Scan-To-Mail""
 * @param allowed what every rule allows to be excluded: one of the estate's break-glass accounts or
 *     groups, or a directory synchronisation account the estate declares (ScubaGear's configuration
 *     lists both as allowed exclusions)
 * @param place where the estate (or snapshot) causes the exclusion
 */
public record Exclusion(
    String kind, String id, String key, String what, boolean allowed, Place place) {

  /** The lookup key of an exclusion of {@code kind} with {@code id}. */
  public static String slot(String kind, String id) {
    return kind + ":" + id.toLowerCase(java.util.Locale.ROOT);
  }

  /** Whether an exception's {@code object} names this exclusion (by key, ID or name). */
  boolean named(String object) {
    if (object == null) {
      return false;
    }
    return object.equalsIgnoreCase(id)
        || object.equals(key)
        || what.contains("\"" + object + "\"")
        || (kind + " " + object).equals(what);
  }
}
