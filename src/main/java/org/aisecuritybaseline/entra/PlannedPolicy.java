package org.aisecuritybaseline.entra;

import java.util.List;
import org.aisecuritybaseline.family.Recommendation;
import org.aisecuritybaseline.model.Stage;
import tools.jackson.databind.node.ObjectNode;

/**
 * A policy ready to render: its final Graph create body (v1.0 or beta, {@code graphApi}) and what a
 * reviewer needs to know.
 *
 * @param tenantObjectId the existing tenant policy (object ID, lower case) that the deploy script
 *     takes over in place on the first deployment, or null
 * @param graphApi the Graph version the body is validated against and deployed through ({@link
 *     GraphApi#V1} or {@link GraphApi#BETA})
 * @param betaFeatures what in the body only Graph beta has ({@link GraphApi#betaFeatures}): why a
 *     beta policy needs beta; empty for a v1.0 policy
 */
public record PlannedPolicy(
    String id,
    String fileStem,
    String name,
    String summary,
    boolean custom,
    Stage stage,
    ObjectNode body,
    List<AppliedExclusion> exclusions,
    List<String> namedLocationKeys,
    Recommendation recommendation,
    List<String> notes,
    String tenantObjectId,
    String graphApi,
    List<String> betaFeatures) {

  public PlannedPolicy {
    betaFeatures = List.copyOf(betaFeatures);
  }

  public boolean beta() {
    return GraphApi.BETA.equals(graphApi);
  }

  public String displayName() {
    return body.get("displayName").asString();
  }

  /**
   * One object a policy leaves out of its scope, with where the exclusion comes from and why.
   *
   * @param key the estate's key for the object (group, app, role key), or null
   * @param name its display name where the estate or a catalogue gives one, or null
   */
  public record AppliedExclusion(
      Kind kind, String id, String key, String name, String reason, Source source) {
    /** What is excluded; the JSON names are the lower-case words. */
    public enum Kind {
      USER("user"),
      GROUP("group"),
      ROLE("role"),
      APPLICATION("application");

      public final String json;

      Kind(String json) {
        this.json = json;
      }
    }

    /**
     * Why: break-glass (every user policy), a group's purpose, an exclusion written in the estate,
     * or a directory synchronisation account (conformance profile).
     */
    public enum Source {
      BREAK_GLASS("breakGlass"),
      PURPOSE("purpose"),
      ESTATE("estate"),
      /** A directory synchronisation account, excluded by object ID under a conformance profile. */
      DIRECTORY_SYNC("directorySync");

      public final String json;

      Source(String json) {
        this.json = json;
      }
    }

    /** For a reader: "group service-accounts "SG-Service-Accounts" (8c9d...)". */
    public String what() {
      StringBuilder b = new StringBuilder(kind.json).append(' ').append(key != null ? key : id);
      if (name != null && !name.equals(key)) {
        b.append(" \"").append(name).append('"');
      }
      if (key != null && !key.equals(id)) {
        b.append(" (").append(id).append(')');
      }
      return b.toString();
    }
  }
}
