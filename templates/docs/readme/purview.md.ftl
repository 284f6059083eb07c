[#-- Data protection's part of the output README (pipeline/ReadmeRenderer): rendered once per part. Every
     part that is not empty ends with a blank line. --]
[#if part == "deploy"]
[#if dlpPolicies?has_content]
Data protection comes second: `./purview/deploy-dlp.ps1 -WhatIf`, then `./purview/deploy-dlp.ps1`.
Prerequisites:

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
and Firefox need the Microsoft Purview browser extension.

[/#if]
[/#if]
