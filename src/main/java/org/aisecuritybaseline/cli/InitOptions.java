package org.aisecuritybaseline.cli;

import java.nio.file.Path;
import java.util.List;
import org.aisecuritybaseline.init.Interview;
import org.aisecuritybaseline.model.Licences;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code baseline init}'s arguments, added to {@link InitCommand}'s command line: declarations
 * only, and what they give the interview.
 */
final class InitOptions {
  /** Adds the options to {@code spec}, bound to {@code o}. */
  static void addTo(CommandSpec spec, InitOptions o) {
    spec.addPositional(
        Args.positional("0", Path.class, v -> o.dir = v, "DIR", "Where to write (default: here).")
            .arity("0..1")
            .required(false)
            .defaultValue(".")
            .build());
    spec.addOption(
        Args.option(String.class, v -> o.tenantId = v, "--tenant-id")
            .paramLabel("GUID")
            .description("Microsoft Entra tenant ID (Entra ID > Overview > Properties).")
            .build());
    spec.addOption(
        Args.option(String.class, v -> o.primaryDomain = v, "--primary-domain")
            .paramLabel("DOMAIN")
            .description("Primary domain, such as contoso.onmicrosoft.com.")
            .build());
    spec.addOption(
        Args.list(String.class, v -> o.licences = v, "--licence")
            .paramLabel("LICENCE")
            .splitRegex(",")
            .description("Licences (repeat or comma-separate): ${COMPLETION-CANDIDATES}.")
            .completionCandidates(new LicenceKeys())
            .build());
    spec.addOption(
        Args.list(String.class, v -> o.breakGlass = v, "--break-glass")
            .paramLabel("GUID")
            .splitRegex(",")
            .description("Object IDs of break-glass accounts (two or more recommended).")
            .build());
    spec.addOption(
        Args.list(String.class, v -> o.breakGlassGroups = v, "--break-glass-group")
            .paramLabel("GUID")
            .splitRegex(",")
            .description("Object IDs of break-glass groups.")
            .build());
    spec.addOption(
        Args.option(String.class, v -> o.adminGroup = v, "--admin-group")
            .paramLabel("GUID")
            .description("Group of administrator accounts.")
            .build());
    spec.addOption(
        Args.option(String.class, v -> o.pilotGroup = v, "--pilot-group")
            .paramLabel("GUID")
            .description("Group of pilot users for staged rollout.")
            .build());
    spec.addOption(
        Args.option(String.class, v -> o.specializedGroup = v, "--specialized-group")
            .paramLabel("GUID")
            .description("Group of users with highly sensitive data or roles (specialized tier).")
            .build());
    spec.addOption(
        Args.option(Boolean.class, v -> o.intune = v, "--intune")
            .negatable(true)
            .description("Intune manages devices and apps.")
            .build());
    spec.addOption(
        Args.option(Boolean.class, v -> o.copilot = v, "--copilot")
            .negatable(true)
            .description("Microsoft 365 Copilot is in use or planned.")
            .build());
    spec.addOption(
        Args.option(Boolean.class, v -> o.securityCopilot = v, "--security-copilot")
            .negatable(true)
            .description("Security Copilot is in use.")
            .build());
    spec.addOption(
        Args.option(Boolean.class, v -> o.purview = v, "--purview")
            .negatable(true)
            .description(
                "Protect data with Purview DLP (adds the data section; default: when a licence has Purview DLP or a label is given).")
            .build());
    spec.addOption(
        Args.list(String.class, v -> o.labels = v, "--label")
            .paramLabel("NAME=GUID")
            .description("A sensitivity label of the tenant (repeat for more).")
            .build());
    spec.addOption(
        Args.list(String.class, v -> o.highlySensitiveLabels = v, "--highly-sensitive-label")
            .paramLabel("NAME=GUID")
            .description(
                "A sensitivity label whose content Microsoft 365 Copilot must not process (DLP001; repeat for more).")
            .build());
    spec.addOption(
        Args.list(String.class, v -> o.subscriptions = v, "--subscription")
            .paramLabel("GUID")
            .splitRegex(",")
            .description("Azure subscriptions to protect with Defender for Cloud.")
            .build());
    spec.addOption(
        Args.list(String.class, v -> o.aiSubscriptions = v, "--ai-subscription")
            .paramLabel("GUID")
            .splitRegex(",")
            .description("Azure subscriptions that host AI workloads.")
            .build());
    spec.addOption(
        Args.list(String.class, v -> o.awsAccounts = v, "--aws-account")
            .paramLabel("ID")
            .splitRegex(",")
            .description("AWS account IDs to onboard.")
            .build());
    spec.addOption(
        Args.list(String.class, v -> o.gcpProjects = v, "--gcp-project")
            .paramLabel("ID:NUMBER")
            .splitRegex(",")
            .description("GCP projects to onboard, as project-id:project-number.")
            .build());
    spec.addOption(
        Args.option(String.class, v -> o.region = v, "--region")
            .paramLabel("REGION")
            .description("Azure region for deployments and connectors (default westeurope).")
            .build());
    spec.addOption(
        Args.option(String.class, v -> o.connectorResourceGroup = v, "--connector-resource-group")
            .paramLabel("NAME")
            .description("Resource group for AWS/GCP connectors (default rg-mdc-multicloud).")
            .build());
    spec.addOption(
        Args.option(String.class, v -> o.tier = v, "--tier")
            .paramLabel("TIER")
            .description("Preset: ${COMPLETION-CANDIDATES} (default starting-point).")
            .completionCandidates(Interview.TIERS)
            .build());
    spec.addOption(
        Args.flag(
            v -> o.yes = v,
            "Ask nothing: take the options given and the defaults.",
            "-y",
            "--yes"));
    spec.addOption(
        Args.flag(
            v -> o.force = v,
            "Overwrite files that already exist (regular files only).",
            "--force"));
  }

  Path dir;

  String tenantId;

  String primaryDomain;

  List<String> licences;

  List<String> breakGlass;

  List<String> breakGlassGroups;

  String adminGroup;

  String pilotGroup;

  String specializedGroup;

  Boolean intune;

  Boolean copilot;

  Boolean securityCopilot;

  Boolean purview;

  List<String> labels;

  List<String> highlySensitiveLabels;

  List<String> subscriptions;

  List<String> aiSubscriptions;

  List<String> awsAccounts;

  List<String> gcpProjects;

  String region;

  String connectorResourceGroup;

  String tier;

  boolean yes;

  boolean force;

  /**
   * The licence keys, read only when picocli lists them (help, completion): the command line of
   * {@code init} holds this object, and the licence catalogue is not needed to start it.
   */
  static final class LicenceKeys implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Licences.get().keys().iterator();
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
