package org.aisecuritybaseline.checks;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.aisecuritybaseline.Version;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.rules.Rule;
import org.aisecuritybaseline.rules.RuleCatalogue;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The check as SARIF 2.1.0, for code scanning (GitHub's upload-sarif): the catalogue as {@code
 * tool.driver.rules} (help URI, framework IDs as tags and properties), one result per failing or
 * suppressed rule at the estate line that causes it; a suppressed result carries an external
 * suppression with the exception's reason.
 */
public final class CheckSarif {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  private CheckSarif() {}

  public static String render(CheckReport report, RuleCatalogue catalogue) {
    ObjectNode root = Json.NODES.objectNode();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", Version.NAME);
    driver.put("semanticVersion", Version.VALUE);
    ArrayNode rules = driver.putArray("rules");
    List<Rule> all = catalogue.rules();
    for (Rule r : all) {
      ObjectNode o = rules.addObject();
      o.put("id", r.id());
      o.put("name", name(r.title()));
      o.putObject("shortDescription").put("text", r.title());
      o.putObject("fullDescription").put("text", r.statement());
      o.put("helpUri", r.helpUri());
      o.putObject("help")
          .put("text", r.evaluates() + " Frameworks: " + r.referenceList() + ".")
          .put(
              "markdown",
              r.evaluates()
                  + "\n\nFrameworks: "
                  + String.join(
                      ", ",
                      r.references().stream()
                          .map(x -> "[" + x.framework() + " " + x.id() + "](" + x.url() + ")")
                          .toList())
                  + "\n\nSource: "
                  + r.source());
      o.putObject("defaultConfiguration").put("level", level(r));
      ObjectNode props = o.putObject("properties");
      ArrayNode tags = props.putArray("tags");
      tags.add("security");
      r.references().forEach(x -> tags.add(x.id()));
      props.put("security-severity", securitySeverity(r));
      props.put("criticality", r.criticality());
      props.put("evaluable", r.evaluable());
      ArrayNode frameworks = props.putArray("frameworks");
      r.references()
          .forEach(
              x ->
                  frameworks
                      .addObject()
                      .put("framework", x.framework())
                      .put("id", x.id())
                      .put("relation", x.relation())
                      .put("url", x.url()));
    }
    ArrayNode results = run.putArray("results");
    for (Result r : report.results()) {
      if (r.status() != Status.FAIL && r.status() != Status.SUPPRESSED) {
        continue;
      }
      ObjectNode o = results.addObject();
      o.put("ruleId", r.rule().id());
      o.put("ruleIndex", all.indexOf(r.rule()));
      o.put("level", level(r.rule()));
      o.putObject("message").put("text", r.message());
      ObjectNode physical = o.putArray("locations").addObject().putObject("physicalLocation");
      physical.putObject("artifactLocation").put("uri", uri(r.place().file()));
      physical
          .putObject("region")
          .put("startLine", r.place().line())
          .put("startColumn", r.place().column());
      ObjectNode fingerprints = o.putObject("partialFingerprints");
      fingerprints.put(
          "ruleAndPolicy/v1", r.rule().id() + "/" + (r.policy() == null ? "-" : r.policy().id()));
      ObjectNode props = o.putObject("properties");
      props.put("status", r.status().json);
      if (r.policy() != null) {
        props.put("policy", r.policy().id());
      }
      if (r.waiver() != null) {
        Waiver w = r.waiver();
        o.putArray("suppressions")
            .addObject()
            .put("kind", "external")
            .put("status", "accepted")
            .put(
                "justification",
                w.reason() + " (owner " + w.owner() + ", expires " + w.expires() + ")");
      }
    }
    return Json.write(root);
  }

  /** A relative URI with forward slashes: relative to the working directory when absolute. */
  static String uri(String file) {
    Path p = Path.of(file);
    if (p.isAbsolute()) {
      try {
        p = Path.of("").toAbsolutePath().relativize(p);
      } catch (IllegalArgumentException e) {
        // another root (a Windows drive): keep it absolute
        return p.toUri().toString();
      }
    }
    StringBuilder b = new StringBuilder();
    for (Path part : p.normalize()) {
      if (b.length() > 0) {
        b.append('/');
      }
      b.append(
          java.net.URLEncoder.encode(part.toString(), java.nio.charset.StandardCharsets.UTF_8)
              .replace("+", "%20"));
    }
    return b.toString();
  }

  static String level(Rule r) {
    return switch (r.severity()) {
      case "critical", "high" -> "error";
      case "medium" -> "warning";
      default -> "note";
    };
  }

  static String securitySeverity(Rule r) {
    return switch (r.severity()) {
      case "critical" -> "9.0";
      case "high" -> "7.5";
      case "medium" -> "5.0";
      default -> "2.0";
    };
  }

  /** "Legacy authentication is blocked" -> "LegacyAuthenticationIsBlocked" */
  static String name(String title) {
    StringBuilder b = new StringBuilder();
    for (String w : title.split("[^A-Za-z0-9]+")) {
      if (!w.isEmpty()) {
        b.append(w.substring(0, 1).toUpperCase(Locale.ROOT)).append(w.substring(1));
      }
    }
    return b.toString();
  }
}
