package org.aisecuritybaseline.importer;

import java.text.Normalizer;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The estate's keys for what the tenant names by ID: a slug of the display name (lower-case letters
 * and digits, words joined by single hyphens, at most 40 characters, as the estate's key pattern),
 * de-duplicated with -2, -3 in the order of (slug, ID), so that the same objects always get the
 * same keys whatever order they were found in.
 */
final class Keys {
  static final int MAX = 40;

  /** One object that needs a key: its ID, its preferred key (a slug, or null) and a fallback. */
  record Request(String id, String preferred, String fallbackPrefix) {
    String base() {
      if (preferred != null && !preferred.isEmpty()) {
        return preferred;
      }
      String hex = id.replaceAll("[^0-9A-Za-z]", "").toLowerCase(Locale.ROOT);
      return slug(fallbackPrefix + "-" + hex.substring(0, Math.min(8, hex.length())));
    }
  }

  private Keys() {}

  /** The slug of {@code text}; empty when it has no letter or digit. */
  static String slug(String text) {
    if (text == null) {
      return "";
    }
    String plain =
        Normalizer.normalize(text, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder();
    boolean hyphen = false;
    for (int i = 0; i < plain.length(); i++) {
      char c = plain.charAt(i);
      if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
        if (hyphen && b.length() > 0) {
          b.append('-');
        }
        b.append(c);
        hyphen = false;
      } else {
        hyphen = true;
      }
    }
    return trim(b.toString(), MAX);
  }

  /** At most {@code max} characters, never ending in a hyphen. */
  static String trim(String key, int max) {
    String s = key.length() > max ? key.substring(0, max) : key;
    while (s.endsWith("-")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  /** Keys by ID, none of them in {@code taken} and no two the same. */
  static Map<String, String> allocate(List<Request> requests, Set<String> taken) {
    Set<String> used = new HashSet<>(taken);
    Map<String, String> out = new LinkedHashMap<>();
    List<Request> ordered =
        requests.stream()
            .sorted(Comparator.comparing(Request::base).thenComparing(Request::id))
            .toList();
    for (Request r : ordered) {
      if (out.containsKey(r.id())) {
        continue;
      }
      String base = r.base();
      String key = base;
      for (int n = 2; used.contains(key); n++) {
        String suffix = "-" + n;
        key = trim(base, MAX - suffix.length()) + suffix;
      }
      used.add(key);
      out.put(r.id(), key);
    }
    return out;
  }
}
