package org.aisecuritybaseline.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.aisecuritybaseline.defender.DefenderExpander;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.diag.Diagnostic;
import org.aisecuritybaseline.diag.Diagnostics;
import org.aisecuritybaseline.diag.Finding;
import org.aisecuritybaseline.diag.Location;
import org.aisecuritybaseline.diag.Severity;
import org.aisecuritybaseline.diag.SourceFile;
import org.aisecuritybaseline.entra.Catalogue;
import org.aisecuritybaseline.entra.Expansion;
import org.aisecuritybaseline.family.Family;
import org.aisecuritybaseline.family.LeftOut;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.load.LoadedDocument;
import org.aisecuritybaseline.load.YamlLoader;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.purview.DlpExpansion;
import org.aisecuritybaseline.validate.SchemaCheck;
import org.aisecuritybaseline.validate.Schemas;
import org.aisecuritybaseline.validate.Sections;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * read YAML -> JSON Schema -> bind -> semantic checks -> expand the baseline. Each stage reports
 * all of its problems. When loading or the schema found errors, the semantic checks still run on
 * the top-level sections that passed ({@link Sections}); expansion runs only on a file without
 * errors.
 */
public final class EstateValidator {
  /** A valid estate, ready to render: every registered family with its expansion, in order. */
  public record Validated(LoadedDocument document, Estate estate, List<Expanded<?>> families) {
    public Expansion expansion() {
      return result(Expansion.class);
    }

    public DlpExpansion dlp() {
      return result(DlpExpansion.class);
    }

    public DefenderExpander.Result defender() {
      return result(DefenderExpander.Result.class);
    }

    /** The registered families, in order: what the plan groups files and objects by. */
    public List<Family.Info> infos() {
      return families.stream().map(f -> f.family().info()).toList();
    }

    /** Baseline objects left out by any family. */
    public List<LeftOut> leftOut() {
      return families.stream().flatMap(f -> f.result().leftOut().stream()).toList();
    }

    /** Objects any family generated otherwise than the defaults would have them. */
    public List<LeftOut> limitations() {
      return families.stream().flatMap(f -> f.result().limitations().stream()).toList();
    }

    private <T> T result(Class<T> type) {
      return families.stream()
          .map(Expanded::result)
          .filter(type::isInstance)
          .map(type::cast)
          .findFirst()
          .orElseThrow();
    }
  }

  private EstateValidator() {}

  public static Optional<Validated> validate(
      SourceFile source, Catalogue catalogue, Diagnostics diagnostics) {
    Optional<LoadedDocument> loaded = YamlLoader.load(source, diagnostics);
    if (loaded.isEmpty()) {
      return Optional.empty();
    }
    LoadedDocument doc = loaded.get();
    if (!doc.root().isObject()) {
      diagnostics.add(
          new Diagnostic(
              Severity.ERROR,
              Code.E203,
              "the file must be a YAML mapping (apiVersion, kind, tenant, ...)",
              source,
              Location.START,
              ""));
      return Optional.empty();
    }
    // A value the loader already refused (a bad tag, a number out of range) is not reported twice.
    java.util.Set<String> refused = new java.util.HashSet<>();
    diagnostics.all().stream().filter(Diagnostic::isError).forEach(d -> refused.add(d.pointer()));
    List<SchemaCheck.Violation> violations = Schemas.estate().check(doc.root());
    for (SchemaCheck.Violation v : violations) {
      if (refused.contains(v.pointer())) {
        continue;
      }
      report(
          doc,
          new Finding(Severity.ERROR, v.code(), v.pointer(), v.atKey(), v.message()),
          diagnostics);
    }
    if (diagnostics.hasErrors()) {
      // The rest of the file is still checked: the sections that passed, without the ones that did
      // not.
      Sections sections = failedSections(doc.root(), refused, violations);
      if (sections != null) {
        ObjectNode usable = ((ObjectNode) doc.root()).deepCopy();
        usable.retain(Schemas.estate().propertiesAt(""));
        usable.remove(sections.failed());
        try {
          semanticChecks(Json.bind(usable, Estate.class), catalogue, sections)
              .forEach(f -> report(doc, f, diagnostics));
        } catch (Json.BindException e) {
          // Sections that passed the schema bind; should one not, the problems reported above stand
          // alone.
        }
      }
      return Optional.empty();
    }
    Estate estate;
    try {
      estate = Json.bind(doc.root(), Estate.class);
    } catch (Json.BindException e) {
      diagnostics.add(
          new Diagnostic(
              Severity.ERROR,
              Code.E203,
              "cannot read the estate: " + e.getMessage(),
              source,
              Location.START,
              ""));
      return Optional.empty();
    }
    semanticChecks(estate, catalogue, Sections.ALL).forEach(f -> report(doc, f, diagnostics));
    if (diagnostics.hasErrors()) {
      return Optional.empty();
    }
    List<Expanded<?>> expanded = new ArrayList<>();
    for (Family<?> family : Families.of(catalogue)) {
      Expanded<?> e = Expanded.of(family, estate);
      e.result().findings().forEach(f -> report(doc, f, diagnostics));
      expanded.add(e);
    }
    if (diagnostics.hasErrors()) {
      return Optional.empty();
    }
    return Optional.of(new Validated(doc, estate, List.copyOf(expanded)));
  }

  /** The semantic checks of every family, on the usable sections. */
  private static List<Finding> semanticChecks(
      Estate estate, Catalogue catalogue, Sections sections) {
    List<Finding> findings = new ArrayList<>();
    for (Family<?> family : Families.of(catalogue)) {
      findings.addAll(family.check(estate, sections));
    }
    findings.addAll(ExceptionCheck.check(estate, catalogue, sections));
    return findings;
  }

  /**
   * The top-level sections that hold an error of the loader or the schema, and the required
   * sections that are missing; null when an error concerns the whole file, so that nothing can be
   * checked further.
   */
  private static Sections failedSections(
      JsonNode root, Set<String> loaderErrors, List<SchemaCheck.Violation> violations) {
    Set<String> failed = new HashSet<>();
    List<String> pointers = new ArrayList<>(loaderErrors);
    violations.forEach(v -> pointers.add(v.pointer()));
    for (String pointer : pointers) {
      if (pointer.isEmpty()) {
        // At the root only a missing required section is expected; it is added below.
        boolean missingSection =
            violations.stream().anyMatch(v -> v.pointer().isEmpty() && v.code().equals(Code.E202));
        if (!missingSection || loaderErrors.contains("")) {
          return null;
        }
        continue;
      }
      int end = pointer.indexOf('/', 1);
      failed.add(
          pointer
              .substring(1, end < 0 ? pointer.length() : end)
              .replace("~1", "/")
              .replace("~0", "~"));
    }
    for (String required : Schemas.estate().requiredAt("")) {
      if (!root.has(required)) {
        failed.add(required);
      }
    }
    return new Sections(failed);
  }

  private static void report(LoadedDocument doc, Finding f, Diagnostics diagnostics) {
    Location at = f.atKey() ? doc.keyLocation(f.pointer()) : doc.valueLocation(f.pointer());
    diagnostics.add(
        new Diagnostic(f.severity(), f.code(), f.message(), doc.source(), at, f.pointer()));
  }
}
