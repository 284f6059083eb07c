[#--
  Helpers for parsed JSON, included by deploy-all.ps1, deploy-conditional-access.ps1, deploy-dlp.ps1,
  deploy-office365-presets.ps1 and Export-Tenant.ps1 (with common.ps1.ftl, whose Get-MemberValue reads members). Needs the script constant $GuidPattern.
--]
# Shared helpers (templates/scripts/shared/json-helpers.ps1.ftl): kinds of parsed JSON values.

function Test-IsList {
    # True for a list: any enumerable value except a string or a dictionary. Parsed JSON arrays are object[];
    # the multi-valued properties of tenant objects are other collection types, not always IList.
    param($Value)
    if ($null -eq $Value -or $Value -is [string] -or $Value -is [System.Collections.IDictionary]) {
        return $false
    }
    return ($Value -is [System.Collections.IEnumerable])
}

function Test-IsJsonObject {
    # True for a JSON object as ConvertFrom-Json returns it (PSCustomObject), whose members are read through
    # PSObject.Properties. A dictionary (a Graph response, a hashtable) is not one.
    param($Value)
    if ($null -eq $Value) {
        return $false
    }
    return ($Value -is [System.Management.Automation.PSCustomObject])
}

function Test-Guid {
    # True for a string that is a GUID (an object, tenant or app ID).
    param($Value)
    return (($Value -is [string]) -and ($Value -match $GuidPattern))
}
