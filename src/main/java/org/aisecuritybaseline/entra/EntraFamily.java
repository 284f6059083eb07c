package org.aisecuritybaseline.entra;

import java.util.ArrayList;
import java.util.List;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.diag.Finding;
import org.aisecuritybaseline.family.Explanation;
import org.aisecuritybaseline.family.Family;
import org.aisecuritybaseline.family.ReadmePart;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.validate.Schemas;
import org.aisecuritybaseline.validate.Sections;

/** Identity and device access: Microsoft Entra Conditional Access policies and named locations. */
public final class EntraFamily implements Family<Expansion> {
  public static final Info INFO =
      new Info(
          "identity",
          "Identity and device access",
          ConditionalAccessRenderer.DIR,
          "Conditional Access");

  /** Conditional Access policies a tenant may have (Microsoft enforces 195). */
  public static final int POLICY_LIMIT = 195;

  private final Catalogue catalogue;

  public EntraFamily(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  @Override
  public Info info() {
    return INFO;
  }

  @Override
  public void preload() {
    Schemas.graph();
    DirectoryRoleCatalogue.get();
    FirstPartyApps.get();
    GraphValueForms.covers("");
    MicrosoftManaged.source();
  }

  @Override
  public List<String> templates() {
    return List.of(ConditionalAccessRenderer.SCRIPT_TEMPLATE, EntraReadme.TEMPLATE);
  }

  @Override
  public List<Finding> check(Estate estate, Sections sections) {
    return SemanticCheck.check(estate, catalogue, Schemas.graph(), sections);
  }

  @Override
  public Expansion expand(Estate estate) {
    Expansion expansion = Expander.expand(estate, catalogue);
    int total = expansion.policies().size() + estate.tenant().unmanagedPolicyCount();
    if (total <= POLICY_LIMIT) {
      return expansion;
    }
    List<Finding> findings = new ArrayList<>(expansion.findings());
    findings.add(
        Finding.error(
            Code.E304,
            "/tenant",
            "this estate generates "
                + expansion.policies().size()
                + " policies; with "
                + estate.tenant().unmanagedPolicyCount()
                + " unmanaged ones the tenant would hold "
                + total
                + ", over the limit of "
                + POLICY_LIMIT
                + ". Skip or merge policies."));
    return new Expansion(
        expansion.policies(),
        expansion.leftOut(),
        expansion.limitations(),
        List.copyOf(findings),
        expansion.conformance());
  }

  @Override
  public List<Artifact> render(Estate estate, Expansion result) {
    return ConditionalAccessRenderer.render(estate, result.policies());
  }

  @Override
  public ReadmePart readme(Estate estate, Expansion result) {
    return EntraReadme.of(estate, result);
  }

  @Override
  public List<String> counts(Estate estate, Expansion result) {
    int n = result.policies().size();
    long beta = result.policies().stream().filter(PlannedPolicy::beta).count();
    return List.of(
        n
            + (n == 1 ? " Conditional Access policy" : " Conditional Access policies")
            + (beta == 0 ? "" : " (" + beta + " through Graph beta)"));
  }

  @Override
  public List<String> explainIds() {
    return catalogue.all().stream().map(PolicyTemplate::id).toList();
  }

  @Override
  public java.util.Optional<Explanation> explain(
      String id, String label, Estate estate, Expansion result) {
    return catalogue.get(id).map(t -> EntraExplain.of(t, label, estate, result));
  }
}
