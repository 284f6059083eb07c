package org.aisecuritybaseline.tenant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.diag.ConsoleText;
import org.aisecuritybaseline.diag.Diagnostic;
import org.aisecuritybaseline.diag.Location;
import org.aisecuritybaseline.diag.Severity;
import org.aisecuritybaseline.diag.SourceFile;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.load.BoundedRead;
import org.aisecuritybaseline.load.IoText;
import org.aisecuritybaseline.load.JsonPointers;
import org.aisecuritybaseline.load.RealPath;
import org.aisecuritybaseline.tenant.TenantSnapshot.DirectoryName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads what a tenant holds into canonical objects (docs/contracts.md section 9): a snapshot folder
 * (with {@code snapshot.json}), or what users already have: a folder of loose JSON files (read
 * recursively, every {@code *.json}), or one file. A file may hold one object, a Graph or ARM list
 * response ({@code {"value": [...]}}), a JSON array (PowerShell's ConvertTo-Json), or ScubaGear's
 * ProviderSettingsExport ({@code conditional_access_policies}, {@code dlp_compliance_policies},
 * {@code dlp_compliance_rules}; its other members are not read). Encodings: UTF-8, or UTF-8 or
 * UTF-16 with a byte-order mark.
 *
 * <p>Bad input never throws: what cannot be read is a {@link Diagnostic} in the result, and
 * everything else is still read. Beta-only members are notices (W550), unknown members warnings
 * (W551); both are kept.
 */
public final class SnapshotReader {
  /** The most one file may hold (as much as a generated file when read back). */
  public static final int MAX_FILE_BYTES = BoundedRead.OUTPUT_FILE_LIMIT;

  /** The most files a folder may hold (as for an output directory). */
  public static final int MAX_FILES = 20_000;

  /** The most all files together may hold. */
  public static final long MAX_TOTAL_BYTES = 512L << 20;

  private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Za-z][A-Za-z0-9_]*>");
  private static final Pattern SUBSCRIPTION =
      Pattern.compile("^/subscriptions/([^/]+)", Pattern.CASE_INSENSITIVE);
  private static final Map<String, ObjectKind> SCUBAGEAR =
      Map.of(
          "conditional_access_policies", ObjectKind.POLICY,
          "dlp_compliance_policies", ObjectKind.DLP_POLICY,
          "dlp_compliance_rules", ObjectKind.DLP_RULE);

  private final Path root;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final Map<ObjectKind, List<TenantObject>> objects = new EnumMap<>(ObjectKind.class);
  private final List<TenantObject> betaPolicies = new ArrayList<>();
  private final Map<String, DirectoryName> names = new TreeMap<>();
  private final Map<String, String> seen = new HashMap<>();
  private String tenantId;
  private String exportedAt;
  private final List<String> subscriptions = new ArrayList<>();
  private final List<String> missingFiles = new ArrayList<>();
  private long totalBytes;

  private SnapshotReader(Path root) {
    this.root = root;
    for (ObjectKind k : ObjectKind.values()) {
      objects.put(k, new ArrayList<>());
    }
  }

  /**
   * Everything {@code path} holds, in canonical form, with the diagnostics of reading it (an error
   * for each file that could not be read, which is then left out).
   */
  public static TenantSnapshot read(Path path) {
    SnapshotReader reader = new SnapshotReader(path);
    reader.run();
    return reader.result();
  }

  private void run() {
    String shown = path(root);
    try {
      if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS) && !Files.exists(root)) {
        error(
            shown,
            Code.E501,
            "no such file or directory; name a snapshot folder or an export file");
        return;
      }
      Path real = RealPath.of(root);
      if (RealPath.isKernelFileSystem(real)) {
        error(shown, Code.E501, "is not an export; name a snapshot folder or an export file");
        return;
      }
      if (Files.isDirectory(root)) {
        if (Files.isRegularFile(root.resolve("snapshot.json"), LinkOption.NOFOLLOW_LINKS)) {
          snapshotFolder();
        } else {
          looseFolder();
        }
      } else if (Files.isRegularFile(root)) {
        String name = root.getFileName() == null ? shown : root.getFileName().toString();
        load(root, shown, name).ifPresent(doc -> document(doc, null, null, true));
      } else {
        error(shown, Code.E501, "is not a regular file or a folder; name an export file");
      }
    } catch (IOException e) {
      error(shown, Code.E501, "cannot read: " + IoText.reason(e));
    } catch (UncheckedIOException e) {
      error(shown, Code.E501, "cannot read: " + IoText.reason(e.getCause()));
    }
  }

  private TenantSnapshot result() {
    mergeBeta();
    return new TenantSnapshot(
        tenantId,
        exportedAt,
        List.copyOf(objects.get(ObjectKind.POLICY)),
        List.copyOf(objects.get(ObjectKind.NAMED_LOCATION)),
        List.copyOf(objects.get(ObjectKind.AUTHENTICATION_STRENGTH)),
        java.util.Collections.unmodifiableMap(new TreeMap<>(names)),
        List.copyOf(objects.get(ObjectKind.PRICING)),
        List.copyOf(objects.get(ObjectKind.CONNECTOR)),
        List.copyOf(objects.get(ObjectKind.DLP_POLICY)),
        List.copyOf(objects.get(ObjectKind.DLP_RULE)),
        List.copyOf(diagnostics),
        List.copyOf(subscriptions),
        List.copyOf(missingFiles));
  }

  // ---------------------------------------------------------------- folders

  /** Regular files below the root (links not followed), by relative path with forward slashes. */
  private Optional<Map<String, Path>> files() throws IOException {
    Map<String, Path> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p :
          (Iterable<Path>)
              walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))::iterator) {
        if (files.size() >= MAX_FILES) {
          error(
              path(root),
              Code.E501,
              "holds more than "
                  + MAX_FILES
                  + " files, more than any export; name the snapshot folder itself");
          return Optional.empty();
        }
        files.put(root.relativize(p).toString().replace('\\', '/'), p);
      }
    }
    return Optional.of(files);
  }

  private void looseFolder() throws IOException {
    Optional<Map<String, Path>> files = files();
    if (files.isEmpty()) {
      return;
    }
    int json = 0;
    for (Map.Entry<String, Path> f : files.get().entrySet()) {
      if (!f.getKey().toLowerCase(Locale.ROOT).endsWith(".json")) {
        continue; // a README or a script beside the exports
      }
      json++;
      Optional<Doc> doc = load(f.getValue(), display(f.getKey()), f.getKey());
      if (doc.isPresent()) {
        document(doc.get(), null, null, true);
      }
      if (totalBytes > MAX_TOTAL_BYTES) {
        return;
      }
    }
    if (json == 0) {
      diagnostics.add(
          new Diagnostic(
              Severity.WARNING,
              Code.W554,
              "the folder holds no .json file and no snapshot.json; name a snapshot folder or a"
                  + " folder of exported JSON files",
              new SourceFile(path(root), ""),
              Location.START,
              ""));
    }
  }

  private void snapshotFolder() throws IOException {
    Optional<Map<String, Path>> files = files();
    if (files.isEmpty()) {
      return;
    }
    Optional<Doc> description =
        load(files.get().get("snapshot.json"), display("snapshot.json"), "snapshot.json");
    description.ifPresent(this::description);
    Pattern defender = Pattern.compile("defender/([^/]+)/(pricings|security-connectors)\\.json");
    for (Map.Entry<String, Path> f : files.get().entrySet()) {
      String rel = f.getKey();
      if (rel.equals("snapshot.json")) {
        continue;
      }
      Matcher m = defender.matcher(rel);
      ObjectKind kind =
          switch (rel) {
            case "entra/conditional-access-policies.json",
                "entra/conditional-access-policies.beta.json" ->
                ObjectKind.POLICY;
            case "entra/named-locations.json" -> ObjectKind.NAMED_LOCATION;
            case "entra/authentication-strengths.json" -> ObjectKind.AUTHENTICATION_STRENGTH;
            case "purview/dlp-policies.json" -> ObjectKind.DLP_POLICY;
            case "purview/dlp-rules.json" -> ObjectKind.DLP_RULE;
            default ->
                m.matches()
                    ? (m.group(2).equals("pricings") ? ObjectKind.PRICING : ObjectKind.CONNECTOR)
                    : null;
          };
      String directory =
          switch (rel) {
            case "entra/directory-objects.json" -> "directory";
            case "entra/role-definitions.json" -> "role";
            case "entra/service-principals.json" -> "application";
            default -> null;
          };
      if (kind == null && directory == null) {
        diagnostics.add(
            new Diagnostic(
                Severity.WARNING,
                Code.W554,
                "not part of the snapshot layout (docs/contracts.md section 9); ignored",
                new SourceFile(display(rel), ""),
                Location.START,
                ""));
        continue;
      }
      Optional<Doc> doc = load(f.getValue(), display(rel), rel);
      if (doc.isEmpty()) {
        if (totalBytes > MAX_TOTAL_BYTES) {
          return;
        }
        continue;
      }
      if (directory != null) {
        names(doc.get(), directory);
      } else {
        document(
            doc.get(),
            kind,
            m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null,
            !rel.endsWith(".beta.json"));
      }
    }
  }

  /** snapshot.json: the tenant, the time, and the files the export could not write. */
  private void description(Doc doc) {
    JsonNode d = doc.root();
    if (!(d instanceof ObjectNode) || d.path("formatVersion").asInt(0) != 1) {
      report(
          doc,
          Severity.ERROR,
          Code.E505,
          d instanceof ObjectNode && d.has("formatVersion")
              ? "formatVersion "
                  + Json.compact(d.get("formatVersion"))
                  + " is not one this version reads (1); read it with the version that wrote it, or"
                  + " export again"
              : "not a snapshot description: it needs \"formatVersion\": 1 (docs/contracts.md"
                  + " section 9); export again, or remove it to read the folder as loose files",
          d instanceof ObjectNode && d.has("formatVersion") ? "/formatVersion" : "");
      doc.flush();
      return;
    }
    tenantId = textOrNull(d.get("tenantId"));
    if (tenantId != null && Canonical.isGuid(tenantId)) {
      tenantId = tenantId.toLowerCase(Locale.ROOT);
    }
    exportedAt = textOrNull(d.get("exportedAt"));
    for (JsonNode sub : d.path("subscriptions")) {
      if (sub.isString()) {
        subscriptions.add(sub.asString().toLowerCase(Locale.ROOT));
      }
    }
    JsonNode missing = d.path("missing");
    for (int i = 0; i < missing.size(); i++) {
      JsonNode m = missing.get(i);
      if (m.path("file").isString()) {
        missingFiles.add(m.path("file").asString());
      }
      report(
          doc,
          Severity.NOTICE,
          Code.W553,
          "the export could not write "
              + textOr(m.get("file"), "a file")
              + ": "
              + textOr(m.get("reason"), "no reason given")
              + "; what it holds is not compared",
          JsonPointers.child("/missing", i));
    }
    doc.flush();
  }

  // ---------------------------------------------------------------- one file

  /** One parsed file, and the diagnostics found in it (placed when the file is done). */
  private final class Doc {
    private final String display;
    private final String relative;
    private final String text;
    private final JsonNode root;
    private final List<Pending> pending = new ArrayList<>();
    private SourceFile source;

    Doc(String display, String relative, String text, JsonNode root) {
      this.display = display;
      this.relative = relative;
      this.text = text;
      this.root = root;
    }

    JsonNode root() {
      return root;
    }

    /** Every pending diagnostic with its line and column, found in one pass over the text. */
    void flush() {
      if (pending.isEmpty()) {
        return;
      }
      if (source == null) {
        source = new SourceFile(display, text);
      }
      Map<String, Location> at =
          JsonText.locate(text, pending.stream().map(Pending::pointer).toList());
      for (Pending p : pending) {
        diagnostics.add(
            new Diagnostic(
                p.severity(),
                p.code(),
                p.message(),
                source,
                JsonText.nearest(at, p.pointer()),
                p.pointer()));
      }
      pending.clear();
    }
  }

  private record Pending(Severity severity, Code code, String message, String pointer) {}

  private void report(Doc doc, Severity severity, Code code, String message, String pointer) {
    doc.pending.add(new Pending(severity, code, message, pointer));
  }

  private Optional<Doc> load(Path file, String display, String relative) {
    byte[] bytes;
    try {
      Optional<byte[]> read = BoundedRead.readAll(file, MAX_FILE_BYTES);
      if (read.isEmpty()) {
        error(
            display,
            Code.E501,
            "the file is larger than "
                + (MAX_FILE_BYTES >> 20)
                + " MiB, more than any export of one kind; check that it is an export");
        return Optional.empty();
      }
      bytes = read.get();
    } catch (IOException e) {
      error(display, Code.E501, "cannot read the file: " + IoText.reason(e));
      return Optional.empty();
    }
    totalBytes += bytes.length;
    if (totalBytes > MAX_TOTAL_BYTES) {
      error(
          path(root),
          Code.E501,
          "the files hold more than "
              + (MAX_TOTAL_BYTES >> 20)
              + " MiB together, more than any export; name the snapshot folder itself");
      return Optional.empty();
    }
    String text;
    try {
      text = JsonText.decode(bytes);
    } catch (JsonText.Unreadable e) {
      error(display, Code.E502, e.getMessage());
      return Optional.empty();
    }
    try {
      return Optional.of(new Doc(display, relative, text, JsonText.parse(text)));
    } catch (JsonText.Unreadable e) {
      diagnostics.add(
          new Diagnostic(
              Severity.ERROR,
              Code.E503,
              e.getMessage() + "; export the file again, or correct it",
              new SourceFile(display, text),
              e.location() == null ? Location.START : e.location(),
              ""));
      return Optional.empty();
    }
  }

  /**
   * The objects one file holds: a list response, an array, ScubaGear's export or one object. With a
   * {@code kind} (a snapshot file), every item is that kind; else each item is classified.
   */
  private void document(Doc doc, ObjectKind kind, String folderScope, boolean primary) {
    JsonNode r = doc.root();
    if (r instanceof ObjectNode o && o.get("value") != null && o.get("value").isArray()) {
      ObjectKind hint =
          kind != null ? kind : Classify.fromContext(Classify.text(o, "@odata.context"));
      nextPage(doc, o);
      items(doc, o.get("value"), "/value", kind, hint, folderScope, primary);
    } else if (r.isArray()) {
      items(doc, r, "", kind, null, folderScope, primary);
    } else if (kind == null
        && r instanceof ObjectNode o
        && SCUBAGEAR.keySet().stream().anyMatch(o::has)) {
      for (Map.Entry<String, ObjectKind> e : new TreeMap<>(SCUBAGEAR).entrySet()) {
        JsonNode part = o.get(e.getKey());
        if (part != null && !part.isNull()) {
          String pointer = JsonPointers.child("", e.getKey());
          if (part.isArray()) {
            items(doc, part, pointer, e.getValue(), null, folderScope, primary);
          } else {
            item(doc, part, pointer, e.getValue(), null, folderScope, primary);
          }
        }
      }
    } else {
      item(doc, r, "", kind, null, folderScope, primary);
    }
    doc.flush();
  }

  /** A list response that is one page of several: the other pages were not exported. */
  private void nextPage(Doc doc, ObjectNode list) {
    for (String link : List.of("@odata.nextLink", "nextLink")) {
      JsonNode next = list.get(link);
      if (next != null && next.isString() && !next.asString().isEmpty()) {
        report(
            doc,
            Severity.WARNING,
            Code.W556,
            "the list has more pages ("
                + link
                + "); only the "
                + list.get("value").size()
                + " objects of this page are read. Export every page (Graph PowerShell -All,"
                + " or follow "
                + link
                + " until there is none) and merge them",
            JsonPointers.child("", link));
      }
    }
  }

  private void items(
      Doc doc,
      JsonNode array,
      String pointer,
      ObjectKind kind,
      ObjectKind hint,
      String folderScope,
      boolean primary) {
    for (int i = 0; i < array.size(); i++) {
      item(doc, array.get(i), JsonPointers.child(pointer, i), kind, hint, folderScope, primary);
    }
  }

  private void item(
      Doc doc,
      JsonNode node,
      String pointer,
      ObjectKind kind,
      ObjectKind hint,
      String folderScope,
      boolean primary) {
    if (!(node instanceof ObjectNode item)) {
      report(
          doc,
          Severity.ERROR,
          Code.E504,
          "expected "
              + (kind == null ? "an exported object" : "a " + kind.label())
              + " (a JSON object), found "
              + describe(node)
              + "; export it again",
          pointer);
      return;
    }
    ObjectKind k = kind != null ? kind : Classify.kind(item);
    if (k == null) {
      k = hint;
    }
    if (k == null) {
      String directory = Classify.directoryKind(item, null);
      if (directory != null) {
        name(doc, item, pointer, directory.equals("role") ? "role" : "directory");
        return;
      }
      report(
          doc,
          Severity.ERROR,
          Code.E504,
          "not an object the readers know (a Conditional Access policy, named location,"
              + " authentication strength, Defender pricing or connector, DLP policy or rule); it"
              + " has "
              + members(item)
              + ". Export it with Graph, Azure or Security & Compliance PowerShell as"
              + " docs/contracts.md section 9 describes",
          pointer);
      return;
    }
    add(doc, item, pointer, k, folderScope, primary);
  }

  private void add(
      Doc doc,
      ObjectNode item,
      String pointer,
      ObjectKind kind,
      String folderScope,
      boolean primary) {
    Canonical.Form form = Canonical.of(kind, item);
    ObjectNode body = form.body();
    String id = form.id();
    String displayName = null;
    String scope = null;
    switch (kind) {
      case POLICY, NAMED_LOCATION, AUTHENTICATION_STRENGTH ->
          displayName = textOrNull(body.get("displayName"));
      case PRICING -> {
        id = textOrNull(item.get("name"));
        scope = subscription(item, folderScope);
      }
      case CONNECTOR -> {
        id = id != null ? id : textOrNull(item.get("name"));
        displayName = textOrNull(item.get("name"));
        scope = subscription(item, folderScope);
      }
      case DLP_POLICY, DLP_RULE -> {
        displayName = textOrNull(item.get("DisplayName"));
        displayName = displayName != null ? displayName : id;
        if (kind == ObjectKind.DLP_RULE) {
          scope = textOrNull(item.get("ParentPolicyName"));
          scope = scope != null ? scope : textOrNull(item.get("Policy"));
        }
      }
    }
    String shown = "the " + kind.label() + " " + quoted(displayName != null ? displayName : id);
    if (!form.betaFields().isEmpty()) {
      report(
          doc,
          Severity.NOTICE,
          Code.W550,
          shown
              + " has members only Microsoft Graph beta knows: "
              + String.join(", ", form.betaFields())
              + "; they are kept and listed as its beta fields (Graph v1.0 neither returns nor"
              + " sets them)",
          pointer + form.sourcePointers().get(form.betaFields().get(0)));
    }
    for (String unknown : form.unknownFields()) {
      report(
          doc,
          Severity.WARNING,
          Code.W551,
          shown
              + ": "
              + unknown
              + " is in neither the Graph v1.0 nor the beta schema (schemas/graph/); it is kept"
              + " as it is. If Graph added it, update the schema copies",
          pointer + form.sourcePointers().get(unknown));
    }
    TreeSet<String> placeholders = new TreeSet<>();
    placeholders(item, placeholders);
    if (!placeholders.isEmpty()) {
      report(
          doc,
          Severity.NOTICE,
          Code.W552,
          shown
              + " holds template placeholders ("
              + String.join(", ", placeholders)
              + "): it is a template, not an export of a tenant; it is read as it is, placeholders"
              + " included",
          pointer);
    }
    TenantObject object =
        new TenantObject(
            id,
            displayName,
            scope,
            body,
            form.betaFields(),
            pointer.isEmpty() ? doc.relative : doc.relative + "#" + pointer,
            form.unknownFields());
    if (!primary) {
      betaPolicies.add(object);
      return;
    }
    if (id != null) {
      String key = kind + "\u0000" + scope + "\u0000" + id.toLowerCase(Locale.ROOT);
      String first = seen.putIfAbsent(key, object.source());
      if (first != null) {
        report(
            doc,
            Severity.WARNING,
            Code.W555,
            shown
                + " has the ID "
                + id
                + ", as "
                + first
                + " has; both are kept. Read one export of the tenant at a time",
            pointer);
      }
    }
    objects.get(kind).add(object);
  }

  // ---------------------------------------------------------------- names

  /** directory-objects.json, role-definitions.json or service-principals.json. */
  private void names(Doc doc, String file) {
    JsonNode r = doc.root();
    JsonNode list = r instanceof ObjectNode o && o.get("value") != null ? o.get("value") : r;
    if (r instanceof ObjectNode o && list.isArray() && list != r) {
      nextPage(doc, o);
    }
    String base = list == r ? "" : "/value";
    if (!list.isArray()) {
      report(
          doc,
          Severity.ERROR,
          Code.E504,
          "expected a Graph list response ({\"value\": [...]}), found " + describe(r),
          "");
    } else {
      for (int i = 0; i < list.size(); i++) {
        JsonNode item = list.get(i);
        String pointer = JsonPointers.child(base, i);
        if (item instanceof ObjectNode o) {
          name(doc, o, pointer, file);
        } else {
          report(
              doc,
              Severity.ERROR,
              Code.E504,
              "expected a directory object (a JSON object), found " + describe(item),
              pointer);
        }
      }
    }
    doc.flush();
  }

  /**
   * One name: a directory object by its ID, a role by its template ID, an application by its app ID
   * (a service principal read from a loose file gives both its ID and its app ID).
   */
  private void name(Doc doc, ObjectNode item, String pointer, String file) {
    String displayName = textOrNull(item.get("displayName"));
    String id = textOrNull(item.get("id"));
    switch (file) {
      case "role" -> {
        String template = textOrNull(item.get("templateId"));
        put(doc, pointer, template != null ? template : id, "role", displayName);
      }
      case "application" ->
          put(doc, pointer, textOrNull(item.get("appId")), "application", displayName);
      default -> {
        String kind = Classify.directoryKind(item, null);
        if (kind == null || kind.equals("role")) {
          String type = textOrNull(item.get("@odata.type"));
          kind =
              type != null && type.startsWith("#microsoft.graph.")
                  ? type.substring(17)
                  : "directoryObject";
        }
        if (displayName == null) {
          displayName = textOrNull(item.get("userPrincipalName"));
        }
        put(doc, pointer, id, kind, displayName);
        String appId = textOrNull(item.get("appId"));
        if (kind.equals("servicePrincipal") && appId != null) {
          names.putIfAbsent(
              appId.toLowerCase(Locale.ROOT), new DirectoryName("application", displayName));
        }
      }
    }
  }

  private void put(Doc doc, String pointer, String id, String kind, String displayName) {
    if (id == null) {
      report(
          doc,
          Severity.ERROR,
          Code.E504,
          "a " + kind + " without an ID cannot name anything; export the names again",
          pointer);
      return;
    }
    names.put(id.toLowerCase(Locale.ROOT), new DirectoryName(kind, displayName));
  }

  // ---------------------------------------------------------------- beta

  /**
   * The beta list adds to each v1.0 policy (same ID) the members v1.0 does not return: its
   * beta-only and unknown members. A policy only the beta list has is taken from it.
   */
  private void mergeBeta() {
    List<TenantObject> policies = objects.get(ObjectKind.POLICY);
    Map<String, Integer> byId = new LinkedHashMap<>();
    for (int i = 0; i < policies.size(); i++) {
      if (policies.get(i).id() != null) {
        byId.putIfAbsent(policies.get(i).id(), i);
      }
    }
    for (TenantObject beta : betaPolicies) {
      Integer at = beta.id() == null ? null : byId.get(beta.id());
      if (at == null) {
        policies.add(beta);
        continue;
      }
      TenantObject v1 = policies.get(at);
      ObjectNode body = v1.body().deepCopy();
      List<String> betaFields = new ArrayList<>(v1.betaFields());
      List<String> unknownFields = new ArrayList<>(v1.unknownFields());
      graft(beta.body(), body, beta.betaFields(), betaFields);
      graft(beta.body(), body, beta.unknownFields(), unknownFields);
      policies.set(
          at,
          new TenantObject(
              v1.id(),
              v1.displayName(),
              v1.scope(),
              (ObjectNode) Json.sortKeys(body),
              betaFields,
              v1.source(),
              unknownFields));
    }
  }

  private static void graft(
      ObjectNode from, ObjectNode into, List<String> pointers, List<String> listed) {
    for (String pointer : pointers) {
      if (!into.at(pointer).isMissingNode()) {
        continue;
      }
      String[] steps = pointer.substring(1).split("/", -1);
      ObjectNode parent = into;
      boolean placed = true;
      for (int i = 0; i < steps.length - 1 && placed; i++) {
        String step = unescape(steps[i]);
        JsonNode next = parent.get(step);
        if (next == null) {
          next = parent.putObject(step);
        }
        if (next instanceof ObjectNode o) {
          parent = o;
        } else {
          placed = false;
        }
      }
      if (placed) {
        parent.set(unescape(steps[steps.length - 1]), from.at(pointer).deepCopy());
        listed.add(pointer);
      }
    }
  }

  private static String unescape(String step) {
    return step.replace("~1", "/").replace("~0", "~");
  }

  // ---------------------------------------------------------------- helpers

  private static String subscription(ObjectNode item, String folderScope) {
    String id = textOrNull(item.get("id"));
    if (id != null) {
      Matcher m = SUBSCRIPTION.matcher(id);
      if (m.find()) {
        return m.group(1).toLowerCase(Locale.ROOT);
      }
    }
    return folderScope;
  }

  private static void placeholders(JsonNode node, TreeSet<String> found) {
    if (node.isString()) {
      Matcher m = PLACEHOLDER.matcher(node.asString());
      while (m.find()) {
        found.add(m.group());
      }
    } else {
      for (JsonNode child : node) {
        placeholders(child, found);
      }
    }
  }

  private static String members(ObjectNode item) {
    List<String> names = new ArrayList<>(item.propertyNames());
    if (names.isEmpty()) {
      return "no members";
    }
    String shown = String.join(", ", names.subList(0, Math.min(5, names.size())));
    return "the members " + ConsoleText.oneLine(shown) + (names.size() > 5 ? ", ..." : "");
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isNull()) {
      return "null";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isString()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number";
    }
    return "a " + node.getNodeType().toString().toLowerCase(Locale.ROOT);
  }

  private static String quoted(String name) {
    return name == null ? "without a name or ID" : "'" + ConsoleText.oneLine(name) + "'";
  }

  private static String textOrNull(JsonNode node) {
    return node != null && node.isString() ? node.asString() : null;
  }

  private static String textOr(JsonNode node, String otherwise) {
    String t = textOrNull(node);
    return t == null ? otherwise : ConsoleText.oneLine(t);
  }

  private String display(String relative) {
    return path(root.resolve(relative));
  }

  private static String path(Path p) {
    return p.toString().replace('\\', '/');
  }

  private void error(String display, Code code, String message) {
    diagnostics.add(
        new Diagnostic(
            Severity.ERROR, code, message, new SourceFile(display, ""), Location.START, ""));
  }
}
