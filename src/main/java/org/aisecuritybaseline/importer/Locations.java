package org.aisecuritybaseline.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.entra.SemanticCheck;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.tenant.TenantObject;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tenant's IP and country named locations as the estate's {@code namedLocations}. A location is
 * imported whole or not at all: a location without one of its ranges or countries would change
 * every policy that names it.
 */
final class Locations {
  /** A display name this tool wrote: "NL-key - name". */
  private static final Pattern OWN_NAME =
      Pattern.compile("^NL-([a-z0-9]+(?:-[a-z0-9]+)*) - (.+)$", Pattern.DOTALL);

  private static final Pattern CIDR = Pattern.compile("^[0-9A-Fa-f:.]+/[0-9]{1,3}$");
  private static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");
  private static final Set<String> ISO = Set.of(Locale.getISOCountries());

  /**
   * One location to declare.
   *
   * @param preferredKey the key its display name carries, or a slug of it
   * @param fields its members after key and name, in the schema's order
   */
  record Draft(String tenantId, String preferredKey, String name, ObjectNode fields) {}

  private Locations() {}

  static List<Draft> convert(List<TenantObject> locations, Notes notes) {
    List<Draft> out = new ArrayList<>();
    for (TenantObject l : Importer.sorted(locations)) {
      Draft d = convert(l, notes);
      if (d != null) {
        out.add(d);
      }
    }
    return out;
  }

  private static Draft convert(TenantObject l, Notes notes) {
    String subject = "named location " + Importer.quotedName(l);
    JsonNode body = l.body();
    String type = body.path("@odata.type").asString("");
    ObjectNode fields = Json.NODES.objectNode();
    Set<String> known;
    if (type.equals("#microsoft.graph.ipNamedLocation")) {
      known = Set.of("@odata.type", "displayName", "ipRanges", "isTrusted");
      List<String> ranges = new ArrayList<>();
      for (JsonNode range : body.path("ipRanges")) {
        String cidr = range.path("cidrAddress").asString("");
        String problem =
            CIDR.matcher(cidr).matches() ? SemanticCheck.cidrProblem(cidr) : "is not a CIDR range";
        if (problem != null) {
          notes.add(
              Code.W650,
              subject,
              "not imported: its range '" + cidr + "' " + problem + " (the estate refuses it)");
          return null;
        }
        ranges.add(cidr);
      }
      if (ranges.isEmpty() || ranges.size() > 2000) {
        notes.add(
            Code.W650,
            subject,
            "not imported: the estate takes 1 to 2000 IP ranges, it has " + ranges.size());
        return null;
      }
      if (body.path("isTrusted").asBoolean(false)) {
        fields.put("trusted", true);
      }
      fields.set("ipRanges", Json.stringArray(List.copyOf(new TreeSet<>(ranges))));
    } else if (type.equals("#microsoft.graph.countryNamedLocation")) {
      known =
          Set.of(
              "@odata.type",
              "displayName",
              "countriesAndRegions",
              "includeUnknownCountriesAndRegions",
              "countryLookupMethod");
      List<String> countries = Json.strings(body.path("countriesAndRegions"));
      for (String c : countries) {
        if (!COUNTRY.matcher(c).matches() || !ISO.contains(c)) {
          notes.add(
              Code.W650,
              subject,
              "not imported: '" + c + "' is not an ISO 3166-1 alpha-2 code the estate accepts");
          return null;
        }
      }
      if (countries.isEmpty()) {
        notes.add(
            Code.W650,
            subject,
            "not imported: it lists no country (the estate needs at least one)");
        return null;
      }
      fields.set("countries", Json.stringArray(List.copyOf(new TreeSet<>(countries))));
      if (body.path("includeUnknownCountriesAndRegions").asBoolean(false)) {
        fields.put("includeUnknownCountries", true);
      }
      String lookup = body.path("countryLookupMethod").asString("clientIpAddress");
      if (lookup.equals("authenticatorAppGps")) {
        fields.put("countryLookup", lookup);
      } else if (!lookup.equals("clientIpAddress")) {
        notes.add(
            Code.W650,
            subject,
            "not imported: country lookup '" + lookup + "' is not one the estate knows");
        return null;
      }
    } else {
      notes.add(
          Code.W650,
          subject,
          "not imported: the estate declares IP and country locations only, this one is "
              + (type.isEmpty() ? "of no type" : type));
      return null;
    }
    for (String member : new TreeSet<>(body.propertyNames())) {
      if (!known.contains(member)) {
        notes.add(
            Code.W650,
            subject,
            "member '" + member + "' left out: the estate's named locations have no such setting");
      }
    }
    String display = Importer.displayName(l).strip();
    String name = display;
    String key = Keys.slug(display);
    Matcher own = OWN_NAME.matcher(display);
    if (own.matches() && own.group(1).length() <= Keys.MAX) {
      key = own.group(1);
      name = own.group(2).strip();
    }
    if (name.isEmpty()) {
      name = "Imported location";
    }
    if (name.length() > 256) {
      name = name.substring(0, 253) + "...";
    }
    String id =
        l.id() != null && Normal.GUID.matcher(l.id()).matches() ? Normal.guid(l.id()) : null;
    return new Draft(id, key, name, fields);
  }
}
