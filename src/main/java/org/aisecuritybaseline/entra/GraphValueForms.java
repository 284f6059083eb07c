package org.aisecuritybaseline.entra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.diag.Finding;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.validate.Suggestions;
import tools.jackson.databind.JsonNode;

/**
 * The documented forms of the strings in a Conditional Access policy body that Graph types only as
 * "string": object IDs, keywords such as All or Office365, the grant operator, authentication
 * strength IDs (data/conditional-access-value-forms.json, each with Microsoft's words). A value
 * outside its forms is an E312 at the element. The tool's own references ({@code group:<key>},
 * {@code app:<key>}, {@code namedLocation:<key>}) are allowed in the fields they resolve to;
 * whether the key exists is {@link SemanticCheck}'s E301.
 */
public final class GraphValueForms {
  public static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** The references the tool resolves in policy bodies, by prefix, and what each refers to. */
  public static final Map<String, String> SYMBOLS = symbols();

  /**
   * One field: where it is, what a GUID there identifies (null: no GUID), its keywords and
   * references.
   */
  record Field(
      String path,
      String id,
      List<String> keywords,
      List<String> betaKeywords,
      Set<String> symbols) {
    /** The documented forms, as a message lists them. */
    String forms() {
      List<String> forms = new ArrayList<>();
      if (id != null) {
        forms.add(id + " (a GUID)");
      }
      forms.addAll(keywords);
      symbols.forEach(s -> forms.add(s + ":<key> (" + SYMBOLS.get(s) + ")"));
      if (forms.size() == 1) {
        return forms.get(0);
      }
      return String.join(", ", forms.subList(0, forms.size() - 1))
          + " or "
          + forms.get(forms.size() - 1);
    }

    /** The field as a message names it: includeUsers, operator, authenticationStrength.id. */
    String name() {
      String[] parts = path.split("/");
      String last = parts[parts.length - 1];
      return last.equals("id") ? parts[parts.length - 2] + "." + last : last;
    }
  }

  private static final List<Field> FIELDS = load();

  private GraphValueForms() {}

  /**
   * Every string of {@code body} outside its documented forms, as E312 findings under {@code base}.
   */
  public static List<Finding> check(JsonNode body, String base) {
    return check(body, base, false);
  }

  /**
   * As {@link #check(JsonNode, String)}; with {@code beta}, the keywords only Graph beta takes are
   * accepted too, else each is an E312 that says how to deploy the policy through beta.
   */
  public static List<Finding> check(JsonNode body, String base, boolean beta) {
    List<Finding> findings = new ArrayList<>();
    for (Field f : FIELDS) {
      JsonNode node = body.at(f.path());
      if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          if (node.get(i).isString()) {
            String at = base + f.path() + "/" + i;
            problem(f, node.get(i).asString(), beta)
                .ifPresent(p -> findings.add(Finding.error(Code.E312, at, p)));
          }
        }
      } else if (node.isString()) {
        problem(f, node.asString(), beta)
            .ifPresent(p -> findings.add(Finding.error(Code.E312, base + f.path(), p)));
      }
    }
    return findings;
  }

  /** A keyword only Graph beta takes, where a body uses it (path relative to the body). */
  public record BetaKeyword(String path, String keyword) {}

  /** Every keyword of {@code body} that only Graph beta takes, in field order. */
  public static List<BetaKeyword> betaKeywords(JsonNode body) {
    List<BetaKeyword> out = new ArrayList<>();
    for (Field f : FIELDS) {
      for (JsonNode item : body.at(f.path())) {
        if (item.isString() && f.betaKeywords().contains(item.asString())) {
          out.add(new BetaKeyword(f.path(), item.asString()));
        }
      }
    }
    return out;
  }

  /** Whether {@code path} (relative to the policy body) is a field this check covers. */
  public static boolean covers(String path) {
    return FIELDS.stream().anyMatch(f -> f.path().equals(path));
  }

  static Optional<String> problem(Field f, String value) {
    return problem(f, value, false);
  }

  static Optional<String> problem(Field f, String value, boolean beta) {
    if (f.id() != null && GUID.matcher(value).matches() || f.keywords().contains(value)) {
      return Optional.empty();
    }
    if (f.betaKeywords().contains(value)) {
      return beta
          ? Optional.empty()
          : Optional.of(
              "'"
                  + value
                  + "' is a keyword only Microsoft Graph beta takes; set graphApi: beta on this"
                  + " policy to validate it against Graph beta and deploy it through the beta"
                  + " endpoint");
    }
    int colon = value.indexOf(':');
    String prefix = colon > 0 ? value.substring(0, colon) : "";
    if (SYMBOLS.containsKey(prefix) && f.symbols().contains(prefix)) {
      return Optional.empty();
    }
    String hint =
        Suggestions.closest(value, f.keywords()).map(k -> "; did you mean " + k + "?").orElse("");
    if (hint.isEmpty() && f.id() != null && looksLikeAGuid(value)) {
      hint = "; a GUID has 32 hexadecimal digits in groups of 8-4-4-4-12";
    }
    String shown = value.length() > 60 ? value.substring(0, 57) + "..." : value;
    return Optional.of(
        "'" + shown + "' is not a value " + f.name() + " takes: it takes " + f.forms() + hint);
  }

  private static boolean looksLikeAGuid(String value) {
    return value.matches("[0-9A-Za-z{}-]{30,40}")
        && value.chars().filter(c -> c == '-').count() >= 3;
  }

  private static Map<String, String> symbols() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("group", "a group under 'groups'");
    s.put("app", "an app under 'apps'");
    s.put("namedLocation", "a location under 'namedLocations'");
    return java.util.Collections.unmodifiableMap(s);
  }

  private static List<Field> load() {
    List<Field> fields = new ArrayList<>();
    for (JsonNode f :
        Json.parseResource("/data/conditional-access-value-forms.json").get("fields")) {
      Set<String> symbols = new java.util.LinkedHashSet<>(Json.strings(f.get("symbols")));
      if (!SYMBOLS.keySet().containsAll(symbols)) {
        throw new IllegalStateException(
            "conditional-access-value-forms.json: unknown symbol in " + f.get("path"));
      }
      fields.add(
          new Field(
              f.get("path").asString(),
              f.has("id") ? f.get("id").asString() : null,
              List.copyOf(Json.strings(f.get("keywords"))),
              List.copyOf(Json.strings(f.get("betaKeywords"))),
              java.util.Collections.unmodifiableSet(symbols)));
    }
    return List.copyOf(fields);
  }
}
