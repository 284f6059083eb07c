package org.aisecuritybaseline.entra;

import java.util.List;
import java.util.Set;
import org.aisecuritybaseline.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * Which policies are for AI agents (Microsoft Entra Agent ID) rather than for people: the
 * baseline's agent policies and any policy that targets agent identities or all agent users.
 * Policies for people also cover agents that act on a person's behalf (the token's subject is the
 * person).
 */
public final class AgentPolicies {
  /**
   * The baseline's agent policies: agent identities (CA050, CA051) and agent users (CA052-CA055).
   */
  public static final Set<String> BASELINE =
      Set.of("CA050", "CA051", "CA052", "CA053", "CA054", "CA055");

  /** Microsoft's overview of Conditional Access for agents. */
  public static final String SOURCE =
      "https://learn.microsoft.com/entra/identity/conditional-access/agent-id";

  private AgentPolicies() {}

  /** Whether the policy's subjects are agents (agent identities or agent users), not people. */
  public static boolean forAgents(PlannedPolicy p) {
    return (!p.custom() && BASELINE.contains(p.id())) || forAgents(p.body());
  }

  /**
   * Whether a policy body targets AI agents rather than people: agent identities (included by ID,
   * All, or a custom security attribute filter) or all agent users ({@code AllAgentIdUsers}). Agent
   * users included by object ID cannot be told from the body; the estate knows them.
   */
  public static boolean forAgents(JsonNode body) {
    JsonNode client = body.at("/conditions/clientApplications");
    return !client.path("includeAgentIdServicePrincipals").isEmpty()
        || client.path("agentIdServicePrincipalFilter").isObject()
        || Json.strings(body.at("/conditions/users/includeUsers")).contains("AllAgentIdUsers");
  }

  /** The agent policies among {@code policies}, in their order. */
  public static List<PlannedPolicy> of(List<PlannedPolicy> policies) {
    return policies.stream().filter(AgentPolicies::forAgents).toList();
  }
}
