package org.aisecuritybaseline.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.entra.Expander;
import org.aisecuritybaseline.entra.GraphApi;
import org.aisecuritybaseline.entra.GraphValueForms;
import org.aisecuritybaseline.model.Stage;
import org.aisecuritybaseline.tenant.TenantObject;
import org.aisecuritybaseline.validate.SchemaCheck;
import org.aisecuritybaseline.validate.Schemas;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenant policy as a custom policy: its body without what the estate sets otherwise (displayName,
 * description, state), without what the service generates, and without what the custom policy's
 * validation refuses (members neither Graph v1.0 nor, for a policy that needs beta, Graph beta
 * knows), each left-out member listed with why. A policy with members or keywords only Graph beta
 * has becomes a custom policy with {@code graphApi: beta}, checked against the beta schema.
 * References to the estate's groups, apps and named locations replace IDs when the estate is
 * written ({@link EstateDraft}).
 */
final class Customs {
  /** A display name this tool wrote: "CA100 - name". */
  static final Pattern OWN_NAME = Pattern.compile("^CA([0-9]{3}) - (.+)$", Pattern.DOTALL);

  static final List<String> GENERATED =
      List.of("id", "createdDateTime", "modifiedDateTime", "templateId", "deletedDateTime");

  /**
   * One custom policy before its ID is given.
   *
   * @param preferredId the ID its display name carries (CA100 to CA999), or null
   * @param body the Graph body with the tenant's IDs
   * @param leftOut the members left out, each with why, for the file and the console
   * @param graphApi the Graph version it is deployed through: beta when it needs beta
   */
  record Draft(
      TenantObject source,
      String displayName,
      String preferredId,
      String name,
      String summary,
      Stage stage,
      ObjectNode body,
      List<String> leftOut,
      String graphApi) {}

  private Customs() {}

  /** The custom policy, or null when Graph v1.0 cannot hold it (a W650 note says why). */
  static Draft convert(TenantObject p, Notes notes) {
    String display = Importer.displayName(p);
    String subject = Importer.subject(p);
    ObjectNode body = p.body().deepCopy();
    String state = body.path("state").asString("");
    Stage stage = BaselineMatch.stage(state);
    if (!List.of("enabled", "disabled", "enabledForReportingButNotEnforced").contains(state)) {
      notes.add(
          Code.W652,
          subject,
          state.isEmpty()
              ? "has no state; imported in report-only"
              : "has state '"
                  + state
                  + "', which Graph v1.0 does not document; imported in report-only");
    }
    String description = body.path("description").asString("");
    Normal.NAMING.forEach(body::remove);
    List<String> leftOut = new ArrayList<>();
    for (String member : GENERATED) {
      if (body.remove(member) != null) {
        leftOut.add("/" + member + ": the service generates it");
      }
    }
    // Beta members and keywords are kept: the custom policy is deployed through Graph beta.
    boolean beta = !p.betaFields().isEmpty() || !GraphValueForms.betaKeywords(body).isEmpty();
    String version = beta ? GraphApi.BETA : GraphApi.V1;
    SchemaCheck schema = beta ? Schemas.graphBeta() : Schemas.graph();
    for (int round = 0; round < 100; round++) {
      List<SchemaCheck.Violation> unknown = new ArrayList<>();
      List<SchemaCheck.Violation> other = new ArrayList<>();
      for (SchemaCheck.Violation v : schema.check(probe(body))) {
        if (v.pointer().equals("/displayName") || v.pointer().equals("/state")) {
          continue;
        }
        (v.code() == Code.E201 ? unknown : other).add(v);
      }
      if (unknown.isEmpty()) {
        if (!other.isEmpty()) {
          notes.add(
              Code.W650,
              subject,
              "not imported: not a valid Graph "
                  + version
                  + " policy ("
                  + other.get(0).pointer()
                  + ": "
                  + other.get(0).message()
                  + ")");
          return null;
        }
        break;
      }
      for (SchemaCheck.Violation v : unknown) {
        if (remove(body, v.pointer())) {
          leftOut.add(v.pointer() + ": Graph " + version + " has no such member");
        }
      }
    }
    prune(body);
    boolean widened = leftOut.stream().anyMatch(l -> l.startsWith("/conditions/"));
    if (widened && stage == Stage.ENABLED) {
      stage = Stage.REPORT_ONLY;
      leftOut.add(
          "stage report-only instead of enabled: without the conditions left out the policy would"
              + " apply to more sign-ins than in the tenant");
    }
    String preferred = null;
    String name = display.strip();
    Matcher own = OWN_NAME.matcher(name);
    if (own.matches()) {
      name = own.group(2).strip();
      if (Integer.parseInt(own.group(1)) >= 100) {
        preferred = "CA" + own.group(1);
      }
    }
    if (name.isEmpty()) {
      name = "Imported policy";
    }
    if (name.length() > 200) {
      notes.add(Code.W652, subject, "name shortened to the estate's 200 characters");
      name = name.substring(0, 197) + "...";
    }
    String summary = description.replace(Expander.MANAGED_MARKER, "").strip();
    if (summary.isEmpty()) {
      summary = "Imported from the tenant's policy \"" + display + "\".";
    }
    if (summary.length() > 1000) {
      summary = summary.substring(0, 997) + "...";
    }
    return new Draft(
        p, display, preferred, name, summary, stage, body, List.copyOf(leftOut), version);
  }

  /** What the Graph schema checks: the body with the members the estate sets. */
  private static ObjectNode probe(ObjectNode body) {
    ObjectNode probe = body.deepCopy();
    probe.put("displayName", "x");
    probe.put("state", "enabled");
    return probe;
  }

  /** Removes the member or item at {@code pointer}; false when there is none. */
  static boolean remove(JsonNode root, String pointer) {
    if (pointer.isEmpty() || !pointer.startsWith("/")) {
      return false;
    }
    int last = pointer.lastIndexOf('/');
    JsonNode parent = root.at(pointer.substring(0, last));
    String name = pointer.substring(last + 1).replace("~1", "/").replace("~0", "~");
    if (parent instanceof ObjectNode o) {
      return o.remove(name) != null;
    }
    if (parent instanceof ArrayNode a && name.matches("[0-9]+")) {
      int i = Integer.parseInt(name);
      if (i < a.size()) {
        a.remove(i);
        return true;
      }
    }
    return false;
  }

  /** Removes null, [] and {} members, innermost first, as the canonical form has none. */
  static void prune(JsonNode node) {
    if (node instanceof ObjectNode o) {
      List<String> empty = new ArrayList<>();
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        prune(e.getValue());
        if (Normal.isEmpty(e.getValue())) {
          empty.add(e.getKey());
        }
      }
      empty.forEach(o::remove);
    } else if (node instanceof ArrayNode a) {
      a.forEach(Customs::prune);
    }
  }
}
