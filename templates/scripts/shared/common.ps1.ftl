[#--
  Helpers of every generated PowerShell script (deploy-all.ps1, deploy-conditional-access.ps1, deploy-dlp.ps1,
  enable-defender.ps1, enable-sentinel.ps1, deploy-office365-presets.ps1, Export-Tenant.ps1). The one source of
  these functions: a script that needs them includes this file, and ScriptHelpersTest checks that no template
  defines them again.
--]
# Shared helpers (templates/scripts/shared/common.ps1.ftl): error text, member values.

function Get-ErrorText {
    # Message of an error record plus the service error body when there is one.
    param($ErrorRecord)
    $text = [string]$ErrorRecord.Exception.Message
    if ($null -ne $ErrorRecord.ErrorDetails -and -not [string]::IsNullOrEmpty($ErrorRecord.ErrorDetails.Message)) {
        $text = $text + ' ' + $ErrorRecord.ErrorDetails.Message
    }
    return $text
}

function Get-MemberValue {
    # Value of a property of an object (a parsed JSON object, a tenant object), or of a key of a dictionary
    # (a Graph response; the key compared case-insensitively), or $null. Strings and other value types have
    # no members here. The leading comma keeps arrays intact (no unrolling): assign the result, do not wrap
    # it in @().
    param($Object, [string]$Name)
    if ($null -eq $Object -or $Object -is [string] -or $Object -is [System.ValueType]) {
        return $null
    }
    if ($Object -is [System.Collections.IDictionary]) {
        foreach ($key in @($Object.Keys)) {
            if ([string]::Equals([string]$key, $Name, [System.StringComparison]::OrdinalIgnoreCase)) {
                return , $Object[$key]
            }
        }
        return $null
    }
    $property = $Object.PSObject.Properties[$Name]
    if ($null -eq $property) {
        return $null
    }
    return , $property.Value
}
