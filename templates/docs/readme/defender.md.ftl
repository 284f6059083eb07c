[#-- Threat protection's part of the output README (pipeline/ReadmeRenderer): rendered once per part. Every
     part that is not empty ends with a blank line. --]
[#if part == "deploy"]
[#if defenderSubscriptions?has_content || connectors?has_content]
Threat protection comes third (Azure CLI, signed in with Owner or Security Admin on each subscription):

[#if defenderSubscriptions?has_content]
- `./defender/azure/enable-defender.sh --what-if`, then `./defender/azure/enable-defender.sh` (or
  `enable-defender.ps1` with Az PowerShell): one subscription-scope deployment per subscription; the plans
  are deployed one after another and a 409 conflict is retried with back-off.
[/#if]
[#if anyAws]
- AWS: create the connector's CloudFormation stack from the Defender for Cloud portal (Environment settings,
  Add environment, Amazon Web Services, Configure access), deploy it, then run
  `./defender/aws/check-aws.sh <account-id>` with that account's credentials: it verifies that the roles and
  the OIDC provider match what the connector expects (`defender/aws/<account-id>/expected-stack.json`). Then
  `./defender/aws/deploy-connectors.sh --what-if` and `./defender/aws/deploy-connectors.sh`.
[/#if]
[#if anyGcp]
- GCP: run `./defender/gcp/<project-id>/setup-gcp.sh --dry-run`, then without `--dry-run`, as a project owner
  (it enables the APIs and creates the workload identity pool, providers and service accounts the connector
  names, with non-authoritative role bindings), then `./defender/gcp/deploy-connectors.sh --what-if` and
  `./defender/gcp/deploy-connectors.sh`.
[/#if]
- Creating connectors needs Contributor on the connector subscription and the right to create Entra ID
  applications (permissions management creates `mciem-*` apps).

[/#if]
[#elseif part == "sections"]
[#if defenderSubscriptions?has_content]
## Defender for Cloud plans

| Subscription | Name | AI workloads | Standard plans | Free plans | Template |
|---|---|---|---|---|---|
[#list defenderSubscriptions as s]
| `[=s.id]` | [=s.name] | [=s.ai] | [=s.standard] | [=s.free] | `[=s.file]` |
[/#list]

Every Standard plan lists all of its documented extensions, on or off: a deployment that leaves an
extension out keeps whatever the subscription had. AI security posture management comes with Defender CSPM
(CloudPosture); Microsoft documents no separate switch for it. A Free plan is set to Free: deploying the
template turns that plan off where it was on.
[#if defenderOff?has_content]

Extensions the templates turn **off**. Deploying a template turns them off on a subscription where they are
on (for example one turned on in the portal); to keep one, turn it on in the estate and generate again:

| Plan | Extension | Subscriptions | Why off | To turn it on (under `threat.azure`, or a subscription) |
|---|---|---|---|---|
[#list defenderOff as o]
| [=o.plan] | [=o.extension] | [=o.subscriptions] | [=o.why] | `[=o.setting]` |
[/#list]
[/#if]
[#if aiPrerequisites?has_content]

### Threat protection for AI services: before you deploy

[#list aiPrerequisites as p]
[#if p.heading?has_content]
- [=p.heading]:
[#list p.texts as t]
  - [=t]
[/#list]
[#else]
[#list p.texts as t]
- [=t]
[/#list]
[/#if]
[/#list]
[/#if]

[/#if]
[#if connectors?has_content]
## Multicloud connectors

| Cloud | Account or project | Name | Plans | Template |
|---|---|---|---|---|
[#list connectors as c]
| [=c.cloud] | [=c.id] | [=c.name] | [=c.offerings] | `[=c.file]` |
[/#list]

The cloud side is **reconstructed**, not published by Microsoft: the portal generates the AWS CloudFormation
stack and the GCP script for the plans you pick, and neither can be fetched from an API. The role names,
audiences, providers and service accounts here are the defaults of Microsoft's own onboarding samples; the
connectors and the checks are generated from the same model, so they agree with each other, and
`check-aws.sh` tells you whether they agree with your account. The GCP workload identity pool ID defaults to
the tenant ID without hyphens, as Microsoft's sample describes it: compare it with the portal's script.
[#if awsExternalIds?has_content]

The containers offering names an external ID (the estate's `containersExternalId`) that the trust policy of
its data-collection role must hold. After deploying the portal's stack, copy it from that role (IAM console:
Roles, the role, Trust relationships, the `sts:ExternalId` condition; or the command below) into the estate
and generate again; `check-aws.sh` compares the two:

[#list awsExternalIds as x]
- AWS [=x.account]: `aws iam get-role --role-name [=x.role] --query '[=awsExternalIdQuery]' --output text`
[/#list]
[/#if]
[#if defenderManualSteps?has_content]

Manual steps:

[#list defenderManualSteps as m]
- [=m]
[/#list]
[/#if]

[/#if]
[/#if]
