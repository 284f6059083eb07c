package org.aisecuritybaseline.checks;

import java.util.Map;
import org.aisecuritybaseline.entra.AgentPolicies;
import tools.jackson.databind.JsonNode;

/**
 * One Conditional Access policy the rules are evaluated on.
 *
 * @param id the estate's policy ID (CA004) or, for a tenant policy, its object ID
 * @param displayName its display name
 * @param body the Graph v1.0 body (generated, or canonical from a tenant snapshot)
 * @param exclusions what the estate knows of each excluded object, by {@link Exclusion#slot};
 *     objects not listed are described from the body and located at {@code place}
 * @param place where the policy is declared (its entry under policies or customPolicies, the tier,
 *     or its file in a snapshot)
 * @param scopePlace where its user scope is set, when the estate sets it (a pilot stage, a custom
 *     policy's users), else null
 * @param scopeNote why the policy does not target all users, when the estate says (a pilot), else
 *     null
 * @param agents whether the policy's subjects are AI agents (agent identities or agent users), not
 *     people: such a policy neither satisfies nor is named for a rule about users
 */
public record Target(
    String id,
    String displayName,
    JsonNode body,
    Map<String, Exclusion> exclusions,
    Place place,
    Place scopePlace,
    String scopeNote,
    boolean agents) {
  public Target {
    exclusions = Map.copyOf(exclusions);
  }

  /** A target whose subjects are told from its body ({@link #forAgents(JsonNode)}). */
  public Target(
      String id,
      String displayName,
      JsonNode body,
      Map<String, Exclusion> exclusions,
      Place place,
      Place scopePlace,
      String scopeNote) {
    this(id, displayName, body, exclusions, place, scopePlace, scopeNote, forAgents(body));
  }

  /** Whether a policy body targets AI agents rather than people ({@link AgentPolicies}). */
  public static boolean forAgents(JsonNode body) {
    return AgentPolicies.forAgents(body);
  }

  /** "CA004 "Block legacy authentication"" */
  public String label() {
    return displayName == null || displayName.equals(id) || displayName.startsWith(id + " ")
        ? (displayName == null ? id : "\"" + displayName + "\"")
        : id + " \"" + displayName + "\"";
  }
}
