package org.aisecuritybaseline.checks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.tenant.TenantObject;
import org.aisecuritybaseline.tenant.TenantSnapshot;

/**
 * A tenant snapshot's Conditional Access policies (canonical bodies) as check targets, located at
 * the snapshot file each came from. The estate's break-glass accounts and groups are the allowed
 * exclusions, as they are for the estate's own policies.
 */
public final class TenantTargets {
  private TenantTargets() {}

  public static List<Target> targets(TenantSnapshot snapshot, Path read, Estate estate) {
    Map<String, String> breakGlass = new HashMap<>();
    estate
        .breakGlass()
        .accounts()
        .forEach(a -> breakGlass.put(Exclusion.slot("user", a.id()), a.name()));
    estate
        .breakGlass()
        .groups()
        .forEach(g -> breakGlass.put(Exclusion.slot("group", g.id()), g.name()));
    if (estate.tenant().directorySyncAccounts() != null) {
      estate
          .tenant()
          .directorySyncAccounts()
          .forEach(a -> breakGlass.put(Exclusion.slot("user", a.id()), a.name()));
    }
    List<Target> out = new ArrayList<>();
    for (TenantObject o : snapshot.policies()) {
      Place place = place(read, o.source());
      Map<String, Exclusion> exclusions = new HashMap<>();
      for (String kind : List.of("user", "group", "role", "application")) {
        String member =
            switch (kind) {
              case "user" -> "excludeUsers";
              case "group" -> "excludeGroups";
              case "role" -> "excludeRoles";
              default -> "excludeApplications";
            };
        String base =
            kind.equals("application") ? "/conditions/applications/" : "/conditions/users/";
        o.body()
            .at(base + member)
            .forEach(
                n -> {
                  String id = Json.text(n);
                  String slot = Exclusion.slot(kind, id);
                  TenantSnapshot.DirectoryName name =
                      snapshot.names().get(id.toLowerCase(Locale.ROOT));
                  String named =
                      breakGlass.getOrDefault(slot, name == null ? null : name.displayName());
                  String what =
                      kind + " " + (named == null ? id : "\"" + named + "\" (" + id + ")");
                  exclusions.put(
                      slot,
                      new Exclusion(kind, id, null, what, breakGlass.containsKey(slot), place));
                });
      }
      String id = o.id() != null ? o.id() : o.displayName();
      out.add(new Target(id, o.displayName(), o.body(), exclusions, place, null, null));
    }
    return out;
  }

  /** Allowed combinations of the snapshot's authentication strengths, by ID. */
  public static Map<String, List<String>> strengths(TenantSnapshot snapshot) {
    Map<String, List<String>> out = new HashMap<>();
    for (TenantObject s : snapshot.authenticationStrengths()) {
      if (s.id() != null && s.body().has("allowedCombinations")) {
        List<String> combos = new ArrayList<>();
        s.body().get("allowedCombinations").forEach(n -> combos.add(Json.text(n)));
        out.put(s.id(), combos);
      }
    }
    return out;
  }

  static Place place(Path read, String source) {
    String file = source == null ? "" : source;
    String pointer = "";
    int hash = file.indexOf('#');
    if (hash >= 0) {
      pointer = file.substring(hash + 1);
      file = file.substring(0, hash);
    }
    String path =
        Files.isDirectory(read) && !file.isEmpty()
            ? read.resolve(file).toString()
            : read.toString();
    return new Place(path, 1, 1, pointer);
  }
}
