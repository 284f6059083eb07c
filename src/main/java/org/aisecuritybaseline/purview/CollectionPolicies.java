package org.aisecuritybaseline.purview;

import java.util.List;
import java.util.Optional;
import org.aisecuritybaseline.family.ManagedMarker;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.model.DataProtection.CollectCopilotInteractions;
import org.aisecuritybaseline.model.Estate;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * DSPM for AI collection policies the tool creates (docs/contracts.md section 3c): one, for the
 * interactions of Copilot experiences and Microsoft Copilot, in the parameter names of
 * New-FeatureConfiguration (public preview). Its ScenarioConfig and Locations are those of the
 * cmdlet reference's Example 1, "Collection policy for supported Copilots" (MicrosoftDocs/
 * office-docs-powershell, exchange/exchange-ps/ExchangePowerShell/New-FeatureConfiguration.md at
 * 93336da2): UploadText and DownloadText, the CopilotExperiences and Browser enforcement planes,
 * every sensitive information type, and the two Copilot locations (52655, SaaS; 49baeafd-..., the
 * Purview configuration group), each for the whole tenant; only IsIngestionEnabled (content
 * capture) follows the estate.
 */
public final class CollectionPolicies {
  /** The policy's name in the tenant. */
  public static final String COPILOT_NAME = "AISB - Collect Copilot interactions";

  /** Its definition, relative to the purview folder. */
  public static final String COPILOT_FILE = "collection/copilot-interactions.json";

  /** Example 1's Microsoft Copilot location (a SaaS app ID). */
  static final String MICROSOFT_COPILOT_LOCATION = "52655";

  /** Example 1's Copilot experiences location (a Purview configuration group). */
  static final String COPILOT_EXPERIENCES_LOCATION = "49baeafd-1a6b-4c58-be55-75ae6d1dff6a";

  private CollectionPolicies() {}

  /** The Copilot interactions policy the estate asks for, if any. */
  public static Optional<CollectCopilotInteractions> copilot(Estate estate) {
    return Optional.ofNullable(estate.data().dspmForAi().collectCopilotInteractions());
  }

  /** The definition file: {@code featureConfiguration} holds New-FeatureConfiguration's keys. */
  public static ObjectNode definition(CollectCopilotInteractions c) {
    ObjectNode root = Json.NODES.objectNode();
    root.put("formatVersion", 1);
    ObjectNode f = root.putObject("featureConfiguration");
    f.put("Name", COPILOT_NAME);
    f.put("FeatureScenario", "KnowYourData");
    f.put("Mode", "Enable");
    f.put(
        "Comment",
        "DSPM for AI collection policy for Copilot interactions"
            + (c.captureContent() ? ", prompts and responses captured. " : ", activity only. ")
            + ManagedMarker.TEXT);
    f.put("ScenarioConfig", Json.compact(scenarioConfig(c)));
    f.put("Locations", Json.compact(locations()));
    return root;
  }

  static ObjectNode scenarioConfig(CollectCopilotInteractions c) {
    ObjectNode config = Json.NODES.objectNode();
    config.set("Activities", Json.stringArray(List.of("UploadText", "DownloadText")));
    config.set("EnforcementPlanes", Json.stringArray(List.of("CopilotExperiences", "Browser")));
    config.set("SensitiveTypeIds", Json.stringArray(List.of("All")));
    config.put("IsIngestionEnabled", c.captureContent());
    return config;
  }

  static ArrayNode locations() {
    ArrayNode list = Json.NODES.arrayNode();
    location(list, MICROSOFT_COPILOT_LOCATION, "SaaS", "Individual");
    location(list, COPILOT_EXPERIENCES_LOCATION, "PurviewConfig", "Group");
    return list;
  }

  private static void location(ArrayNode list, String id, String source, String type) {
    ObjectNode l = list.addObject();
    l.put("Workload", "Applications");
    l.put("Location", id);
    l.put("LocationSource", source);
    l.put("LocationType", type);
    l.putArray("Inclusions")
        .addObject()
        .put("Type", "Tenant")
        .put("Identity", "All")
        .put("DisplayName", "All")
        .put("Name", "All");
  }
}
