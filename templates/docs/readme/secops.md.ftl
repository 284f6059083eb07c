[#-- Security operations' part of the output README (pipeline/ReadmeRenderer): rendered once per part. Every
     part that is not empty ends with a blank line. --]
[#if part == "deploy"]
[#if present]
Security operations come fourth, after Defender for Cloud (Azure CLI or Az PowerShell, signed in with
Owner or Contributor on the workspace's resource group[#if created] (on the subscription to create the group)[/#if], as
[Microsoft's prerequisites](https://learn.microsoft.com/azure/sentinel/prerequisites) ask (the workspace must have no
resource lock), Security Administrator for the Defender XDR and Microsoft 365 connectors[#if defenderForCloud], Contributor or Owner
on each subscription whose Defender for Cloud alerts are connected (the script registers Microsoft.SecurityInsights in
each, as [Microsoft's connector page](https://learn.microsoft.com/azure/sentinel/connect-defender-for-cloud) requires)[/#if][#if entra]; for the Entra ID
diagnostic settings Security Administrator, the least privileged role Microsoft names for them, and the right to deploy at
tenant scope, `Microsoft.Resources/deployments/*` at the tenant root
([Tenant deployments with ARM templates](https://learn.microsoft.com/azure/azure-resource-manager/templates/deploy-to-tenant))[/#if]):

- `./secops/enable-sentinel.sh --what-if`, then `./secops/enable-sentinel.sh` (or `enable-sentinel.ps1`
  with Az PowerShell; `deploy-all.ps1` runs it as its fourth step): [#if created]creates the resource group when it
  is missing, [/#if]registers Microsoft.OperationalInsights and Microsoft.SecurityInsights, deploys
  `secops/sentinel.json` to the workspace's resource group[#if entra], then `secops/entra-diagnostics.json` at tenant
  scope[/#if].
- Then the manual steps under "Security operations (Microsoft Sentinel)", in their order.

[/#if]
[#if presets]
Defender for Office 365 preset security policies (Exchange Online PowerShell, ExchangeOnlineManagement 3.2.0
or later, as Organization Management or Security Administrator):

- `secops/office365-presets/deploy-office365-presets.ps1 -WhatIf`, review, then without `-WhatIf`: assigns
  the presets to the recipients of `strict.json` and `standard.json` and turns them on or off as the estate says
  (CISA SCuBA MS.DEFENDER.1.1 to 1.5). Presets have no report-only mode: mail handling changes at once (Standard
  moves spam and bulk mail to Junk Email, Strict quarantines it), so `deploy-all.ps1` does not run this step; run it
  when the first deployment has been reviewed. If the tenant has never turned a preset on, the script stops before
  any change: turn Standard and Strict on once at https://security.microsoft.com/presetSecurityPolicies (this
  creates their policies), then run it again. App-only or government clouds: connect with `Connect-ExchangeOnline`
  yourself and add `-SkipConnect`.

[/#if]
[#elseif part == "sections"]
[#if present]
## Security operations (Microsoft Sentinel)

Workspace: `[=workspaceId]`[#if created], created in [=location] with [=retention] of analytics retention
(pay-as-you-go, PerGB2018)[#else] (existing: the template onboards Sentinel on it and changes nothing else)[/#if].

| Connector | Brings | Deployed as | Microsoft's page |
|---|---|---|---|
[#list connectors as c]
| [=c.name] | [=c.what] | [=c.deployedAs] | [=c.learn] |
[/#list]
[#if entra]

The Entra ID diagnostic setting sends these categories to the workspace ([=tenantLocation] records the
tenant deployment): [#list categories as k]`[=k]`[#sep], [/#sep][/#list]. Microsoft's published ARM schema for
`microsoft.aadiam/diagnosticSettings` lists only `AuditLogs` and `SignInLogs`; the others are the names
Microsoft Learn documents.
[/#if]
[#if leftOut?has_content]

Left out:

| Connector | Name | Why |
|---|---|---|
[#list leftOut as l]
| [=l.id] | [=l.name] | [=l.reason] |
[/#list]
[/#if]

Manual steps, in this order (what the templates cannot deploy, never left out silently):

[#list manualSteps as m]
[=m?counter]. [=m.text][#if m.link?has_content] ([=m.link])[/#if]
[/#list]

[/#if]
[#if presets]
## Defender for Office 365 preset security policies

The tool manages the two rules of each preset ("Strict Preset Security Policy" first, priority 0, then
"Standard Preset Security Policy", priority 1, as Microsoft requires): the Exchange Online Protection rule[#if presetsAtp]
and the Defender for Office 365 rule[/#if]. The presets' own policies are Microsoft's and never changed.

| Preset | Applies to | Except | State | File |
|---|---|---|---|---|
[#list presetRows as r]
| [=r.preset] | [=r.appliesTo] | [=r.except] | [=r.state] | `[=r.file]` |
[/#list]

Manual step: impersonation protection (the users and domains to protect) is set in the preset wizard in the
Microsoft Defender portal; the script does not change it.

[/#if]
[#if mfaRegistration && (present || presets)]
## Entra ID Protection: multifactor authentication registration (manual)

Microsoft documents no API for ID Protection's MFA registration policy, so it is not generated. In the
Microsoft Entra admin center, as at least a Security Administrator: Protection, Identity Protection,
Multifactor authentication registration policy; include All users, exclude the break-glass accounts, set
Policy enforcement to Enabled and save. Users are asked at their next interactive sign-in and have 14 days to
register ([Configure the multifactor authentication registration policy](https://learn.microsoft.com/entra/id-protection/howto-identity-protection-configure-mfa-policy)).
The user and sign-in risk policies are Conditional Access policies of this baseline.

[/#if]
[/#if]
