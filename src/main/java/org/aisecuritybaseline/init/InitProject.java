package org.aisecuritybaseline.init;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.aisecuritybaseline.Version;
import org.aisecuritybaseline.diag.DiagnosticFormatter;
import org.aisecuritybaseline.diag.Diagnostics;
import org.aisecuritybaseline.diag.SourceFile;
import org.aisecuritybaseline.entra.Catalogue;
import org.aisecuritybaseline.entra.PlannedPolicy;
import org.aisecuritybaseline.family.LeftOut;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.pipeline.EstateValidator;
import org.aisecuritybaseline.purview.PlannedDlpPolicy;
import org.aisecuritybaseline.render.Templates;
import org.aisecuritybaseline.render.YamlText;
import org.aisecuritybaseline.validate.Schemas;
import tools.jackson.databind.JsonNode;

/**
 * The files {@code baseline init} writes for a new tenant, as a pure function of the answers: the
 * commented estate (whose header says what {@code generate} makes of it, computed from the estate
 * itself), the .gitignore, the estate schema and the CI examples. What init writes must validate;
 * if not, it is a bug here, not the user's.
 */
public final class InitProject {
  /** The files init writes, relative to the project directory. */
  public static final List<String> FILES =
      List.of(
          "estate.yaml",
          ".gitignore",
          "estate.schema.json",
          "ci/README.md",
          "ci/github-actions.yml",
          "ci/azure-pipelines.yml");

  private static final int WIDTH = 110;

  private InitProject() {}

  /**
   * The answers as init took them, each already accepted by {@code AnswerCheck}. Empty strings for
   * what was not given.
   */
  public record Answers(
      String tier,
      String tenantId,
      String primaryDomain,
      List<String> licences,
      List<String> breakGlassUsers,
      List<String> breakGlassGroups,
      String adminGroup,
      String pilotGroup,
      String specializedGroup,
      boolean intune,
      boolean copilot,
      boolean securityCopilot,
      boolean purview,
      List<LabelAnswer> labels,
      List<String> subscriptions,
      List<String> aiSubscriptions,
      String region,
      String connectorResourceGroup,
      List<String> awsAccounts,
      List<String> gcpProjects) {}

  /**
   * A sensitivity label as given: its name, its GUID, and whether Copilot must not process what
   * carries it.
   */
  public record LabelAnswer(String name, String id, boolean highlySensitive) {}

  /**
   * The template's data model: only validated identifiers, values from our own data, and
   * YAML-quoted text.
   */
  public record Model(
      String generatorVersion,
      String tier,
      List<String> header,
      String tenantId,
      String primaryDomain,
      List<String> licences,
      List<String> breakGlassUsers,
      List<String> breakGlassGroups,
      List<Group> groups,
      boolean intune,
      boolean copilot,
      boolean securityCopilot,
      boolean purview,
      List<Label> labels,
      int highVolumeThreshold,
      List<String> defenderPlansOff,
      List<Subscription> subscriptions,
      String region,
      String connectorResourceGroup,
      List<String> awsAccounts,
      List<GcpProject> gcpProjects) {}

  public record Group(String key, String id, String name, String purpose) {}

  /** {@code quotedName} is the name as a YAML double-quoted scalar. */
  public record Label(String key, String quotedName, String id, boolean highlySensitive) {}

  public record Subscription(String id, boolean ai) {}

  public record GcpProject(String projectId, String projectNumber) {}

  /** What init writes, in the order of {@link #FILES}. */
  public static Map<String, byte[]> files(Answers answers) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    Model model = model(answers, List.of());
    String estate = estate(model);
    files.put("estate.yaml", estate.getBytes(StandardCharsets.UTF_8));
    files.put(
        ".gitignore",
        Templates.render("init/gitignore.ftl", model).getBytes(StandardCharsets.UTF_8));
    files.put("estate.schema.json", Json.writeBytes(Json.parseResource(Schemas.ESTATE)));
    for (String name : FILES.stream().filter(n -> n.startsWith("ci/")).toList()) {
      try (InputStream ci = InitProject.class.getResourceAsStream("/init/" + name)) {
        if (ci == null) {
          throw new IllegalStateException("CI example missing from the build: " + name);
        }
        files.put(name, ci.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  /**
   * The estate: rendered once to learn what generate makes of it, then again with that in its
   * header, so the header promises exactly what the file produces.
   */
  static String estate(Model draft) {
    EstateValidator.Validated v = validated(Templates.render("init/estate.yaml.ftl", draft));
    Model model = model(draft, header(draft, v));
    String estate = Templates.render("init/estate.yaml.ftl", model);
    validated(estate);
    return estate;
  }

  private static EstateValidator.Validated validated(String estate) {
    Diagnostics d = new Diagnostics();
    return EstateValidator.validate(new SourceFile("estate.yaml", estate), Catalogue.builtIn(), d)
        .orElseThrow(
            () -> {
              StringBuilder b = new StringBuilder();
              d.sorted().forEach(x -> b.append(DiagnosticFormatter.format(x)));
              return new IllegalStateException(
                  "init wrote an estate that does not validate:\n" + b);
            });
  }

  /** The header's lines (without '# '): the preset, then what generate writes and leaves out. */
  static List<String> header(Model m, EstateValidator.Validated v) {
    JsonNode preset = preset(m.tier());
    List<String> lines =
        new ArrayList<>(wrap("Preset: " + m.tier() + ". " + preset.get("summary").asString(), ""));
    lines.add(
        "What the preset turns on depends on the licences and services below. With this file as written,");
    lines.add("`baseline generate` writes:");
    List<String> ca = v.expansion().policies().stream().map(PlannedPolicy::id).toList();
    List<String> dlp = v.dlp().policies().stream().map(PlannedDlpPolicy::id).toList();
    List<String> ai = new ArrayList<>();
    v.expansion().policies().stream()
        .filter(p -> generativeAi(p.id()))
        .forEach(p -> ai.add(p.id()));
    v.dlp().policies().stream().filter(PlannedDlpPolicy::isCopilot).forEach(p -> ai.add(p.id()));
    lines.addAll(wrap("  Conditional Access (report-only): " + list(ca), "    "));
    lines.addAll(wrap("  DLP (simulation): " + list(dlp), "    "));
    lines.addAll(wrap("  for generative AI among them: " + list(ai), "    "));
    lines.addAll(wrap("  Defender for Cloud: " + defender(m, v), "    "));
    List<String> left = new ArrayList<>();
    v.expansion().leftOut().stream().map(LeftOut::id).forEach(left::add);
    v.dlp().leftOut().stream().map(LeftOut::id).forEach(left::add);
    lines.addAll(
        wrap(
            "and leaves out, until this file says more (generate prints why): " + list(left),
            "  "));
    return lines;
  }

  /**
   * A baseline policy that targets the estate's generative-AI apps (its template uses the symbol
   * apps.generativeAi).
   */
  private static boolean generativeAi(String id) {
    return Catalogue.builtIn()
        .get(id)
        .map(t -> mentions(t.policy(), "apps.generativeAi"))
        .orElse(false);
  }

  private static boolean mentions(JsonNode node, String symbol) {
    if (node.isObject() && node.path("$symbol").asString("").equals(symbol)) {
      return true;
    }
    for (JsonNode child : node) {
      if (mentions(child, symbol)) {
        return true;
      }
    }
    return false;
  }

  private static String defender(Model m, EstateValidator.Validated v) {
    int subscriptions = v.defender().subscriptions().size();
    if (subscriptions == 0) {
      return "nothing (no Azure subscription given)";
    }
    long ai = v.defender().subscriptions().stream().filter(s -> s.hostsAiWorkloads()).count();
    String s =
        "plans for "
            + count(subscriptions, "Azure subscription")
            + " ("
            + ai
            + " with AI workloads)";
    List<String> connectors = new ArrayList<>();
    if (!m.awsAccounts().isEmpty()) {
      connectors.add(count(m.awsAccounts().size(), "AWS account"));
    }
    if (!m.gcpProjects().isEmpty()) {
      connectors.add(count(m.gcpProjects().size(), "GCP project"));
    }
    return connectors.isEmpty() ? s : s + "; connectors for " + String.join(" and ", connectors);
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  private static String list(List<String> ids) {
    return ids.isEmpty() ? "none" : String.join(", ", ids);
  }

  /**
   * Breaks {@code text} at spaces into lines of at most {@link #WIDTH} characters (a longer word
   * stays whole); the first line keeps the text's own indentation, later lines start with {@code
   * indent}.
   */
  static List<String> wrap(String text, String indent) {
    String body = text.stripLeading();
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(text.substring(0, text.length() - body.length()));
    int start = line.length();
    for (String word : body.split(" ")) {
      if (line.length() > start && line.length() + 1 + word.length() > WIDTH) {
        lines.add(line.toString());
        line = new StringBuilder(indent);
        start = line.length();
      } else if (line.length() > start) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  private static JsonNode preset(String tier) {
    return Json.parseResource("/data/presets.json").at("/presets/" + tier);
  }

  private static Model model(Model m, List<String> header) {
    return new Model(
        m.generatorVersion(),
        m.tier(),
        header,
        m.tenantId(),
        m.primaryDomain(),
        m.licences(),
        m.breakGlassUsers(),
        m.breakGlassGroups(),
        m.groups(),
        m.intune(),
        m.copilot(),
        m.securityCopilot(),
        m.purview(),
        m.labels(),
        m.highVolumeThreshold(),
        m.defenderPlansOff(),
        m.subscriptions(),
        m.region(),
        m.connectorResourceGroup(),
        m.awsAccounts(),
        m.gcpProjects());
  }

  /**
   * The model for {@code a}: IDs in lower case and each once, groups by purpose, label keys from
   * their names, the preset's settings.
   */
  static Model model(Answers a, List<String> header) {
    List<Group> groups = new ArrayList<>();
    if (!a.adminGroup().isEmpty()) {
      groups.add(new Group("admins", lower(a.adminGroup()), "Administrator accounts", "admins"));
    }
    if (!a.pilotGroup().isEmpty()) {
      groups.add(new Group("pilot", lower(a.pilotGroup()), "Pilot users", "pilot"));
    }
    if (!a.specializedGroup().isEmpty()) {
      groups.add(
          new Group(
              "specialized",
              lower(a.specializedGroup()),
              "Users with highly sensitive data or roles",
              "specialized"));
    }
    JsonNode preset = preset(a.tier());
    List<Subscription> subscriptions =
        lower(a.subscriptions()).stream()
            .map(
                s ->
                    new Subscription(
                        s, a.aiSubscriptions().stream().anyMatch(x -> x.equalsIgnoreCase(s))))
            .toList();
    List<GcpProject> projects =
        a.gcpProjects().stream()
            .map(
                g ->
                    new GcpProject(g.substring(0, g.indexOf(':')), g.substring(g.indexOf(':') + 1)))
            .toList();
    return new Model(
        Version.VALUE,
        a.tier(),
        header,
        lower(a.tenantId()),
        a.primaryDomain().isEmpty() ? null : a.primaryDomain(),
        a.licences().stream().distinct().toList(),
        lower(a.breakGlassUsers()),
        lower(a.breakGlassGroups()),
        groups,
        a.intune(),
        a.copilot(),
        a.securityCopilot(),
        a.purview(),
        labels(a.labels()),
        preset.get("highVolumeThreshold").asInt(),
        Json.strings(preset.get("defenderPlansOff")),
        subscriptions,
        a.region(),
        a.connectorResourceGroup(),
        a.awsAccounts().stream().distinct().toList(),
        projects);
  }

  /**
   * Labels with keys made from their names (lower-case words joined by '-', at most 40 characters),
   * each key once.
   */
  static List<Label> labels(List<LabelAnswer> answers) {
    List<Label> labels = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (LabelAnswer l : answers) {
      String base =
          String.join("-", l.name().toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
              .replaceAll("^-+|-+$", "");
      base = base.length() > 36 ? base.substring(0, 36).replaceAll("-+$", "") : base;
      base = base.isEmpty() ? "label" : base;
      String key = base;
      for (int n = 2; !used.add(key); n++) {
        key = base + "-" + n;
      }
      labels.add(new Label(key, YamlText.quoted(l.name()), lower(l.id()), l.highlySensitive()));
    }
    return labels;
  }

  private static String lower(String id) {
    return id.toLowerCase(Locale.ROOT);
  }

  private static List<String> lower(List<String> ids) {
    return ids.stream().map(InitProject::lower).distinct().toList();
  }
}
