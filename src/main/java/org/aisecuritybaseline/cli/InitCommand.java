package org.aisecuritybaseline.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.aisecuritybaseline.Version;
import org.aisecuritybaseline.baseline.Catalogue;
import org.aisecuritybaseline.diag.ConsoleText;
import org.aisecuritybaseline.diag.DiagnosticFormatter;
import org.aisecuritybaseline.diag.Diagnostics;
import org.aisecuritybaseline.diag.SourceFile;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.render.Templates;
import org.aisecuritybaseline.validate.AnswerCheck;
import org.aisecuritybaseline.validate.AnswerCheck.Field;
import org.aisecuritybaseline.validate.EstateValidator;
import org.aisecuritybaseline.write.InitWriter;
import org.aisecuritybaseline.write.OutputWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Write a commented estate.yaml for a new tenant, with .gitignore, the estate schema and CI examples.",
      "Asks for what is not given as options (unless --yes); never overwrites an existing file without --force.",
      "Never writes through a symbolic link (DIR itself is taken as named); writes all files or none."
    })
public final class InitCommand implements Callable<Integer> {
  /** The licence keys, from data/licences.json (the estate schema lists the same). */
  static final List<String> LICENCES = org.aisecuritybaseline.model.Licences.get().keys();
  static final List<String> TIERS = List.of("starting-point", "enterprise", "specialized");
  /** The files init writes, relative to DIR; checked before anything is asked. */
  static final List<String> FILES = List.of("estate.yaml", ".gitignore", "estate.schema.json", "ci/README.md", "ci/github-actions.yml",
      "ci/azure-pipelines.yml");
  private static final Prompter.Check NO_MORE = a -> Optional.empty();

  private final BufferedReader in;

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "DIR", description = "Where to write (default: here).")
  Path dir;

  @Option(names = "--tenant-id", paramLabel = "GUID", description = "Microsoft Entra tenant ID.")
  String tenantId;

  @Option(names = "--primary-domain", paramLabel = "DOMAIN", description = "Primary domain, such as contoso.onmicrosoft.com.")
  String primaryDomain;

  @Option(names = "--licence", paramLabel = "LICENCE", split = ",", description = "Licences (repeat or comma-separate): ${COMPLETION-CANDIDATES}.",
      completionCandidates = Licences.class)
  List<String> licences;

  @Option(names = "--break-glass", paramLabel = "GUID", split = ",", description = "Object IDs of break-glass accounts (two or more recommended).")
  List<String> breakGlass;

  @Option(names = "--break-glass-group", paramLabel = "GUID", split = ",", description = "Object IDs of break-glass groups.")
  List<String> breakGlassGroups;

  @Option(names = "--admin-group", paramLabel = "GUID", description = "Group of administrator accounts.")
  String adminGroup;

  @Option(names = "--pilot-group", paramLabel = "GUID", description = "Group of pilot users for staged rollout.")
  String pilotGroup;

  @Option(names = "--specialized-group", paramLabel = "GUID", description = "Group of users with highly sensitive data or roles (specialized tier).")
  String specializedGroup;

  @Option(names = "--intune", negatable = true, description = "Intune manages devices and apps.")
  Boolean intune;

  @Option(names = "--copilot", negatable = true, description = "Microsoft 365 Copilot is in use.")
  Boolean copilot;

  @Option(names = "--security-copilot", negatable = true, description = "Security Copilot is in use.")
  Boolean securityCopilot;

  @Option(names = "--purview", negatable = true, description = "Protect data with Purview DLP (adds the data section).")
  Boolean purview;

  @Option(names = "--subscription", paramLabel = "GUID", split = ",", description = "Azure subscriptions to protect with Defender for Cloud.")
  List<String> subscriptions;

  @Option(names = "--ai-subscription", paramLabel = "GUID", split = ",", description = "Azure subscriptions that host AI workloads.")
  List<String> aiSubscriptions;

  @Option(names = "--aws-account", paramLabel = "ID", split = ",", description = "AWS account IDs to onboard.")
  List<String> awsAccounts;

  @Option(names = "--gcp-project", paramLabel = "ID:NUMBER", split = ",", description = "GCP projects to onboard, as project-id:project-number.")
  List<String> gcpProjects;

  @Option(names = "--region", paramLabel = "REGION", description = "Azure region for deployments and connectors (default westeurope).")
  String region;

  @Option(names = "--connector-resource-group", paramLabel = "NAME", description = "Resource group for AWS/GCP connectors (default rg-mdc-multicloud).")
  String connectorResourceGroup;

  @Option(names = "--tier", paramLabel = "TIER", description = "Preset: ${COMPLETION-CANDIDATES} (default starting-point).", completionCandidates = Tiers.class)
  String tier;

  @Option(names = {"-y", "--yes"}, description = "Ask nothing: take the options given and the defaults.")
  boolean yes;

  @Option(names = "--force", description = "Overwrite files that already exist (regular files only).")
  boolean force;

  static final class Licences extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Licences() {
      super(LICENCES);
    }
  }

  static final class Tiers extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Tiers() {
      super(TIERS);
    }
  }

  InitCommand(BufferedReader in) {
    this.in = in;
  }

  /** The template's data model: only validated identifiers and values from our own data. */
  public record Model(String generatorVersion, String tier, String presetSummary, String tenantId, String primaryDomain,
      List<String> licences, List<String> breakGlassUsers, List<String> breakGlassGroups, List<Group> groups,
      boolean intune, boolean copilot, boolean securityCopilot, boolean purview, int highVolumeThreshold,
      List<String> defenderPlansOff, List<Subscription> subscriptions, String region, String connectorResourceGroup,
      List<String> awsAccounts, List<GcpProject> gcpProjects) {}

  public record Group(String key, String id, String name, String purpose) {}

  public record Subscription(String id, boolean ai) {}

  public record GcpProject(String projectId, String projectNumber) {}

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      InitWriter.check(dir, FILES, force);
      InitWriter.write(dir, files(answers(new Prompter(in, out))), force);
    } catch (Prompter.NoAnswer e) {
      err.println("baseline init: " + e.getMessage() + " (give it as an option, see --help)");
      err.flush();
      return ExitCodes.USAGE;
    } catch (OutputWriter.RefusedException e) {
      err.println("baseline: cannot initialise " + ConsoleText.oneLine(dir.toString()) + ": "
          + ConsoleText.oneLine(e.getMessage()));
      err.flush();
      return ExitCodes.INVALID_INPUT;
    }
    Path estate = dir.resolve("estate.yaml");
    out.println("Wrote " + estate + ", " + dir.resolve(".gitignore") + ", " + dir.resolve("estate.schema.json") + " and "
        + dir.resolve("ci") + "/.");
    out.println("Next:");
    out.println("  baseline generate " + estate + " --out " + dir.resolve("out"));
    out.println("  baseline plan " + estate + " --against " + dir.resolve("out") + " --detailed-exitcode");
    out.flush();
    return ExitCodes.OK;
  }

  private Model answers(Prompter p) throws IOException, Prompter.NoAnswer {
    String t = value(p, tenantId, "--tenant-id", "Tenant ID (directory ID)", null, Field.TENANT_ID, List.of());
    String domain = value(p, primaryDomain, "--primary-domain", "Primary domain (optional)", "", Field.PRIMARY_DOMAIN, List.of());
    List<String> lic = list(p, licences, "--licence", "Licences, comma-separated (" + String.join(", ", LICENCES) + ")", "entraIdP1",
        Field.LICENCE, NO_MORE);
    List<String> bg = list(p, breakGlass, "--break-glass", "Break-glass account object IDs, comma-separated (two or more recommended)", null,
        Field.BREAK_GLASS_ACCOUNT, NO_MORE);
    List<String> bgGroups = list(p, breakGlassGroups, "--break-glass-group", "Break-glass group object IDs (optional)", "",
        Field.BREAK_GLASS_GROUP, NO_MORE);
    String tr = value(p, tier, "--tier", "Tier (" + String.join(", ", TIERS) + ")", "starting-point", Field.TIER, List.of());
    String admins = value(p, adminGroup, "--admin-group", "Group of administrator accounts (optional)", "", Field.GROUP, List.of());
    String pilot = value(p, pilotGroup, "--pilot-group", "Group of pilot users (optional)", "", Field.GROUP, given(admins));
    boolean needsSpecialized = tr.equals("specialized");
    String specialized = value(p, specializedGroup, "--specialized-group",
        "Group of users with highly sensitive data or roles" + (needsSpecialized ? "" : " (optional)"), needsSpecialized ? null : "",
        Field.GROUP, given(admins, pilot));
    boolean in = flag(p, intune, "Does Intune manage your devices and apps?", tr.equals("enterprise") || tr.equals("specialized"));
    boolean m365 = flag(p, copilot, "Is Microsoft 365 Copilot in use?", false);
    boolean sec = flag(p, securityCopilot, "Is Security Copilot in use?", false);
    boolean pv = flag(p, purview, "Protect data with Microsoft Purview DLP?", false);
    List<String> subs = list(p, subscriptions, "--subscription", "Azure subscription IDs for Defender for Cloud (optional)", "",
        Field.SUBSCRIPTION, NO_MORE);
    List<String> ai = list(p, aiSubscriptions, "--ai-subscription", "Which of them host AI workloads (optional)", "", Field.SUBSCRIPTION,
        a -> subs.stream().anyMatch(s -> s.equalsIgnoreCase(a)) ? Optional.empty() : Optional.of("'" + a + "' is not among the subscriptions given"));
    List<String> aws = list(p, awsAccounts, "--aws-account", "AWS account IDs to onboard (optional)", "", Field.AWS_ACCOUNT, NO_MORE);
    List<String> gcp = list(p, gcpProjects, "--gcp-project", "GCP projects as project-id:project-number (optional)", "", Field.GCP_PROJECT,
        NO_MORE);
    boolean azure = !subs.isEmpty() || !aws.isEmpty() || !gcp.isEmpty();
    String reg = azure ? value(p, region, "--region", "Azure region for deployments", "westeurope", Field.REGION, List.of()) : "westeurope";
    String rg = !aws.isEmpty() || !gcp.isEmpty()
        ? value(p, connectorResourceGroup, "--connector-resource-group", "Resource group for the connectors", "rg-mdc-multicloud",
            Field.RESOURCE_GROUP, List.of())
        : "rg-mdc-multicloud";
    if ((!aws.isEmpty() || !gcp.isEmpty()) && subs.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "AWS and GCP connectors live in an Azure subscription: give --subscription too");
    }
    if (tr.equals("specialized") && specialized.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "the specialized tier needs --specialized-group");
    }
    List<Group> groups = new ArrayList<>();
    if (!admins.isEmpty()) {
      groups.add(new Group("admins", admins.toLowerCase(Locale.ROOT), "Administrator accounts", "admins"));
    }
    if (!pilot.isEmpty()) {
      groups.add(new Group("pilot", pilot.toLowerCase(Locale.ROOT), "Pilot users", "pilot"));
    }
    if (!specialized.isEmpty()) {
      groups.add(new Group("specialized", specialized.toLowerCase(Locale.ROOT), "Users with highly sensitive data or roles", "specialized"));
    }
    JsonNode preset = Json.parseResource("/data/presets.json").at("/presets/" + tr);
    List<Subscription> subscriptionList = subs.stream().map(s -> s.toLowerCase(Locale.ROOT)).distinct()
        .map(s -> new Subscription(s, ai.stream().anyMatch(a -> a.equalsIgnoreCase(s)))).toList();
    List<GcpProject> projects = gcp.stream().map(g -> new GcpProject(g.substring(0, g.indexOf(':')), g.substring(g.indexOf(':') + 1))).toList();
    return new Model(Version.VALUE, tr, preset.get("summary").asString(), t.toLowerCase(Locale.ROOT), domain.isEmpty() ? null : domain,
        lic.stream().distinct().toList(), lower(bg), lower(bgGroups), groups, in, m365, sec, pv,
        preset.get("highVolumeThreshold").asInt(), Json.strings(preset.get("defenderPlansOff")), subscriptionList, reg, rg,
        aws.stream().distinct().toList(), projects);
  }

  /** What init writes, in the order of {@link #FILES}. */
  private Map<String, byte[]> files(Model model) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    String estate = Templates.render("init/estate.yaml.ftl", model);
    selfCheck(estate);
    files.put("estate.yaml", estate.getBytes(StandardCharsets.UTF_8));
    files.put(".gitignore", Templates.render("init/gitignore.ftl", model).getBytes(StandardCharsets.UTF_8));
    files.put("estate.schema.json", Json.writeBytes(Json.parseResource(EstateValidator.ESTATE_SCHEMA)));
    for (String name : FILES.stream().filter(n -> n.startsWith("ci/")).toList()) {
      try (InputStream ci = InitCommand.class.getResourceAsStream("/init/" + name)) {
        if (ci == null) {
          throw new IllegalStateException("CI example missing from the build: " + name);
        }
        files.put(name, ci.readAllBytes());
      }
    }
    return files;
  }

  /** What init writes must validate; if not, it is a bug here, not the user's. */
  private static void selfCheck(String estate) {
    Diagnostics d = new Diagnostics();
    if (EstateValidator.validate(new SourceFile("estate.yaml", estate), Catalogue.builtIn(), d).isEmpty()) {
      StringBuilder b = new StringBuilder();
      d.sorted().forEach(x -> b.append(DiagnosticFormatter.format(x)));
      throw new IllegalStateException("init wrote an estate that does not validate:\n" + b);
    }
  }

  private String value(Prompter p, String given, String option, String question, String fallback, Field field, List<String> before)
      throws IOException, Prompter.NoAnswer {
    Prompter.Check check = a -> AnswerCheck.check(field, a, before);
    if (given != null) {
      check(option, given, check);
      return given;
    }
    if (yes) {
      if (fallback == null) {
        throw new ParameterException(spec.commandLine(), "missing " + option + " (required with --yes)");
      }
      return fallback;
    }
    return p.ask(question, fallback, a -> a.isEmpty() ? Optional.of("an answer is required") : check.apply(a));
  }

  /** A list answer: each item is checked with the estate's rules after the items before it, then with {@code also}. */
  private List<String> list(Prompter p, List<String> given, String option, String question, String fallback, Field field,
      Prompter.Check also) throws IOException, Prompter.NoAnswer {
    if (given != null && !given.isEmpty()) {
      for (int i = 0; i < given.size(); i++) {
        check(option, given.get(i), item(field, given.subList(0, i), also));
      }
      return List.copyOf(given);
    }
    if (yes) {
      if (fallback == null) {
        throw new ParameterException(spec.commandLine(), "missing " + option + " (required with --yes)");
      }
      return split(fallback);
    }
    Prompter.Check all = a -> {
      List<String> items = split(a);
      if (items.isEmpty()) {
        return Optional.of("an answer is required");
      }
      for (int i = 0; i < items.size(); i++) {
        Optional<String> problem = item(field, items.subList(0, i), also).apply(items.get(i));
        if (problem.isPresent()) {
          return problem;
        }
      }
      return Optional.empty();
    };
    return split(p.ask(question, fallback, all));
  }

  private static Prompter.Check item(Field field, List<String> before, Prompter.Check also) {
    return a -> AnswerCheck.check(field, a, before).or(() -> also.apply(a));
  }

  private static List<String> given(String... answers) {
    return Arrays.stream(answers).filter(a -> !a.isEmpty()).toList();
  }

  private boolean flag(Prompter p, Boolean given, String question, boolean fallback) throws IOException, Prompter.NoAnswer {
    if (given != null) {
      return given;
    }
    return yes ? fallback : p.confirm(question, fallback);
  }

  private void check(String option, String value, Prompter.Check check) {
    check.apply(value).ifPresent(problem -> {
      throw new ParameterException(spec.commandLine(), option + " '" + value + "': " + problem);
    });
  }

  private static List<String> split(String s) {
    return Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
  }

  private static List<String> lower(List<String> ids) {
    return ids.stream().map(i -> i.toLowerCase(Locale.ROOT)).distinct().toList();
  }
}
