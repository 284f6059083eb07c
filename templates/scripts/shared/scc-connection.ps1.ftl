[#--
  The Security & Compliance PowerShell connection check of deploy-dlp.ps1 and Export-Tenant.ps1 (with common.ps1.ftl):
  a connection exists, and it is for the expected tenant. -Source names what the tenant comes from, in the message.
--]
# Shared helpers (templates/scripts/shared/scc-connection.ps1.ftl): the Security & Compliance PowerShell connection.

function Assert-SccConnection {
    # Checks that a Security & Compliance PowerShell connection exists and is for $TenantId (the tenant of $Source).
    param([string]$TenantId, [string]$Source)
    $WhatIfPreference = $false
    if ($null -eq (Get-Command -Name 'Get-ConnectionInformation' -ErrorAction SilentlyContinue)) {
        throw 'Get-ConnectionInformation is not available: install ExchangeOnlineManagement 3.2.0 or later.'
    }
    $sessions = New-Object System.Collections.Generic.List[object]
    foreach ($connection in @(Get-ConnectionInformation -ErrorAction Stop)) {
        $isEop = Get-MemberValue -Object $connection -Name 'IsEopSession'
        $uri = [string](Get-MemberValue -Object $connection -Name 'ConnectionUri')
        $state = [string](Get-MemberValue -Object $connection -Name 'State')
        $isScc = (($null -ne $isEop) -and ([string]$isEop -eq 'True')) -or ($uri -match 'compliance\.protection')
        if ($isScc -and ([string]::IsNullOrEmpty($state) -or $state -eq 'Connected')) {
            $sessions.Add($connection)
        }
    }
    if ($sessions.Count -eq 0) {
        throw ('Not connected to Security & Compliance PowerShell. Run without -SkipConnect, or call' +
            ' Connect-IPPSSession first. Nothing was changed.')
    }
    $known = $false
    foreach ($session in $sessions) {
        $sessionTenant = [string](Get-MemberValue -Object $session -Name 'TenantID')
        if ([string]::IsNullOrWhiteSpace($sessionTenant)) {
            continue
        }
        if (-not [string]::Equals($sessionTenant.Trim(), $TenantId, [System.StringComparison]::OrdinalIgnoreCase)) {
            throw ('The Security & Compliance PowerShell connection is for tenant "' + $sessionTenant + '" but' +
                ' ' + $Source + ' is for tenant "' + $TenantId + '". Nothing was changed. Disconnect' +
                ' (Disconnect-ExchangeOnline) and connect to the right tenant.')
        }
        $known = $true
    }
    if (-not $known) {
        Write-Warning ('Could not read the tenant of the Security & Compliance PowerShell connection; make sure it is' +
            ' tenant ' + $TenantId + '.')
    }
    else {
        Write-Host ('Connected to Security & Compliance PowerShell, tenant ' + $TenantId + '.')
    }
}
