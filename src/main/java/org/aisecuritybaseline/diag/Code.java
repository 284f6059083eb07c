package org.aisecuritybaseline.diag;

/**
 * Every diagnostic code, with the line the README's table shows for it; a test checks the table
 * against this list. Codes are stable: a code is never reused for another problem.
 */
public enum Code {
  E100("file missing or unreadable"),
  E101(
      "YAML syntax, not UTF-8, a control character, or an unpaired surrogate escape (`\"\\ud800\"`)"),
  E102("file over 1 MiB (also a device, a pipe or standard input) or over 100,000 values"),
  E103("duplicate key"),
  E104("anchors and aliases expand too far"),
  E105("nesting deeper than 64 levels"),
  E106(
      "unsupported YAML (several documents, alias cycles, non-string keys, infinity), a value that does not fit its tag"
          + " (`!!int abc`), an unknown tag, or a number beyond +/-2^53"),
  E201("schema: unknown property (with a suggestion when one is close)"),
  E202("schema: missing property"),
  E203("schema: wrong type"),
  E204("schema: invalid value (not one of the allowed values, or not the expected form)"),
  E205("schema: wrong size (too short, too long, too many or too few items)"),
  E301(
      "reference that does not resolve (group, app, location, role; pilot or specialized group missing)"),
  E302("no break-glass account and no waiver"),
  E303("the same key, ID or policy ID twice"),
  E304("over a tenant limit (195 policies, 195 named locations)"),
  E305(
      "malformed ID or range (nil GUID, CIDR wider than /8 or with host bits set, such as `203.0.113.5/24` for"
          + " `203.0.113.0/24`, unknown country)"),
  E306("a custom DLP location the tenant's licences or devices cannot serve"),
  E307(
      "custom policy is not a valid Graph body (v1.0, or beta with `graphApi: beta`; a beta-only member in a v1.0"
          + " policy), or sets a generated field"),
  E308("settings for a baseline policy that does not exist"),
  E309(
      "a setting the policy cannot take (its own `stage: pilot` when it does not target \"All users\", exclusion of"
          + " nothing, a threshold or override setting on the wrong policy); under `baseline.defaultStage: pilot` such"
          + " policies (for admin roles, guests or specific groups) stay report-only with a notice instead"),
  E310(
      "a DLP combination Purview refuses (Copilot with other locations, labels in Teams, an action for none of the"
          + " locations)"),
  E311(
      "a Defender plan, sub-plan, extension or property that Microsoft does not document, or one used where it does not"
          + " belong"),
  E312(
      "a value the platform types strictly has the wrong type, range or form (a Defender extension property; an ID,"
          + " keyword or operator in a custom Conditional Access policy)"),
  E313(
      "a sensitivity label or label policy the tool cannot manage as written (settings on a label that has an `id`,"
          + " no `tooltip`, a sublabel of a sublabel, a name Purview refuses, encryption both fixed and user-defined,"
          + " a label policy without anyone to publish to)"),
  E314(
      "a security-operations setting that cannot be deployed (a Defender for Cloud connector without Azure"
          + " subscriptions under `threat.azure`, an existing workspace with the Entra ID connector but no"
          + " `secops.deploymentLocation`, Sentinel settings without a workspace)"),
  W401("warning: a single break-glass account"),
  W402("warning: settings for a policy outside the tier"),
  W403("warning: app exclusions from the all-users MFA policy"),
  W404("warning: a sensitive information type whose GUID only third parties publish"),
  W405(
      "warning: a custom policy sent through Graph beta (`graphApi: beta`) that needs nothing only beta has"),
  E501(
      "tenant export: a file or folder that cannot be read (missing, no permission, not a regular file) or is over"
          + " the readers' limits (32 MiB a file, 20,000 files, 512 MiB in all)"),
  E502("tenant export: a file that is not text (not UTF-8, nor UTF-16 with a byte-order mark)"),
  E503("tenant export: a file that is not valid JSON (syntax, a member name twice, nothing in it)"),
  E504(
      "tenant export: JSON that is not something the readers know (a Conditional Access policy, named location,"
          + " authentication strength, directory object, Defender pricing or connector, DLP policy or rule, or a"
          + " list of them)"),
  E505("tenant snapshot: `snapshot.json` is not a snapshot description (`formatVersion` 1)"),
  W550(
      "notice: a member only Microsoft Graph beta knows (kept, and listed in the object's `betaFields`)"),
  W551("warning: a member neither the Graph v1.0 nor the beta schema knows (kept as it is)"),
  W552("notice: a template with `<Placeholder>` values, not a tenant export (read as it is)"),
  W553(
      "notice: a file the export could not write (listed in `snapshot.json` `missing` with the reason)"),
  W554(
      "warning: a file in a snapshot folder that is not part of the snapshot layout (ignored), or a folder with no"
          + " JSON file"),
  W555("warning: the same object ID twice in what was read (both kept)"),
  W556(
      "warning: one page of a list (`@odata.nextLink` or ARM `nextLink`): the objects on the other pages are not"
          + " read"),
  E601(
      "import: the snapshot does not name its tenant (give `--tenant-id`), or the ID is not a GUID"),
  W650(
      "import: a tenant object or member that the estate cannot express, left out of the imported estate"
          + " (listed on the console and at the top of the file, with why)"),
  W651(
      "import: break-glass is left for you to decide: the accounts excluded from every imported policy are"
          + " proposed in a comment, and validate fails (E302) until `breakGlass` is filled or waived"),
  W652(
      "import: something to review in the imported estate (a policy imported as custom that looks like a"
          + " baseline policy, a policy set to report-only because a condition was left out, a name shortened)"),
  E901(
      "`exceptions`: an unknown rule ID (the rules are those `baseline check` lists, such as AISB-CA-001),"
          + " with the closest one suggested"),
  E902(
      "`exceptions`: the policy it covers is neither a baseline policy ID nor one of the estate's custom"
          + " policies, with the closest one suggested"),
  E1001(
      "a conformance profile without what it needs from the estate (`cisa-scuba` without"
          + " `tenant.directorySyncAccounts`)"),
  W1050(
      "warning: a conformance profile's requirement the estate works against (a role excluded from a policy under"
          + " `cisa-scuba`)");

  private final String description;

  Code(String description) {
    this.description = description;
  }

  /** The README's line for this code (Markdown). */
  public String description() {
    return description;
  }
}
