[#-- Security operations' part of the output README (pipeline/ReadmeRenderer): rendered once per part. Every
     part that is not empty ends with a blank line. --]
[#if part == "deploy"]
[#if present]
Security operations come fourth, after Defender for Cloud (Azure CLI or Az PowerShell, signed in with
Owner or Contributor on the workspace's resource group[#if created] (on the subscription to create the group)[/#if], as
[Microsoft's prerequisites](https://learn.microsoft.com/azure/sentinel/prerequisites) ask (the workspace must have no
resource lock), Security Administrator for the Defender XDR and Microsoft 365 connectors[#if entra]; for the Entra ID
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
[/#if]
