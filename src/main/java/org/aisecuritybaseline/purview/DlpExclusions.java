package org.aisecuritybaseline.purview;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aisecuritybaseline.model.DataProtection;
import org.aisecuritybaseline.model.Estate;

/**
 * How the estate's DLP exclusions (data.exclude) are expressed for one location. Each location
 * takes a different parameter and a different kind of identity; what a location cannot express is
 * said.
 */
record DlpExclusions(
    Map<String, List<String>> parameters,
    List<Map<String, String>> copilot,
    List<String> unsupported) {

  static DlpExclusions forLocation(DlpLocation location, Estate estate) {
    DataProtection.Exclusion ex = estate.data().exclude();
    Map<String, List<String>> params = new LinkedHashMap<>();
    List<Map<String, String>> copilot = new ArrayList<>();
    List<String> unsupported = new ArrayList<>();
    if (ex == null) {
      return new DlpExclusions(params, copilot, unsupported);
    }
    List<Estate.Group> groups =
        ex.groups().stream().map(k -> estate.group(k)).flatMap(java.util.Optional::stream).toList();
    List<String> groupMail =
        groups.stream().map(Estate.Group::mail).filter(m -> m != null).sorted().toList();
    List<String> users = ex.users().stream().sorted().toList();
    switch (location) {
      case EXCHANGE -> {
        put(params, "ExchangeSenderMemberOfException", groupMail);
        if (!users.isEmpty()) {
          unsupported.add(
              "the Exchange location excludes senders by group only; the excluded users stay in scope for email");
        }
      }
      case SHAREPOINT -> {
        if (!groups.isEmpty() || !users.isEmpty()) {
          unsupported.add(
              "the SharePoint location cannot exclude users or groups (only sites); it stays tenant-wide");
        }
      }
      case ONEDRIVE -> {
        put(params, "ExceptIfOneDriveSharedByMemberOf", groupMail);
        put(params, "ExceptIfOneDriveSharedBy", users);
      }
      case TEAMS -> {
        List<String> all = new ArrayList<>(groupMail);
        all.addAll(users);
        put(params, "TeamsLocationException", all.stream().sorted().toList());
      }
      case DEVICES -> {
        put(params, "EndpointDlpLocationException", users);
        if (!groups.isEmpty()) {
          unsupported.add(
              "the devices location excludes user accounts only; the excluded groups stay in scope on devices");
        }
      }
      case COPILOT -> {
        groups.stream()
            .map(Estate.Group::id)
            .sorted()
            .forEach(id -> copilot.add(Map.of("Type", "Group", "Identity", id)));
        users.forEach(u -> copilot.add(Map.of("Type", "IndividualResource", "Identity", u)));
      }
      default -> throw new IllegalStateException(location.toString());
    }
    return new DlpExclusions(params, copilot, unsupported);
  }

  private static void put(Map<String, List<String>> params, String name, List<String> values) {
    if (!values.isEmpty()) {
      params.put(name, values);
    }
  }
}
