[#-- Identity and device access's part of the output README (pipeline/ReadmeRenderer): rendered once per part. Every
     part that is not empty ends with a blank line. --]
[#if part == "deploy"]
Identity and device access comes first, in this order:

1. Review the policies below and the JSON files under `entra/`.
2. In PowerShell (Windows PowerShell 5.1 or PowerShell 7) with the `Microsoft.Graph.Authentication`
   module (2.4.0 or later), signed in as a Conditional Access Administrator or Security Administrator, preview:

   ```powershell
   ./entra/deploy-conditional-access.ps1 -WhatIf
   ```

3. Apply: `./entra/deploy-conditional-access.ps1`. The script reads `entra/deployment.json`, refuses to
   run against another tenant, checks that every user, group, role and application the policies name (and
   every break-glass account) exists, creates or updates the named locations first, then creates or
   updates each policy, matched by its ID in the display name and the `[managed by ai-security-baseline]`
   marker in its description. It never deletes anything. A policy that is On in the tenant but not in its
   file (promoted in the portal) stops the run before any change: promote it in the estate file, or rerun
   with `-AllowRelax` to return it to the state of its file.
[#if adopted?has_content]
   The policies and named locations under "Taken over from the tenant" below are existing tenant objects
   (their `tenantObjectId`): the script reads each by its ID and updates it in place ("Adopt" in `-WhatIf`
   and the log), renaming it with its ID prefix and adding the marker to a policy's description, instead
   of creating a new one beside it. It stops before any change if the tenant also holds a managed object
   with the same prefix (delete one of the two, or remove `tenantObjectId` from the estate file); an
   object deleted since the import is matched by name or created as usual, with a warning. The rule on
   policies that are On in the tenant holds for these too.
[/#if]
[#if beta?has_content]
   The policies under "Deployed through Microsoft Graph beta" below ([=beta?map(b -> b.id)?join(", ")]) use members or
   keywords that only Graph beta has: the script reads, creates and updates them through
   `https://graph.microsoft.com/beta` (their `apiVersion` in `entra/deployment.json`), every other policy
   through v1.0. Beta APIs can change without notice; rerun `-WhatIf` before each deployment.
[/#if]
[#if anyReportOnly]
4. Policies in **report-only** are evaluated and logged, not enforced. Watch their impact in the sign-in
   logs (Conditional Access, report-only tab) and the Conditional Access insights workbook, then promote
   them: set `stage: enabled` (or `pilot` first) for the policy under `policies:` in the estate file,
   regenerate, review the diff and deploy again.
[/#if]
[#if registerDevice?has_content]

> **Tenant setting for [=registerDevice?join(", ")]** (user action "Register or join devices"): in the Microsoft Entra
> admin center, Devices > Device settings, set "Require Multifactor Authentication to register or join devices
> with Microsoft Entra" to **No** before enforcing [=(registerDevice?size > 1)?then("these policies", "it")]; otherwise
> Conditional Access does not properly enforce the user action
> ([Microsoft](https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-device-registration)).
> The scripts do not change this setting.
[/#if]
[#if anyEnforced]

> Some policies are **enforced** (stage `enabled` or `pilot`). Make sure the break-glass accounts below
> can sign in before deploying, and that Security Defaults is turned off.
[/#if]

Microsoft Graph permissions (delegated) that the scripts use:

| Permission | Script | What for |
|---|---|---|
[#list graphPermissions as g]
| `[=g.name]` | [=g.scripts] | [=g.why] |
[/#list]

[#elseif part == "sections"]
## Break-glass accounts

Excluded from every policy that targets users.

[#if breakGlass?has_content]
| Kind | Object ID | Name |
|---|---|---|
[#list breakGlass as b]
| [=b.kind] | `[=b.id]` | [=b.name] |
[/#list]
[#else]
None. Waiver: [=breakGlassWaiver]
[/#if]

## Policies ([=policies?size])

| ID | Name | Stage | Origin | Microsoft recommendation |
|---|---|---|---|---|
[#list policies as p]
| [=p.id] | [=p.name] | [=p.stage] | [=p.origin] | [=p.recommendation] |
[/#list]
[#if leftOut?has_content]

## Left out ([=leftOut?size])

Baseline policies of this tier that were not generated:

| ID | Name | Why |
|---|---|---|
[#list leftOut as l]
| [=l.id] | [=l.name] | [=l.reason] |
[/#list]
[/#if]
[#if beta?has_content]

## Deployed through Microsoft Graph beta

These policies need a member or keyword that Microsoft Graph v1.0 does not have yet, so they are validated
against Graph beta's schema and deployed through the beta endpoint (`apiVersion: beta` in
`entra/deployment.json`); every other policy uses v1.0. When the members reach v1.0, a baseline policy moves by
its template's `graphApi` field and a custom policy by its `graphApi` in the estate file.

| ID | Name | Origin | Only in beta |
|---|---|---|---|
[#list beta as b]
| [=b.id] | [=b.name] | [=b.origin] | [=b.why] |
[/#list]
[/#if]
[#if agents.present]

## AI agents

Conditional Access for agents ([Microsoft]([=agents.source])) depends on how an agent signs in: an agent acting
on behalf of a user gets the user's policies (the policies above for all users apply, and the agents' resources
below are among the generative-AI apps); an agent signing in as itself (agent identity) gets only the agent
identity policies, which can block and nothing else; an agent user account is not in "All users" and gets only the
agent user policies. Agent policies generated: [=agents.policies].

[#if agents.approved?has_content]
Approved in the estate (excluded from the policies that block unapproved agents; still blocked while ID Protection
rates them high risk):

| Kind | Key | Object ID | Name | Requires |
|---|---|---|---|---|
[#list agents.approved as a]
| [=a.kind] | [=a.key] | `[=a.id]` | [=a.name] | [=a.require] |
[/#list]

[/#if]
[#if agents.approvalRule?has_content]
Agent identities are approved by custom security attribute too: [=agents.approvalRule].

[/#if]
[#if agents.resources?has_content]
Agents' resources brought into scope as generative-AI apps: [=agents.resources?join(", ")].

[/#if]
Before enforcing:

- Agent users, agent risk and the conditions for agent users are in preview; Microsoft says an Agent 365 licence
  will soon be required for Conditional Access for agents. Agent users need Microsoft 365 E7, or Agent 365 with
  Microsoft Entra ID P1 or Microsoft 365 E3.
- Conditional Access does not apply to an agent that uses API keys instead of Microsoft Entra tokens, to a blueprint
  getting a token to create agent identities or agent users, to token exchanges at the "AAD Token Exchange Endpoint:
  Public", or while Security Defaults is on.
- Review agent sign-ins in report-only first: agent identities appear in the service principal sign-ins, agent
  users in the non-interactive user sign-ins.
[/#if]
[#if exclusions?has_content]

## Exclusions

| Policy | Excluded | Reason |
|---|---|---|
[#list exclusions as x]
| [=x.id] | [=x.what] | [=x.reason] |
[/#list]
[/#if]
[#if microsoftManaged?has_content]

## Microsoft-managed policies

Microsoft creates Conditional Access policies in tenants itself ([Microsoft-managed policies]([=microsoftManagedSource])):
each starts in report-only and Microsoft turns it on no less than 45 days later unless it is set to Off, and only
its state and exclusions can be changed. These overlap policies generated here:

| Policy | Overlapped by | What the generated policy adds |
|---|---|---|
[#list microsoftManaged as m]
| [=m.id] | [=m.managed] | [=m.adds] |
[/#list]

Keep both (exclude your break-glass accounts from the Microsoft-managed one too) or set the Microsoft-managed one
to Off once the generated policy is enforced. `baseline plan <estate> --against-tenant <snapshot>` shows which of
them the tenant has, in which state, and warns before one turns itself on.
[/#if]
[#if locations?has_content]

## Named locations

| Key | Display name | Kind | File |
|---|---|---|---|
[#list locations as l]
| [=l.key] | [=l.displayName] | [=l.kind] | `[=l.file]` |
[/#list]
[/#if]
[#list conformance as c]

## Conformance profile `[=c.id]`: [=c.name]

The estate turns on the conformance profile `[=c.id]` (`baseline.conformance`): the policies are generated to
satisfy [=c.source] once they are enforced (stage `enabled`), and where CISA and Microsoft recommend different
things the profile follows CISA. How the requirements are checked: [=c.checks].

| Requirement | What it asks | Policies | Status | Detail |
|---|---|---|---|---|
[#list c.items as i]
| [=i.id] | [=i.requirement] | [=i.policies] | [=i.status] | [=i.detail] |
[/#list]

Requirements marked "tenant setting" are not Conditional Access policies: set them in the tenant (Entra admin
center or Graph); this tool does not generate them.

Where the profile departs from Microsoft's recommendation:

| Policy | Requirement | Microsoft's default | Under `[=c.id]` | Why |
|---|---|---|---|---|
[#list c.differences as d]
| [=d.policy] | [=d.cisa] | [=d.microsoft] | [=d.change] | [=d.why] |
[/#list]
[/#list]
[#if adopted?has_content]

## Taken over from the tenant

Existing tenant objects that the first deployment updates in place (renamed to the display name below)
instead of creating new ones; `baseline import` recorded them as `tenantObjectId` in the estate file:

| Kind | ID or key | Display name after deployment | Tenant object ID |
|---|---|---|---|
[#list adopted as a]
| [=a.kind] | [=a.key] | [=a.displayName] | `[=a.tenantObjectId]` |
[/#list]
[/#if]

[#elseif part == "closing"]
## App coverage

Apps in Microsoft's order (Microsoft 365, then SaaS apps, then custom apps in Azure, then other clouds)
and the policies that cover each for the people who use it (and agents acting on their behalf):

| Category | App | App ID | Policies |
|---|---|---|---|
[#list coverage as c]
| [=c.category] | [=c.name] | `[=c.appId]` | [=c.policies] |
[/#list]
[#if agents.present]

The agent policies ([=agents.policies]) cover every resource for agent identities and agent users and are not
counted here.
[/#if]

[/#if]
