[#-- Values come from InitProject.Model: identifiers checked against the estate's patterns (AnswerCheck) and
     our own data. A string whose pattern also admits YAML's null, true, false or a number (a region "null",
     a resource group "123") is written in quotes; free text (label names) comes quoted by YamlText. --]
# yaml-language-server: $schema=estate.schema.json
#
# Estate of tenant [=tenantId], written by `baseline init` ([=generatorVersion]).
[#list header as line]
# [=line]
[/#list]
# Every setting the preset switched on is written out below; change anything, then run
#   baseline validate estate.yaml && baseline generate estate.yaml --out out
# Everything starts in report-only (Conditional Access) and simulation (DLP): nothing is enforced until
# you set a policy's stage to enabled (or pilot) under `policies` or `data.policies`.
apiVersion: ai-security-baseline/v1
kind: Estate
tenant:
  id: [=tenantId]
[#if primaryDomain??]
  primaryDomain: [=primaryDomain]
[/#if]
  # Licences decide which policies can be generated; the run lists what is left out and why.
  licences: [[#list licences as l][=l][#sep], [/#sep][/#list]]
  services:
    intune: [=intune?c]
    microsoft365Copilot: [=copilot?c]
    securityCopilot: [=securityCopilot?c]
    # Set to true once Purview Insider Risk Management with Adaptive Protection is configured; the
    # insider-risk policies for generative AI (CA041, CA042) need it.
    purviewInsiderRisk: false

# Emergency-access accounts: excluded from every policy that targets users. Keep two or more cloud-only
# accounts with phishing-resistant credentials, and alert on every sign-in.
breakGlass:
[#if breakGlassUsers?has_content]
  accounts:
[#list breakGlassUsers as b]
    - id: [=b]
      name: Break-glass account [=b?counter]
[/#list]
[/#if]
[#if breakGlassGroups?has_content]
  groups:
[#list breakGlassGroups as g]
    - id: [=g]
      name: Break-glass group [=g?counter]
[/#list]
[/#if]
[#if groups?has_content]

groups:
[#list groups as g]
  - key: [=g.key]
    id: [=g.id]
    name: [=g.name]
    purpose: [=g.purpose]
[/#list]
[/#if]

baseline:
  # starting-point, enterprise or specialized (Microsoft's Zero Trust tiers; each includes the one before).
  tier: [=tier]
  defaultStage: report-only

# Per-policy settings. Example: promote a policy after reviewing its report-only sign-ins:
#   CA004:
#     stage: enabled
# Exclusions need a reason:
#   CA008:
#     exclude:
#       groups: [pilot]
#       reason: Why these users may sign in without MFA, and until when.
policies: {}
[#if purview]

data:
  # The tenant's sensitivity labels (label GUIDs differ per tenant: Get-Label | Format-List Name,Guid).
  # Mark the ones Copilot must not process with highlySensitive: true (policy DLP001).
[#if labels?has_content]
  labels:
[#list labels as l]
    - key: "[=l.key]"
      name: [=l.quotedName]
      id: [=l.id]
      highlySensitive: [=l.highlySensitive?c]
[/#list]
[#else]
  labels: []
  # A tenant without labels yet: uncomment to create Microsoft's default label set (no GUIDs needed), and
  # publish it to everyone with a label policy (the output README lists the preset's label keys).
  # labelPreset: microsoftDefault
  # labelPolicies:
  #   - key: everyone
  #     name: Sensitivity labels for everyone
  #     labels: [personal, public, general-anyone, general-all-employees, confidential-anyone,
  #       confidential-all-employees, confidential-trusted-people, highly-confidential-all-employees,
  #       highly-confidential-specific-people]
  #     publishTo: {everyone: true}
[/#if]
  # CISA MS.SECURITYSUITE.3.1: at least credit card numbers, U.S. ITIN and U.S. SSN.
  sensitiveInfoTypes: [creditCardNumber, usIndividualTaxpayerIdentificationNumber, usSocialSecurityNumber]
  # Set to true once Windows or macOS devices are onboarded to Microsoft Purview (endpoint DLP).
  devicesOnboarded: false
  defaultStage: simulation
  policies:
    DLP002:
      # Preset [=tier]: content with this many instances or more is blocked; below it users may override.
      highVolumeThreshold: [=highVolumeThreshold]
[/#if]
[#if subscriptions?has_content || awsAccounts?has_content || gcpProjects?has_content]

threat:
[#if subscriptions?has_content]
  azure:
    deploymentLocation: "[=region]"
[#if defenderPlansOff?has_content]
    # Preset [=tier] keeps these plans off; turn them on (tier: Standard) as the workloads appear.
    plans:
[#list defenderPlansOff as plan]
      [=plan]: {tier: Free}
[/#list]
[/#if]
    subscriptions:
[#list subscriptions as s]
      - id: [=s.id]
        hostsAiWorkloads: [=s.ai?c]
[/#list]
[/#if]
[#if awsAccounts?has_content || gcpProjects?has_content]
  connectorHost:
    subscription: [=subscriptions[0].id]
    resourceGroup: "[=connectorResourceGroup]"
    location: "[=region]"
[/#if]
[#if awsAccounts?has_content]
  aws:
    accounts:
[#list awsAccounts as a]
      - id: "[=a]"
        offerings: [cspm, defenderCspm, servers]
[/#list]
[/#if]
[#if gcpProjects?has_content]
  gcp:
    projects:
[#list gcpProjects as g]
      - projectId: "[=g.projectId]"
        projectNumber: "[=g.projectNumber]"
        offerings: [cspm, defenderCspm, servers]
[/#list]
[/#if]
[/#if]
