package org.aisecuritybaseline.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.aisecuritybaseline.Version;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.render.Templates;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders every artifact of a validated estate in memory, plus the manifest that lists them. */
public final class Generator {
  static final String DEPLOY_ALL = "scripts/deploy-all.ps1.ftl";

  private Generator() {}

  public static List<Artifact> generate(EstateValidator.Validated v) {
    List<Artifact> files = new ArrayList<>();
    Hashes hashes = new Hashes();
    for (Expanded<?> family : v.families()) {
      List<Artifact> rendered = family.render(v.estate());
      hashes.startInBackground(rendered);
      files.addAll(rendered);
    }
    files.add(ReadmeRenderer.render(v));
    files.add(Artifact.text("deploy-all.ps1", Templates.renderStatic(DEPLOY_ALL, Version.VALUE)));
    files.addAll(ExportScripts.render(v.estate()));
    files.sort(Comparator.comparing(Artifact::path));
    files.add(manifest(files, hashes, v.document().source().text()));
    return List.copyOf(files);
  }

  private static Artifact manifest(List<Artifact> files, Hashes hashes, String inputText) {
    ObjectNode root = Json.NODES.objectNode();
    root.put("generator", Version.NAME);
    root.put("version", Version.VALUE);
    // Line endings are normalised so that a checkout with CRLF hashes the same.
    root.put(
        "inputSha256", sha256(inputText.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8)));
    ArrayNode list = root.putArray("files");
    List<String> sha256 = hashes.of(files);
    for (int i = 0; i < files.size(); i++) {
      list.addObject().put("path", files.get(i).path()).put("sha256", sha256.get(i));
    }
    return new Artifact(Artifact.MANIFEST, Json.writeBytes(root));
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
