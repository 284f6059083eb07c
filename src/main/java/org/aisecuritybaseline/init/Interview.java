package org.aisecuritybaseline.init;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.aisecuritybaseline.init.AnswerCheck.Field;
import org.aisecuritybaseline.init.InitProject.LabelAnswer;
import org.aisecuritybaseline.model.Capability;
import org.aisecuritybaseline.model.Licences;

/**
 * {@code baseline init}'s interview: what the command line gave, and for the rest a question (or,
 * with {@code --yes}, the default), turned into the answers {@link InitProject} writes. Each answer
 * is checked with the estate's rules ({@link AnswerCheck}) when it is given, so the estate init
 * writes always validates: an option's value is refused ({@link Refused}), a typed answer is asked
 * again with the reason.
 */
public final class Interview {
  /** The tiers {@code --tier} takes, in the order the question lists them. */
  public static final List<String> TIERS = List.of("starting-point", "enterprise", "specialized");

  private static final Prompter.Check NO_MORE = a -> Optional.empty();

  /**
   * What was given on the command line, each null where its option was not given; {@code yes} asks
   * nothing and takes the defaults.
   */
  public record Given(
      String tenantId,
      String primaryDomain,
      List<String> licences,
      List<String> breakGlass,
      List<String> breakGlassGroups,
      String adminGroup,
      String pilotGroup,
      String specializedGroup,
      Boolean intune,
      Boolean copilot,
      Boolean securityCopilot,
      Boolean purview,
      List<String> labels,
      List<String> highlySensitiveLabels,
      List<String> subscriptions,
      List<String> aiSubscriptions,
      List<String> awsAccounts,
      List<String> gcpProjects,
      String region,
      String connectorResourceGroup,
      String tier,
      boolean yes) {}

  /**
   * What was given on the command line cannot be used: a value fails its check, a value required
   * with {@code --yes} is missing, or two options contradict each other. The message is the whole
   * usage error; {@link #option()} names the option to change.
   */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    private final String option;

    Refused(String option, String message) {
      super(message);
      this.option = option;
    }

    /** The option to change, such as {@code --tenant-id}. */
    public String option() {
      return option;
    }
  }

  private final Given options;

  private Interview(Given options) {
    this.options = options;
  }

  /**
   * The answers: the options given, checked in the order of the questions, and {@code p} asked for
   * the rest (nothing is asked with {@code --yes}).
   *
   * @throws Refused what the command line gave cannot be used (a value, a missing one, a conflict)
   * @throws Prompter.NoAnswer standard input ended before a required answer
   */
  public static InitProject.Answers answers(Given options, Prompter p)
      throws IOException, Prompter.NoAnswer, Refused {
    return new Interview(options).ask(p);
  }

  private InitProject.Answers ask(Prompter p) throws IOException, Prompter.NoAnswer, Refused {
    String t =
        value(
            p,
            options.tenantId(),
            "--tenant-id",
            "Tenant ID (directory ID)",
            null,
            Field.TENANT_ID,
            List.of());
    String domain =
        value(
            p,
            options.primaryDomain(),
            "--primary-domain",
            "Primary domain (optional)",
            "",
            Field.PRIMARY_DOMAIN,
            List.of());
    List<String> lic =
        list(
            p,
            options.licences(),
            "--licence",
            "Licences, comma-separated keys",
            licenceHelp(),
            "entraIdP1",
            Field.LICENCE,
            NO_MORE);
    List<String> bg =
        list(
            p,
            options.breakGlass(),
            "--break-glass",
            "Break-glass account object IDs, comma-separated (two or more recommended)",
            List.of(sentence(Field.BREAK_GLASS_ACCOUNT.help())),
            null,
            Field.BREAK_GLASS_ACCOUNT,
            NO_MORE);
    List<String> bgGroups =
        list(
            p,
            options.breakGlassGroups(),
            "--break-glass-group",
            "Break-glass group object IDs (optional)",
            List.of(),
            "",
            Field.BREAK_GLASS_GROUP,
            NO_MORE);
    String tr =
        value(
            p,
            options.tier(),
            "--tier",
            "Tier (" + String.join(", ", TIERS) + ")",
            "starting-point",
            Field.TIER,
            List.of());
    String admins =
        value(
            p,
            options.adminGroup(),
            "--admin-group",
            "Group of administrator accounts (optional)",
            "",
            Field.GROUP,
            bgGroups);
    String pilot =
        value(
            p,
            options.pilotGroup(),
            "--pilot-group",
            "Group of pilot users (optional)",
            "",
            Field.GROUP,
            plus(bgGroups, admins));
    boolean needsSpecialized = tr.equals("specialized");
    String specialized =
        value(
            p,
            options.specializedGroup(),
            "--specialized-group",
            "Group of users with highly sensitive data or roles"
                + (needsSpecialized ? "" : " (optional)"),
            needsSpecialized ? null : "",
            Field.GROUP,
            plus(bgGroups, admins, pilot));
    if (needsSpecialized && specialized.isEmpty()) {
      throw new Refused("--specialized-group", "the specialized tier needs --specialized-group");
    }
    boolean in =
        flag(
            p,
            options.intune(),
            "Does Intune manage your devices and apps?",
            tr.equals("enterprise") || tr.equals("specialized"));
    boolean m365 = flag(p, options.copilot(), "Is Microsoft 365 Copilot in use or planned?", false);
    boolean sec = flag(p, options.securityCopilot(), "Is Security Copilot in use?", false);
    List<LabelAnswer> labelAnswers = labelOptions();
    boolean dlpLicence =
        lic.stream().anyMatch(l -> Licences.get().grants(l).contains(Capability.PURVIEW_DLP));
    if (Boolean.FALSE.equals(options.purview()) && !labelAnswers.isEmpty()) {
      throw new Refused(
          "--no-purview",
          "sensitivity labels belong to the data section: drop --no-purview or the labels");
    }
    boolean pv =
        !labelAnswers.isEmpty()
            || flag(p, options.purview(), "Protect data with Microsoft Purview DLP?", dlpLicence);
    if (pv
        && options.labels() == null
        && options.highlySensitiveLabels() == null
        && !options.yes()) {
      labelAnswers = askLabels(p);
    }
    List<String> subs =
        new ArrayList<>(
            list(
                p,
                options.subscriptions(),
                "--subscription",
                "Azure subscription IDs for Defender for Cloud (optional)",
                List.of(sentence(Field.SUBSCRIPTION.help())),
                "",
                Field.SUBSCRIPTION,
                NO_MORE));
    List<String> ai =
        subs.isEmpty() && options.aiSubscriptions() == null
            ? List.of()
            : list(
                p,
                options.aiSubscriptions(),
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
            options.awsAccounts(),
            "--aws-account",
            "AWS account IDs to onboard (optional)",
            List.of(),
            "",
            Field.AWS_ACCOUNT,
            NO_MORE);
    List<String> gcp =
        list(
            p,
            options.gcpProjects(),
            "--gcp-project",
            "GCP projects as project-id:project-number (optional)",
            List.of(),
            "",
            Field.GCP_PROJECT,
            NO_MORE);
    boolean multicloud = !aws.isEmpty() || !gcp.isEmpty();
    if (multicloud && subs.isEmpty()) {
      if (options.yes() || options.subscriptions() != null) {
        throw new Refused(
            "--subscription",
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
                options.region(),
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
                options.connectorResourceGroup(),
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
    return help.substring(0, 1).toUpperCase(Locale.ROOT) + help.substring(1) + ".";
  }

  private static List<String> licenceHelp() {
    return Licences.get().all().stream().map(l -> "  " + l.key() + ": " + l.name()).toList();
  }

  /** The labels given as options, each checked after the ones before it (both options together). */
  private List<LabelAnswer> labelOptions() throws Refused {
    List<LabelAnswer> out = new ArrayList<>();
    List<String> before = new ArrayList<>();
    for (boolean sensitive : List.of(true, false)) {
      List<String> listed = sensitive ? options.highlySensitiveLabels() : options.labels();
      for (String l : listed == null ? List.<String>of() : listed) {
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
      throws IOException, Prompter.NoAnswer, Refused {
    Prompter.Check check = a -> AnswerCheck.check(field, a, before);
    if (given != null) {
      check(option, given, check);
      return given;
    }
    if (options.yes()) {
      if (fallback == null) {
        throw new Refused(option, "missing " + option + " (required with --yes)");
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
      throws IOException, Prompter.NoAnswer, Refused {
    if (given != null && !given.isEmpty()) {
      for (int i = 0; i < given.size(); i++) {
        check(option, given.get(i), item(field, given.subList(0, i), also));
      }
      return List.copyOf(given);
    }
    if (options.yes()) {
      if (fallback == null) {
        throw new Refused(option, "missing " + option + " (required with --yes)");
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
    return options.yes() ? fallback : p.confirm(question, fallback);
  }

  /** An option's value that fails {@code check} is refused, as the option it came from. */
  private static void check(String option, String value, Prompter.Check check) throws Refused {
    Optional<String> problem = check.apply(value);
    if (problem.isPresent()) {
      throw new Refused(option, option + " '" + value + "': " + problem.get());
    }
  }

  private static List<String> split(String s) {
    return Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
  }
}
