[#-- Data protection's part of the output README (pipeline/ReadmeRenderer): rendered once per part. Every
     part that is not empty ends with a blank line. --]
[#if part == "deploy"]
[#if dlpPolicies?has_content || labels?has_content || labelPolicies?has_content || auditLog]
Data protection comes second: `./purview/deploy-dlp.ps1 -WhatIf`, then `./purview/deploy-dlp.ps1`.
It works in this order: Copilot readiness settings, sensitivity labels, label policies, DLP policies,
then it checks the manual steps it can read back. Prerequisites:

- Windows (Security & Compliance PowerShell is not available in PowerShell 7 on Linux or macOS),
  Windows PowerShell 5.1 or PowerShell 7, module `ExchangeOnlineManagement` 3.2.0 or later.
- Role: Compliance Administrator or Compliance Data Administrator. For app-only sign-in: an app with
  `Exchange.ManageAsApp` on Microsoft Exchange Online Protection and on Office 365 Exchange Online, admin
  consent, and a certificate that is not a CNG key.
- The script reads `purview/deployment.json` and the definitions under `purview/dlp/`, creates or updates
  each policy and then its rules (matched by name), skips a policy that is pending deletion, and never
  deletes anything. The cmdlets' own `-WhatIf` does nothing; the script's `-WhatIf` lists every change.
  A policy enabled in the tenant but in simulation in its definition stops the run before any change:
  promote it in the estate file, or rerun with `-AllowRelax`.
- Policy distribution is asynchronous: check it with `Get-DlpCompliancePolicy -Identity <name> -DistributionDetail`.
- On the first `-WhatIf` run against policies that already exist, read the lines starting "Read back from the
  tenant": they show how `Get-DlpCompliancePolicy` returns the Locations JSON (the Microsoft 365 Copilot
  location, Workload `Applications`, Location `470f2276-e011-4e9d-a6ec-20768be3a4b0`) and the recipient
  exceptions. Microsoft documents these only as parameters to set, not as returned values. Compare them with
  `Locations` and the exception parameters of the definition files under `purview/dlp/`: when they match,
  a second `-WhatIf` right after a deployment lists no change; when it still lists one, the script reads
  that property differently from how it writes it, and each run would set it again (harmless, but report it).
[#if anyDlpSimulation]
- Policies in **simulation** show what they would do (in the DLP simulation and activity explorer)
  without enforcing; promote them with `stage: enabled` under `data.policies` in the estate file.
[/#if]

[/#if]
[#elseif part == "sections"]
[#if labels?has_content || existingLabels?has_content || labelPolicies?has_content]
## Sensitivity labels ([=labels?size] created, [=existingLabels?size] existing)

[#if labels?has_content]
`purview/deploy-dlp.ps1` creates these labels (`New-Label`) or updates them (`Set-Label`), parents before
their sublabels, before the label policies and the DLP policies that use them. It finds each label by its
name in the tenant and changes only labels whose `Comment` carries the managed marker; a label of that
name without the marker stops the run before any change. DLP rules name these labels by
`{label:<name in the tenant>}`; the script puts in the GUID it reads with `Get-Label` when it runs, so no
GUID has to be copied into the estate file. The script sets what a label's definition holds and nothing
else: encryption or a marking taken out of the estate stays on the tenant label until you turn it off in
the Microsoft Purview portal (`plan` highlights such a change).

| Key | Label | Name in the tenant | Parent | Markings | Encryption |
|---|---|---|---|---|---|
[#list labels as l]
| [=l.key] | [=l.name] | [=l.uniqueName] | [=l.parent] | [=l.markings] | [=l.encryption] |
[/#list]
[/#if]
[#if existingLabels?has_content]

Existing labels, referred to by GUID and never changed:

| Key | Label | GUID |
|---|---|---|
[#list existingLabels as l]
| [=l.key] | [=l.name] | [=l.uniqueName] |
[/#list]
[/#if]
[#if presetDomain?has_content]

The labels of the preset follow Microsoft's default label set. Where Microsoft's defaults encrypt for "all
users and groups in the organisation" (Co-Author), the preset grants those rights to the tenant's primary
domain, [=presetDomain], because the cmdlet reference documents rights for email addresses and domains
only: if people sign in with other domains, add a label of your own with `encryption.rights` for each.
Label priority is left as the service assigns it on creation; check the order in the Purview portal.
[/#if]
[#if labelPolicies?has_content]

| Label policy | Name in the tenant | Publishes | To |
|---|---|---|---|
[#list labelPolicies as p]
| [=p.key] | [=p.name] | [=p.labels] | [=p.publishTo] |
[/#list]

The deploy script adds labels and locations to an existing label policy (`Set-LabelPolicy -AddLabels`,
`-AddExchangeLocation`) but never removes any; it lists what it leaves in place. Manual step: Microsoft's
default label policy also applies a default label to unlabelled documents and emails and asks users for a
justification to lower a label. The cmdlet reference documents no label-policy setting for either (only
`OutlookDefaultLabel` "None", and defaults for meetings and Power BI), so set them in the Microsoft Purview
portal: Information protection, Label policies, the policy, "Default settings for documents" and "for
emails". Labels reach Office apps within a few hours, up to 24 hours everywhere.
[/#if]

[/#if]
[#if dlpPolicies?has_content || dlpLeftOut?has_content]
## Data loss prevention ([=dlpPolicies?size])

| ID | Name | Stage | Locations | Recommendation |
|---|---|---|---|---|
[#list dlpPolicies as p]
| [=p.id] | [=p.name] | [=p.stage] | [=p.origin] | [=p.recommendation] |
[/#list]
[#if dlpExclusion?has_content]

Excluded from every DLP policy: [=dlpExclusion]
[/#if]
[#if dlpLeftOut?has_content]

Left out:

| ID | Name | Why |
|---|---|---|
[#list dlpLeftOut as l]
| [=l.id] | [=l.name] | [=l.reason] |
[/#list]
[/#if]
[#if dlpLimitations?has_content]

Limits of what was generated:

| ID | Name | What |
|---|---|---|
[#list dlpLimitations as l]
| [=l.id] | [=l.name] | [=l.reason] |
[/#list]
[/#if]
[#if cisaDlp?has_content]

CISA SCuBA Security Suite baseline, data loss prevention (what DLP002 as generated satisfies once deployed):

| Policy | Requires | Status | Why |
|---|---|---|---|
[#list cisaDlp as c]
| [=c.id] | [=c.requirement] | [=c.state] | [=c.why] |
[/#list]
[/#if]

[/#if]
[#if auditLog || oversharedSites?has_content || webGrounding?has_content || dlpPolicies?has_content || labels?has_content || labelPolicies?has_content]
## Copilot readiness

Tenant settings Microsoft 365 Copilot's data protections depend on:

| Setting | Cmdlet | Requires | Here |
|---|---|---|---|
| Unified audit log ingestion (DSPM for AI and Copilot interaction records need it) | `Get-AdminAuditLogConfig`, `Set-AdminAuditLogConfig -UnifiedAuditLogIngestionEnabled $true` | Exchange Online PowerShell (`Connect-ExchangeOnline`; in Security & Compliance PowerShell the value always reads False and the setting cannot be changed), a role that holds Audit Logs (Organization Management); a change takes up to 60 minutes | [#if auditLog]checked by `purview/deploy-dlp.ps1`, turned on if off[#else]not requested (`data.copilotReadiness.auditLog`)[/#if] |
| Restricted Content Discovery for overshared sites (hidden from organisation-wide search and Copilot; permissions unchanged) | `Set-SPOSite -Identity <site> -RestrictContentOrgWideSearch $true` | SharePoint Advanced Management; SharePoint Online Management Shell (`Connect-SPOService`); SharePoint sites only, not OneDrive | [#if oversharedSites?has_content][=oversharedSites?size] site(s), commands below[#else]no site named (`data.copilotReadiness.oversharedSites`)[/#if] |
| Copilot web search blocked for matching content (web grounding) | `New-DlpComplianceRule -RestrictWebGrounding $true` | a DLP policy on the Microsoft 365 Copilot location (E5-class compliance licence) | [#if webGrounding?has_content]set by [=webGrounding?join(", ")][#else]not requested (action `restrictWebGrounding` in a custom Copilot rule)[/#if] |
| Copilot prompts that contain sensitive information types | none documented | | not generated: the cmdlet reference documents no rule syntax for it (`RestrictAccess` and `HasActivity` have no description); create it in the Purview portal on the Microsoft 365 Copilot location |
[#if oversharedSites?has_content]

Restricted Content Discovery, per site (run in the SharePoint Online Management Shell as a SharePoint
administrator; `-RestrictContentOrgWideSearch $false` undoes it):

| Site | Why |
|---|---|
[#list oversharedSites as site]
| [=site.url] | [=site.reason] |
[/#list]

```powershell
Connect-SPOService -Url [=oversharedSites[0].adminUrl]
[#list oversharedSites as site]
Set-SPOSite -Identity '[=site.url]' -RestrictContentOrgWideSearch $true
[/#list]
```
[/#if]

## DSPM for AI

Data Security Posture Management for AI offers one-click policies in the Microsoft Purview portal. What
each does, and what this configuration does about it:

| Policy | Kind | What it does | Here |
|---|---|---|---|
[#list dspm as d]
| [=d.name] | [=d.kind] | [=d.what] | [=d.here] |
[/#list]

[/#if]
[#if aiSitesManualStep]
### Manual step: sensitive data pasted or uploaded to generative-AI sites

This policy is **not generated**. Microsoft documents no `New-DlpComplianceRule` syntax for restricting
activities to the built-in "Generative AI Websites" service-domain group, and this tool does not emit
settings it cannot verify. Create it in the Microsoft Purview portal: a DLP policy on **Devices**, a rule
whose condition is "Content contains" your sensitive information types, action "Audit or restrict
activities on devices", then "Service domain and browser activities": "Upload to a restricted cloud
service domain or access from an unallowed browser" and "Paste to supported browsers", "Choose different
restrictions for sensitive service domains", add the group "Generative AI Websites", and choose Audit
(or Block with override). Start in simulation. Paste restrictions work in Edge, Chrome and Firefox; Chrome
and Firefox need the Microsoft Purview browser extension. DSPM for AI creates the same policy from its
"Fortify your data security" recommendation ("DSPM for AI - Block sensitive info from AI sites").

The deployment verifies this step: at the end of its run `purview/deploy-dlp.ps1` looks for a DLP policy
named "DSPM for AI - Block sensitive info from AI sites" or "DSPM for AI: Detect sensitive info added to AI
sites" (or your own, named in `data.dspmForAi.aiSitesPolicy`) and reports it missing, in simulation or
enforced; `plan --against-tenant` and `check` report the same from a tenant snapshot.

[/#if]
[/#if]
