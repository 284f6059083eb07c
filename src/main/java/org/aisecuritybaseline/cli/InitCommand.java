package org.aisecuritybaseline.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.aisecuritybaseline.diag.ConsoleText;
import org.aisecuritybaseline.init.AnswerCheck;
import org.aisecuritybaseline.init.AnswerCheck.Field;
import org.aisecuritybaseline.init.InitProject;
import org.aisecuritybaseline.init.InitProject.LabelAnswer;
import org.aisecuritybaseline.init.InitWriter;
import org.aisecuritybaseline.model.Capability;
import org.aisecuritybaseline.model.Licences;
import org.aisecuritybaseline.write.OutputWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Write a commented estate.yaml for a new tenant, with .gitignore, the estate schema and CI examples.",
      "Asks for what is not given as options (unless --yes); never overwrites an existing file without --force.",
      "Never writes through a symbolic link (DIR itself is taken as named); writes all files or none.",
      "Where to find IDs: the Microsoft Entra admin center (entra.microsoft.com) shows",
      "the tenant ID under Entra ID > Overview > Properties, and the Object ID of an",
      "account or group under Entra ID > Users (or Groups) > the object > Overview.",
      "Label GUIDs: Get-Label | Format-List Name,Guid in Security & Compliance PowerShell."
    })
public final class InitCommand implements Callable<Integer> {
  static final List<String> TIERS = List.of("starting-point", "enterprise", "specialized");
  private static final Prompter.Check NO_MORE = a -> Optional.empty();

  private final BufferedReader in;

  @Spec CommandSpec spec;

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

  static final class LicenceKeys extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    LicenceKeys() {
      super(Licences.get().keys());
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

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      InitWriter.check(dir, InitProject.FILES, force);
      InitWriter.write(dir, InitProject.files(answers(new Prompter(in, out))), force);
    } catch (Prompter.NoAnswer e) {
      err.println("baseline init: " + e.getMessage() + " (give it as an option, see --help)");
      err.flush();
      return ExitCodes.USAGE;
    } catch (OutputWriter.RefusedException e) {
      err.println(
          "baseline: cannot initialise "
              + ConsoleText.oneLine(dir.toString())
              + ": "
              + ConsoleText.oneLine(e.getMessage()));
      err.flush();
      return ExitCodes.INVALID_INPUT;
    }
    Path estate = dir.resolve("estate.yaml");
    out.println(
        "Wrote "
            + estate
            + ", "
            + dir.resolve(".gitignore")
            + ", "
            + dir.resolve("estate.schema.json")
            + " and "
            + dir.resolve("ci")
            + "/.");
    out.println("Its header says what generate writes from it. Next:");
    out.println("  baseline generate " + estate + " --out " + dir.resolve("out"));
    out.println(
        "  baseline plan " + estate + " --against " + dir.resolve("out") + " --detailed-exitcode");
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * Each answer is checked with the estate's rules when it is given, so the estate init writes
   * always validates: an option is refused (exit 64), a typed answer is asked again with the
   * reason.
   */
  private InitProject.Answers answers(Prompter p) throws IOException, Prompter.NoAnswer {
    String t =
        value(
            p,
            tenantId,
            "--tenant-id",
            "Tenant ID (directory ID)",
            null,
            Field.TENANT_ID,
            List.of());
    String domain =
        value(
            p,
            primaryDomain,
            "--primary-domain",
            "Primary domain (optional)",
            "",
            Field.PRIMARY_DOMAIN,
            List.of());
    List<String> lic =
        list(
            p,
            licences,
            "--licence",
            "Licences, comma-separated keys",
            licenceHelp(),
            "entraIdP1",
            Field.LICENCE,
            NO_MORE);
    List<String> bg =
        list(
            p,
            breakGlass,
            "--break-glass",
            "Break-glass account object IDs, comma-separated (two or more recommended)",
            List.of(sentence(Field.BREAK_GLASS_ACCOUNT.help())),
            null,
            Field.BREAK_GLASS_ACCOUNT,
            NO_MORE);
    List<String> bgGroups =
        list(
            p,
            breakGlassGroups,
            "--break-glass-group",
            "Break-glass group object IDs (optional)",
            List.of(),
            "",
            Field.BREAK_GLASS_GROUP,
            NO_MORE);
    String tr =
        value(
            p,
            tier,
            "--tier",
            "Tier (" + String.join(", ", TIERS) + ")",
            "starting-point",
            Field.TIER,
            List.of());
    String admins =
        value(
            p,
            adminGroup,
            "--admin-group",
            "Group of administrator accounts (optional)",
            "",
            Field.GROUP,
            bgGroups);
    String pilot =
        value(
            p,
            pilotGroup,
            "--pilot-group",
            "Group of pilot users (optional)",
            "",
            Field.GROUP,
            plus(bgGroups, admins));
    boolean needsSpecialized = tr.equals("specialized");
    String specialized =
        value(
            p,
            specializedGroup,
            "--specialized-group",
            "Group of users with highly sensitive data or roles"
                + (needsSpecialized ? "" : " (optional)"),
            needsSpecialized ? null : "",
            Field.GROUP,
            plus(bgGroups, admins, pilot));
    if (needsSpecialized && specialized.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "the specialized tier needs --specialized-group");
    }
    boolean in =
        flag(
            p,
            intune,
            "Does Intune manage your devices and apps?",
            tr.equals("enterprise") || tr.equals("specialized"));
    boolean m365 = flag(p, copilot, "Is Microsoft 365 Copilot in use or planned?", false);
    boolean sec = flag(p, securityCopilot, "Is Security Copilot in use?", false);
    List<LabelAnswer> labelAnswers = labelOptions();
    boolean dlpLicence =
        lic.stream().anyMatch(l -> Licences.get().grants(l).contains(Capability.PURVIEW_DLP));
    if (Boolean.FALSE.equals(purview) && !labelAnswers.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "sensitivity labels belong to the data section: drop --no-purview or the labels");
    }
    boolean pv =
        !labelAnswers.isEmpty()
            || flag(p, purview, "Protect data with Microsoft Purview DLP?", dlpLicence);
    if (pv && labels == null && highlySensitiveLabels == null && !yes) {
      labelAnswers = askLabels(p);
    }
    List<String> subs =
        new ArrayList<>(
            list(
                p,
                subscriptions,
                "--subscription",
                "Azure subscription IDs for Defender for Cloud (optional)",
                List.of(sentence(Field.SUBSCRIPTION.help())),
                "",
                Field.SUBSCRIPTION,
                NO_MORE));
    List<String> ai =
        subs.isEmpty() && aiSubscriptions == null
            ? List.of()
            : list(
                p,
                aiSubscriptions,
                "--ai-subscription",
                "Which of them host AI workloads (optional)",
                List.of(),
                "",
                Field.SUBSCRIPTION,
                a ->
                    subs.stream().anyMatch(s -> s.equalsIgnoreCase(a))
                        ? Optional.empty()
                        : Optional.of("'" + a + "' is not among the subscriptions given"));
    List<String> aws =
        list(
            p,
            awsAccounts,
            "--aws-account",
            "AWS account IDs to onboard (optional)",
            List.of(),
            "",
            Field.AWS_ACCOUNT,
            NO_MORE);
    List<String> gcp =
        list(
            p,
            gcpProjects,
            "--gcp-project",
            "GCP projects as project-id:project-number (optional)",
            List.of(),
            "",
            Field.GCP_PROJECT,
            NO_MORE);
    boolean multicloud = !aws.isEmpty() || !gcp.isEmpty();
    if (multicloud && subs.isEmpty()) {
      if (yes || subscriptions != null) {
        throw new ParameterException(
            spec.commandLine(),
            "AWS and GCP connectors live in an Azure subscription: give --subscription too");
      }
      subs.add(
          value(
              p,
              null,
              "--subscription",
              "Azure subscription that holds the AWS and GCP connectors",
              null,
              Field.SUBSCRIPTION,
              List.of()));
    }
    boolean azure = !subs.isEmpty();
    String reg =
        azure
            ? value(
                p,
                region,
                "--region",
                "Azure region for deployments",
                "westeurope",
                Field.REGION,
                List.of())
            : "westeurope";
    String rg =
        multicloud
            ? value(
                p,
                connectorResourceGroup,
                "--connector-resource-group",
                "Resource group for the connectors",
                "rg-mdc-multicloud",
                Field.RESOURCE_GROUP,
                List.of())
            : "rg-mdc-multicloud";
    return new InitProject.Answers(
        tr,
        t,
        domain,
        lic,
        bg,
        bgGroups,
        admins,
        pilot,
        specialized,
        in,
        m365,
        sec,
        pv,
        labelAnswers,
        List.copyOf(subs),
        ai,
        reg,
        rg,
        aws,
        gcp);
  }

  /** Help text as a sentence: capitalised, with a full stop. */
  private static String sentence(String help) {
    return help.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + help.substring(1) + ".";
  }

  private static List<String> licenceHelp() {
    return Licences.get().all().stream().map(l -> "  " + l.key() + ": " + l.name()).toList();
  }

  /** The labels given as options, each checked after the ones before it (both options together). */
  private List<LabelAnswer> labelOptions() {
    List<LabelAnswer> out = new ArrayList<>();
    List<String> before = new ArrayList<>();
    for (boolean sensitive : List.of(true, false)) {
      List<String> given = sensitive ? highlySensitiveLabels : labels;
      for (String l : given == null ? List.<String>of() : given) {
        check(
            sensitive ? "--highly-sensitive-label" : "--label",
            l,
            a -> AnswerCheck.check(Field.LABEL, a, before));
        before.add(l);
        out.add(label(l, sensitive));
      }
    }
    return out;
  }

  /**
   * Asks for labels one at a time until an empty answer, then for each whether Copilot must not
   * process it.
   */
  private List<LabelAnswer> askLabels(Prompter p) throws IOException, Prompter.NoAnswer {
    p.say("Sensitivity labels: " + Field.LABEL.help() + ".");
    List<LabelAnswer> out = new ArrayList<>();
    List<String> before = new ArrayList<>();
    while (true) {
      String l =
          p.ask(
              "Sensitivity label as name=GUID (empty when done)",
              "",
              a -> AnswerCheck.check(Field.LABEL, a, before));
      if (l.isEmpty()) {
        return out;
      }
      String name = AnswerCheck.parts(Field.LABEL, l).get(0);
      boolean sensitive =
          p.confirm(
              "Is '"
                  + name
                  + "' highly sensitive, so that Microsoft 365 Copilot must not process it?",
              false);
      before.add(l);
      out.add(label(l, sensitive));
    }
  }

  private static LabelAnswer label(String given, boolean highlySensitive) {
    List<String> parts = AnswerCheck.parts(Field.LABEL, given);
    return new LabelAnswer(parts.get(0), parts.get(1), highlySensitive);
  }

  private String value(
      Prompter p,
      String given,
      String option,
      String question,
      String fallback,
      Field field,
      List<String> before)
      throws IOException, Prompter.NoAnswer {
    Prompter.Check check = a -> AnswerCheck.check(field, a, before);
    if (given != null) {
      check(option, given, check);
      return given;
    }
    if (yes) {
      if (fallback == null) {
        throw new ParameterException(
            spec.commandLine(), "missing " + option + " (required with --yes)");
      }
      return fallback;
    }
    if (!field.help().isEmpty()) {
      p.say(sentence(field.help()));
    }
    return p.ask(
        question,
        fallback,
        a -> a.isEmpty() ? Optional.of("an answer is required") : check.apply(a));
  }

  /**
   * A list answer: each item is checked with the estate's rules after the items before it, then
   * with {@code also}.
   */
  private List<String> list(
      Prompter p,
      List<String> given,
      String option,
      String question,
      List<String> help,
      String fallback,
      Field field,
      Prompter.Check also)
      throws IOException, Prompter.NoAnswer {
    if (given != null && !given.isEmpty()) {
      for (int i = 0; i < given.size(); i++) {
        check(option, given.get(i), item(field, given.subList(0, i), also));
      }
      return List.copyOf(given);
    }
    if (yes) {
      if (fallback == null) {
        throw new ParameterException(
            spec.commandLine(), "missing " + option + " (required with --yes)");
      }
      return split(fallback);
    }
    Prompter.Check all =
        a -> {
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
    help.forEach(p::say);
    return split(p.ask(question, fallback, all));
  }

  private static Prompter.Check item(Field field, List<String> before, Prompter.Check also) {
    return a -> AnswerCheck.check(field, a, before).or(() -> also.apply(a));
  }

  /**
   * The answers given so far that another purpose may not reuse: the list, plus each non-empty
   * single answer.
   */
  private static List<String> plus(List<String> list, String... answers) {
    List<String> all = new ArrayList<>(list);
    Arrays.stream(answers).filter(a -> !a.isEmpty()).forEach(all::add);
    return all;
  }

  private boolean flag(Prompter p, Boolean given, String question, boolean fallback)
      throws IOException, Prompter.NoAnswer {
    if (given != null) {
      return given;
    }
    return yes ? fallback : p.confirm(question, fallback);
  }

  private void check(String option, String value, Prompter.Check check) {
    check
        .apply(value)
        .ifPresent(
            problem -> {
              throw new ParameterException(
                  spec.commandLine(), option + " '" + value + "': " + problem);
            });
  }

  private static List<String> split(String s) {
    return Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
  }
}
