package org.aisecuritybaseline.load;

/** RFC 6901 JSON pointer helpers. */
public final class JsonPointers {
  private JsonPointers() {}

  public static String child(String parent, String name) {
    return parent + "/" + name.replace("~", "~0").replace("/", "~1");
  }

  public static String child(String parent, int index) {
    return parent + "/" + index;
  }
}
