package org.aisecuritybaseline.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.aisecuritybaseline.init.Interview;
import org.aisecuritybaseline.model.Licences;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baseline init}'s arguments, mixed into {@link InitCommand}: declarations only, and what
 * they give the interview.
 */
final class InitOptions {
  @Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = ".",
      paramLabel = "DIR",
      description = "Where to write (default: here).")
  Path dir;

  @Option(
      names = "--tenant-id",
      paramLabel = "GUID",
      description = "Microsoft Entra tenant ID (Entra ID > Overview > Properties).")
  String tenantId;

  @Option(
      names = "--primary-domain",
      paramLabel = "DOMAIN",
      description = "Primary domain, such as contoso.onmicrosoft.com.")
  String primaryDomain;

  @Option(
      names = "--licence",
      paramLabel = "LICENCE",
      split = ",",
      description = "Licences (repeat or comma-separate): ${COMPLETION-CANDIDATES}.",
      completionCandidates = LicenceKeys.class)
  List<String> licences;

  @Option(
      names = "--break-glass",
      paramLabel = "GUID",
      split = ",",
      description = "Object IDs of break-glass accounts (two or more recommended).")
  List<String> breakGlass;

  @Option(
      names = "--break-glass-group",
      paramLabel = "GUID",
      split = ",",
      description = "Object IDs of break-glass groups.")
  List<String> breakGlassGroups;

  @Option(
      names = "--admin-group",
      paramLabel = "GUID",
      description = "Group of administrator accounts.")
  String adminGroup;

  @Option(
      names = "--pilot-group",
      paramLabel = "GUID",
      description = "Group of pilot users for staged rollout.")
  String pilotGroup;

  @Option(
      names = "--specialized-group",
      paramLabel = "GUID",
      description = "Group of users with highly sensitive data or roles (specialized tier).")
  String specializedGroup;

  @Option(names = "--intune", negatable = true, description = "Intune manages devices and apps.")
  Boolean intune;

  @Option(
      names = "--copilot",
      negatable = true,
      description = "Microsoft 365 Copilot is in use or planned.")
  Boolean copilot;

  @Option(
      names = "--security-copilot",
      negatable = true,
      description = "Security Copilot is in use.")
  Boolean securityCopilot;

  @Option(
      names = "--purview",
      negatable = true,
      description =
          "Protect data with Purview DLP (adds the data section; default: when a licence has Purview DLP or a label is given).")
  Boolean purview;

  @Option(
      names = "--label",
      paramLabel = "NAME=GUID",
      description = "A sensitivity label of the tenant (repeat for more).")
  List<String> labels;

  @Option(
      names = "--highly-sensitive-label",
      paramLabel = "NAME=GUID",
      description =
          "A sensitivity label whose content Microsoft 365 Copilot must not process (DLP001; repeat for more).")
  List<String> highlySensitiveLabels;

  @Option(
      names = "--subscription",
      paramLabel = "GUID",
      split = ",",
      description = "Azure subscriptions to protect with Defender for Cloud.")
  List<String> subscriptions;

  @Option(
      names = "--ai-subscription",
      paramLabel = "GUID",
      split = ",",
      description = "Azure subscriptions that host AI workloads.")
  List<String> aiSubscriptions;

  @Option(
      names = "--aws-account",
      paramLabel = "ID",
      split = ",",
      description = "AWS account IDs to onboard.")
  List<String> awsAccounts;

  @Option(
      names = "--gcp-project",
      paramLabel = "ID:NUMBER",
      split = ",",
      description = "GCP projects to onboard, as project-id:project-number.")
  List<String> gcpProjects;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "Azure region for deployments and connectors (default westeurope).")
  String region;

  @Option(
      names = "--connector-resource-group",
      paramLabel = "NAME",
      description = "Resource group for AWS/GCP connectors (default rg-mdc-multicloud).")
  String connectorResourceGroup;

  @Option(
      names = "--tier",
      paramLabel = "TIER",
      description = "Preset: ${COMPLETION-CANDIDATES} (default starting-point).",
      completionCandidates = Tiers.class)
  String tier;

  @Option(
      names = {"-y", "--yes"},
      description = "Ask nothing: take the options given and the defaults.")
  boolean yes;

  @Option(
      names = "--force",
      description = "Overwrite files that already exist (regular files only).")
  boolean force;

  /**
   * The licence keys, read only when picocli lists them (help, completion): picocli creates this
   * object for every run, and the licence catalogue is not needed to start any other command.
   */
  static final class LicenceKeys implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Licences.get().keys().iterator();
    }
  }

  static final class Tiers extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Tiers() {
      super(Interview.TIERS);
    }
  }

  /** What the command line gave the interview (null where an option is not given). */
  Interview.Given given() {
    return new Interview.Given(
        tenantId,
        primaryDomain,
        licences,
        breakGlass,
        breakGlassGroups,
        adminGroup,
        pilotGroup,
        specializedGroup,
        intune,
        copilot,
        securityCopilot,
        purview,
        labels,
        highlySensitiveLabels,
        subscriptions,
        aiSubscriptions,
        awsAccounts,
        gcpProjects,
        region,
        connectorResourceGroup,
        tier,
        yes);
  }
}
