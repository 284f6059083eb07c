package org.aisecuritybaseline.plan;

import java.util.List;
import org.aisecuritybaseline.family.Family;

/** The difference between an existing output and what the estate generates now. */
public record Plan(
    String before,
    String after,
    List<FamilySummary> families,
    List<Highlight> highlights,
    List<FileChange> files,
    Tenant tenant) {

  public static final int FORMAT_VERSION = 1;

  /** Files of no family: the output's README, deploy-all.ps1 and manifest.json. */
  public static final Family.Info OTHER =
      new Family.Info("other", "Output docs and manifest", "", "files");

  public boolean hasChanges() {
    return !files.isEmpty()
        || (tenant != null
            && tenant.objects().stream().anyMatch(o -> o.action() != TenantAction.UNCHANGED));
  }

  /** The same plan, compared with a tenant snapshot: what deploying would do there. */
  Plan with(Tenant tenant) {
    return new Plan(before, after, families, highlights, files, tenant);
  }

  /**
   * A plan against a tenant snapshot (plan --against-tenant): every object the estate deploys and
   * what deploying does to it in the tenant, the tenant's policies that deploying leaves alone
   * (never deleted), Microsoft-managed policies with their overlaps, and what was not compared.
   */
  public record Tenant(
      String tenantId,
      String exportedAt,
      List<TenantObjectChange> objects,
      List<LeftAlone> leftAlone,
      List<String> notes) {}

  /** One deployable object of the estate and what deploying does to its tenant counterpart. */
  public record TenantObjectChange(
      String id, String kind, TenantAction action, String tenantObjectId, String path) {}

  /**
   * A tenant policy the deployment does not touch: unmanaged, Microsoft-managed (with the baseline
   * IDs it overlaps and a warning), or managed by this tool but no longer in the estate.
   */
  public record LeftAlone(
      String tenantObjectId,
      String displayName,
      String state,
      String why,
      List<String> overlaps,
      String warning) {}

  /** What deploying does to one object in the tenant. */
  public enum TenantAction {
    CREATE("create", "+"),
    UPDATE("update", "~"),
    ADOPT("adopt", "&"),
    UNCHANGED("unchanged", "=");

    private final String key;
    private final String symbol;

    TenantAction(String key, String symbol) {
      this.key = key;
      this.symbol = symbol;
    }

    public String key() {
      return key;
    }

    public String symbol() {
      return symbol;
    }
  }

  /**
   * Objects (policies, named locations, subscriptions, connectors) of one family to add, change or
   * remove; for {@link #OTHER}, the files themselves (the output's README, manifest.json).
   */
  public record FamilySummary(
      Family.Info family, int added, int changed, int removed, List<ObjectChange> objects) {}

  public record ObjectChange(String id, String kind, Action action, String path) {}

  /**
   * A change a reviewer must not miss, computed from the configuration, not from text. The same
   * change in several objects is one highlight: {@code objects} lists them (one for most
   * highlights), and {@code id} is then what they share (an account, a group) or their count.
   */
  public record Highlight(
      Severity severity,
      Family.Info family,
      Kind kind,
      String id,
      String reason,
      List<String> objects) {}

  /** What kind of change a highlight is, for summaries by kind. */
  public enum Kind {
    BREAK_GLASS("break-glass", "Break-glass account or group no longer declared or excluded"),
    ENFORCED("enforced", "Enforcement starts or widens"),
    DISABLED("disabled", "Policy disabled"),
    GRANT_WEAKENED("grant-weakened", "Weaker grant"),
    TRUSTED_LOCATION("trusted-location", "Trusted named location added or widened"),
    EXCLUSION_ADDED("exclusion-added", "New exclusion or exception"),
    NOT_ENFORCED("not-enforced", "Enforcement stops"),
    SCOPE_WIDENED("scope-widened", "Scope widened"),
    SCOPE_NARROWED("scope-narrowed", "Scope narrowed"),
    PROTECTION_REDUCED(
        "protection-reduced", "Protection reduced (Defender plans, label encryption or markings)"),
    NOT_GENERATED("not-generated", "No longer generated (stays in the tenant)");

    private final String key;
    private final String label;

    Kind(String key, String label) {
      this.key = key;
      this.label = label;
    }

    public String key() {
      return key;
    }

    public String label() {
      return label;
    }
  }

  /**
   * One changed file: its structural changes for JSON, a unified diff for text; for a new or
   * removed object (a policy, a named location, a subscription), what it is, as facts.
   */
  public record FileChange(
      String path,
      Action action,
      Family.Info family,
      List<JsonDiff.Change> changes,
      String diff,
      List<Fact> facts) {}

  /** One setting of a new or removed object, in words: "Users", "include all users". */
  public record Fact(String label, String value) {}

  public enum Action {
    ADD("add", "+"),
    CHANGE("change", "~"),
    REMOVE("remove", "-");

    private final String key;
    private final String symbol;

    Action(String key, String symbol) {
      this.key = key;
      this.symbol = symbol;
    }

    public String key() {
      return key;
    }

    public String symbol() {
      return symbol;
    }
  }

  public enum Severity {
    HIGH("high"),
    MEDIUM("medium");

    private final String key;

    Severity(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }
}
