package org.aisecuritybaseline.secops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.aisecuritybaseline.Version;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.Secops;
import org.aisecuritybaseline.model.Secops.PresetAssignment;
import org.aisecuritybaseline.render.Artifact;
import org.aisecuritybaseline.render.Templates;
import org.aisecuritybaseline.secops.Office365Presets.Preset;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The preset rules as files (docs/contracts.md section 10): one definition per assigned preset,
 * whose keys are parameter names of Set-EOPProtectionPolicyRule and Set-ATPProtectionPolicyRule
 * (the recipient lists always all six, empty meaning none, so that a deployment also clears what
 * was added by hand) plus {@code State}; {@code deployment.json}; and the static deploy script.
 */
public final class Office365PresetsRenderer {
  private Office365PresetsRenderer() {}

  /** The output folder of the preset files. */
  public static final String FOLDER = "secops/office365-presets/";

  public static final String SCRIPT = "deploy-office365-presets.ps1";

  /** The template of the deploy script (static: only the version varies). */
  public static final String SCRIPT_TEMPLATE = "scripts/secops/deploy-office365-presets.ps1.ftl";

  /** The definition's key that is not a cmdlet parameter: the rule's State (Get-*Rule). */
  public static final String STATE = "State";

  public static String file(Preset preset) {
    return preset.key() + ".json";
  }

  /** Every file of the presets: definitions, deployment.json and the deploy script. */
  public static List<Artifact> render(String tenantId, Secops.Office365Presets input) {
    List<Artifact> out = new ArrayList<>();
    for (Preset preset : Preset.values()) {
      Office365Presets.assignment(input, preset)
          .ifPresent(
              a ->
                  out.add(
                      new Artifact(FOLDER + file(preset), Json.writeBytes(definition(preset, a)))));
    }
    out.add(new Artifact(FOLDER + "deployment.json", Json.writeBytes(deployment(tenantId, input))));
    out.add(Artifact.text(FOLDER + SCRIPT, Templates.renderStatic(SCRIPT_TEMPLATE, Version.VALUE)));
    return out;
  }

  /** One preset's rule definition, keys sorted. */
  public static ObjectNode definition(Preset preset, PresetAssignment a) {
    ObjectNode d = Json.NODES.objectNode();
    d.put("Identity", preset.ruleName());
    d.put("Priority", preset.priority());
    d.set("SentTo", Json.stringArray(lower(a.users())));
    d.set("SentToMemberOf", Json.stringArray(lower(a.groups())));
    d.set("RecipientDomainIs", Json.stringArray(lower(a.domains())));
    d.set("ExceptIfSentTo", Json.stringArray(lower(a.exceptUsers())));
    d.set("ExceptIfSentToMemberOf", Json.stringArray(lower(a.exceptGroups())));
    d.set("ExceptIfRecipientDomainIs", Json.stringArray(lower(a.exceptDomains())));
    d.put(STATE, a.enabled() ? "Enabled" : "Disabled");
    return (ObjectNode) Json.sortKeys(d);
  }

  static ObjectNode deployment(String tenantId, Secops.Office365Presets input) {
    ObjectNode root = Json.NODES.objectNode();
    root.put("formatVersion", 1);
    root.put("generator", Version.NAME + " " + Version.VALUE);
    root.put("tenantId", tenantId.toLowerCase(Locale.ROOT));
    root.put("defenderForOffice365", input.defenderForOffice365());
    ArrayNode presets = root.putArray("presets");
    for (Preset preset : Preset.values()) {
      if (Office365Presets.assignment(input, preset).isPresent()) {
        presets
            .addObject()
            .put("preset", preset.recommendedPolicyType())
            .put("ruleName", preset.ruleName())
            .put("file", file(preset));
      }
    }
    return root;
  }

  /**
   * Addresses and domains as the rules hold them (and the README shows them): sorted, lower-cased,
   * without repeats; the tenant compares these values case-insensitively.
   */
  static List<String> lower(List<String> values) {
    return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).distinct().sorted().toList();
  }
}
