package org.aisecuritybaseline.entra;

import java.util.ArrayList;
import java.util.List;
import org.aisecuritybaseline.tenant.Canonical;
import org.aisecuritybaseline.tenant.ObjectKind;
import tools.jackson.databind.JsonNode;

/**
 * The Microsoft Graph version a policy is validated against and deployed through. Everything is
 * v1.0 unless a policy needs a member or a keyword only Graph beta has (Conditional Access for
 * agents); such a policy says so in one field (a template's {@code graphApi}, a custom policy's
 * {@code graphApi}), is validated against the beta schema and deployed through the beta endpoint
 * ({@code entra/deployment.json}'s {@code apiVersion}).
 */
public final class GraphApi {
  public static final String V1 = "v1.0";
  public static final String BETA = "beta";
  public static final List<String> VERSIONS = List.of(V1, BETA);

  private GraphApi() {}

  /**
   * What in {@code body} only Graph beta has, for a reader: the beta-only members (as the Graph
   * schemas in {@code schemas/graph/} declare them, dotted: {@code conditions.agentIdRiskLevels})
   * and the beta-only keywords with the member that holds them ({@code AllAgentIdUsers in
   * conditions.users.includeUsers}), in the order found. Empty for a v1.0 body.
   */
  public static List<String> betaFeatures(JsonNode body) {
    List<String> out = new ArrayList<>();
    for (String pointer : Canonical.of(ObjectKind.POLICY, body).betaFields()) {
      out.add(dotted(pointer));
    }
    for (GraphValueForms.BetaKeyword k : GraphValueForms.betaKeywords(body)) {
      out.add(k.keyword() + " in " + dotted(k.path()));
    }
    return List.copyOf(out);
  }

  static String dotted(String pointer) {
    return pointer.replaceFirst("^/", "").replace('/', '.');
  }
}
