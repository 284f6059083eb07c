[#--
  Helpers of the family deployment scripts deploy-conditional-access.ps1 and deploy-dlp.ps1 (with
  common.ps1.ftl and json-helpers.ps1.ftl): the files that deployment.json lists, and the counts of the summary.
  Needs the script constant $RelativeFilePattern and the script's $script:Counts table (kind -> outcome -> count).
--]
# Shared helpers (templates/scripts/shared/family-script.ps1.ftl): files listed in deployment.json, summary counts.

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
