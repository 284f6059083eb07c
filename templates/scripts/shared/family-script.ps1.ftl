[#--
  Helpers of the deployment scripts that read a deployment.json (with common.ps1.ftl and json-helpers.ps1.ftl):
  deploy-conditional-access.ps1, deploy-dlp.ps1 and deploy-office365-presets.ps1. The document, the files it lists
  and the counts of the summary. Needs the script constants $GuidPattern and $RelativeFilePattern, and for Add-Count
  the script's $script:Counts table (kind -> outcome -> count).
--]
# Shared helpers (templates/scripts/shared/family-script.ps1.ftl): deployment.json and the files it lists, summary
# counts.

function Test-NonEmptyString {
    # True for a string that is not empty or white space.
    param($Value)
    return (($Value -is [string]) -and -not [string]::IsNullOrWhiteSpace($Value))
}

function Read-Utf8Text {
    # The text of a generated file (UTF-8).
    param([string]$Path)
    return [System.IO.File]::ReadAllText($Path, [System.Text.Encoding]::UTF8)
}

function Read-DeploymentDocument {
    # The object in deployment.json of $RootPath (the generated output's $Folder folder). Stops when the file is
    # missing, is not a JSON object or has another formatVersion than 1.
    param([string]$RootPath, [string]$Folder)

    $deploymentPath = Join-Path -Path $RootPath -ChildPath 'deployment.json'
    if (-not (Test-Path -LiteralPath $deploymentPath -PathType Leaf)) {
        throw ('deployment.json not found in "' + $RootPath + '". Use -Root to point at the "' + $Folder + '" folder' +
            ' of the generated output.')
    }
    $text = Read-Utf8Text -Path $deploymentPath
    try {
        $doc = ConvertFrom-Json -InputObject $text
    }
    catch {
        throw ('deployment.json is not valid JSON: ' + $_.Exception.Message)
    }
    if (-not (Test-IsJsonObject $doc)) {
        throw 'deployment.json must contain a JSON object.'
    }

    $formatVersion = Get-MemberValue -Object $doc -Name 'formatVersion'
    if (-not (($formatVersion -is [int]) -or ($formatVersion -is [long])) -or $formatVersion -ne 1) {
        throw ('deployment.json has formatVersion "' + [string]$formatVersion + '"; this script understands' +
            ' formatVersion 1. Regenerate the output with the same version of ai-security-baseline.')
    }
    return $doc
}

function Read-DeploymentTenant {
    # The tenantId (a GUID, kept in lower case) and managedMarker (a non-empty string) of the deployment.json
    # object $Document, into $Model.TenantId and $Model.ManagedMarker; a problem for each that is not valid.
    param($Document, [hashtable]$Model, $Problems)

    $tenantId = Get-MemberValue -Object $Document -Name 'tenantId'
    if (Test-Guid $tenantId) {
        $Model.TenantId = ([string]$tenantId).ToLowerInvariant()
    }
    else {
        $Problems.Add('tenantId must be a GUID.')
    }

    $marker = Get-MemberValue -Object $Document -Name 'managedMarker'
    if (Test-NonEmptyString $marker) {
        $Model.ManagedMarker = [string]$marker
    }
    else {
        $Problems.Add('managedMarker must be a non-empty string.')
    }
}

function Resolve-EntryFile {
    # Full path of a file listed in deployment.json, or $null after recording a problem.
    param([string]$RootPath, $Value, [string]$Context, $Problems)
    if (-not (Test-NonEmptyString $Value)) {
        $Problems.Add($Context + ': "file" must be a non-empty relative path.')
        return $null
    }
    if (-not ($Value -cmatch $RelativeFilePattern) -or [System.IO.Path]::IsPathRooted($Value)) {
        $Problems.Add($Context + ': "file" must be a relative path inside the deployment folder (segments of' +
            ' letters, digits, ".", "_" or "-" separated by "/"; no "..", not rooted): "' + $Value + '".')
        return $null
    }
    foreach ($segment in $Value.Split([char]'/')) {
        if ($segment -eq '..' -or $segment -eq '.') {
            $Problems.Add($Context + ': "file" must not contain "." or ".." segments: "' + $Value + '".')
            return $null
        }
    }
    $separator = [string][System.IO.Path]::DirectorySeparatorChar
    $relative = $Value.Replace('/', $separator)
    $fullPath = [System.IO.Path]::GetFullPath((Join-Path -Path $RootPath -ChildPath $relative))
    $rootPrefix = $RootPath
    if (-not $rootPrefix.EndsWith($separator)) {
        $rootPrefix = $rootPrefix + $separator
    }
    if (-not $fullPath.StartsWith($rootPrefix, [System.StringComparison]::OrdinalIgnoreCase)) {
        $Problems.Add($Context + ': "file" resolves outside the deployment folder: "' + $Value + '".')
        return $null
    }
    if (-not (Test-Path -LiteralPath $fullPath -PathType Leaf)) {
        $Problems.Add($Context + ': file not found: "' + $fullPath + '".')
        return $null
    }
    return $fullPath
}

function Add-Count {
    # Adds $Amount (default 1) to the summary count of one kind of object and one outcome ($script:Counts).
    param([string]$Kind, [string]$Outcome, [int]$Amount = 1)
    $script:Counts[$Kind][$Outcome] = $script:Counts[$Kind][$Outcome] + $Amount
}
