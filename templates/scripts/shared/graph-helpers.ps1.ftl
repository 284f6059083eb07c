[#--
  Microsoft Graph helpers of deploy-all.ps1, deploy-conditional-access.ps1 and Export-Tenant.ps1 (with
  common.ps1.ftl): one call with retry, the status code of a failed call, every page of a collection.
--]
# Shared helpers (templates/scripts/shared/graph-helpers.ps1.ftl): Microsoft Graph calls.

# Tries of one Microsoft Graph call (Invoke-Graph): the first and up to four retries.
$GraphMaxAttempts = 5

function Get-HttpStatusCode {
    # HTTP status code of a failed Invoke-MgGraphRequest call, or 0 when unknown.
    param($ErrorRecord)
    $exception = $ErrorRecord.Exception
    while ($null -ne $exception) {
        $responseProperty = $exception.PSObject.Properties['Response']
        if ($null -ne $responseProperty -and $null -ne $responseProperty.Value) {
            $statusProperty = $responseProperty.Value.PSObject.Properties['StatusCode']
            if ($null -ne $statusProperty -and $null -ne $statusProperty.Value) {
                return [int]$statusProperty.Value
            }
        }
        $exception = $exception.InnerException
    }
    $message = [string]$ErrorRecord.Exception.Message
    if ($message -match 'TooManyRequests|\b429\b') {
        return 429
    }
    if ($message -match 'ServiceUnavailable|\b503\b') {
        return 503
    }
    if ($message -match 'NotFound|\b404\b') {
        return 404
    }
    if ($message -match 'Forbidden|\b403\b') {
        return 403
    }
    return 0
}

function Get-RetryAfterSecond {
    # Seconds from the Retry-After header of a failed call, or 0 when absent.
    param($ErrorRecord)
    try {
        $responseProperty = $ErrorRecord.Exception.PSObject.Properties['Response']
        if ($null -eq $responseProperty -or $null -eq $responseProperty.Value) {
            return 0
        }
        $retryAfter = $responseProperty.Value.Headers.RetryAfter
        if ($null -eq $retryAfter) {
            return 0
        }
        if ($null -ne $retryAfter.Delta) {
            return [int][Math]::Ceiling($retryAfter.Delta.TotalSeconds)
        }
        if ($null -ne $retryAfter.Date) {
            $seconds = ($retryAfter.Date - [DateTimeOffset]::UtcNow).TotalSeconds
            if ($seconds -gt 0) {
                return [int][Math]::Ceiling($seconds)
            }
        }
    }
    catch {
        return 0
    }
    return 0
}

function Invoke-Graph {
    # One Microsoft Graph call with retry on HTTP 429 and 503 (Retry-After, else 2, 4, 8, 16 s;
    # at most $GraphMaxAttempts tries). Bodies are sent as UTF-8 JSON.
    param(
        [Parameter(Mandatory = $true)][string]$Method,
        [Parameter(Mandatory = $true)][string]$Uri,
        [string]$Body
    )
    # Reads must run under -WhatIf too; writes are gated by ShouldProcess before this is called.
    $WhatIfPreference = $false
    $request = @{
        Method      = $Method
        Uri         = $Uri
        Headers     = @{ 'Prefer' = 'include-unknown-enum-members' }
        ErrorAction = 'Stop'
    }
    if (-not [string]::IsNullOrEmpty($Body)) {
        $request['Body'] = [System.Text.Encoding]::UTF8.GetBytes($Body)
        $request['ContentType'] = 'application/json'
    }
    $attempt = 1
    $delay = 2
    while ($true) {
        try {
            return (Invoke-MgGraphRequest @request)
        }
        catch {
            $status = Get-HttpStatusCode -ErrorRecord $_
            if (($status -eq 429 -or $status -eq 503) -and $attempt -lt $GraphMaxAttempts) {
                $wait = Get-RetryAfterSecond -ErrorRecord $_
                if ($wait -le 0) {
                    $wait = $delay
                }
                if ($wait -gt 120) {
                    $wait = 120
                }
                Write-Warning ('Microsoft Graph answered HTTP {0} to {1} {2}; retrying in {3} s (attempt {4} of {5}).' -f
                    $status, $Method, $Uri, $wait, ($attempt + 1), $GraphMaxAttempts)
                Start-Sleep -Seconds $wait
                $attempt++
                $delay = $delay * 2
            }
            else {
                throw
            }
        }
    }
}

function Get-GraphCollection {
    # Emits every item of a Graph collection, following @odata.nextLink.
    param([Parameter(Mandatory = $true)][string]$Uri)
    $next = $Uri
    while (-not [string]::IsNullOrEmpty($next)) {
        $page = Invoke-Graph -Method 'GET' -Uri $next
        if (-not ($page -is [System.Collections.IDictionary])) {
            throw ('Unexpected response from Microsoft Graph for ' + $next)
        }
        $next = $null
        if ($page.Contains('value') -and $null -ne $page['value']) {
            foreach ($item in $page['value']) {
                $item
            }
        }
        if ($page.Contains('@odata.nextLink') -and $null -ne $page['@odata.nextLink']) {
            $next = [string]$page['@odata.nextLink']
        }
    }
}
