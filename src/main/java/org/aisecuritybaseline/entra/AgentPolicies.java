package org.aisecuritybaseline.entra;

import java.util.List;
import java.util.Set;
import org.aisecuritybaseline.json.Json;

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
    if (!p.custom() && BASELINE.contains(p.id())) {
      return true;
    }
    return !p.body().at("/conditions/clientApplications/includeAgentIdServicePrincipals").isEmpty()
        || Json.strings(p.body().at("/conditions/users/includeUsers")).contains("AllAgentIdUsers");
  }

  /** The agent policies among {@code policies}, in their order. */
  public static List<PlannedPolicy> of(List<PlannedPolicy> policies) {
    return policies.stream().filter(AgentPolicies::forAgents).toList();
  }
}
