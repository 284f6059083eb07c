package org.aisecuritybaseline.purview;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.aisecuritybaseline.model.DataProtection;
import org.aisecuritybaseline.model.DataProtection.Label;

/**
 * How the estate's sensitivity labels are named and referred to in what the tool generates. A label
 * the tool manages is found in the tenant by its unique name (New-Label -Name): DLP rules carry the
 * token {@code {label:<name>}} where the GUID goes, which purview/deploy-dlp.ps1 replaces with the
 * GUID it reads at run time; an existing label is referred to by its GUID.
 */
public final class Labels {
  /** The characters a generated name may use (those of DLP policy names). */
  public static final String NAME_PATTERN = "^[A-Za-z0-9 ._()-]+$";

  private Labels() {}

  /** New-Label's -Name: the estate's uniqueName, else the name, or "<parent> - <name>". */
  public static String uniqueName(DataProtection data, Label label) {
    if (label.uniqueName() != null) {
      return label.uniqueName();
    }
    if (label.parent() == null) {
      return label.name();
    }
    return data.label(label.parent())
        .map(p -> (p.managed() ? uniqueName(data, p) : p.name()) + " - " + label.name())
        .orElse(label.name());
  }

  /** What a DLP condition names the label by: the run-time token, or the GUID. */
  public static String conditionReference(DataProtection data, Label label) {
    return label.managed() ? "{label:" + uniqueName(data, label) + "}" : label.id();
  }

  /** What New-LabelPolicy -Labels names the label by: its unique name, or its GUID. */
  public static String policyReference(DataProtection data, Label label) {
    return label.managed() ? uniqueName(data, label) : label.id();
  }

  /** The labels the tool creates, parents before their sublabels (the estate's order otherwise). */
  public static List<Label> managed(DataProtection data) {
    return ordered(data).stream().filter(Label::managed).toList();
  }

  /**
   * Every label in deployment order: the preset's first (as Microsoft orders them), then the
   * estate's, each parent before its sublabels.
   */
  public static List<Label> ordered(DataProtection data) {
    List<Label> all = data.allLabels();
    int own = data.labels().size();
    List<Label> byOrigin = new ArrayList<>(all.subList(own, all.size()));
    byOrigin.addAll(all.subList(0, own));
    List<Label> out = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    for (Label l : byOrigin) {
      place(data, l, out, placed, 0);
    }
    return List.copyOf(out);
  }

  private static void place(
      DataProtection data, Label l, List<Label> out, Set<String> placed, int depth) {
    if (placed.contains(l.key()) || depth > 2) {
      return;
    }
    if (l.parent() != null) {
      data.label(l.parent()).ifPresent(p -> place(data, p, out, placed, depth + 1));
    }
    if (placed.add(l.key())) {
      out.add(l);
    }
  }

  /**
   * The keys of the labels a label policy publishes: its own, each with its parent before it (a
   * sublabel is published with its parent), in deployment order ({@link #ordered}).
   */
  public static List<Label> published(DataProtection data, DataProtection.LabelPolicy policy) {
    Set<String> wanted = new LinkedHashSet<>();
    for (String key : policy.labels()) {
      Optional<Label> l = data.label(key);
      if (l.isEmpty()) {
        continue;
      }
      if (l.get().parent() != null) {
        wanted.add(l.get().parent());
      }
      wanted.add(key);
    }
    return ordered(data).stream().filter(l -> wanted.contains(l.key())).toList();
  }
}
