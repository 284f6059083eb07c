[#--
  Running Azure Resource Manager deployments, and their what-if previews, with retry: enable-defender.ps1 and
  enable-sentinel.ps1 (with common.ps1.ftl). Needs the script constants $MaxAttempts, $RetryPattern and
  $PermanentPattern (the error codes, as whole words, that are retried or final). Sets $RetryBaseSeconds, the
  first back-off delay, from DEFENDER_RETRY_BASE_SECONDS (default 15), where it is included.
--]
# Shared helpers (templates/scripts/shared/arm-deployment.ps1.ftl): deployments retried with back-off.

$RetryBaseSeconds = 15
if (-not [string]::IsNullOrEmpty($env:DEFENDER_RETRY_BASE_SECONDS)) {
    if (-not ($env:DEFENDER_RETRY_BASE_SECONDS -match '^[0-9]{1,4}$')) {
        throw ('DEFENDER_RETRY_BASE_SECONDS must be a whole number of seconds, not "' +
            $env:DEFENDER_RETRY_BASE_SECONDS + '".')
    }
    $RetryBaseSeconds = [int]$env:DEFENDER_RETRY_BASE_SECONDS
}

function Invoke-ArmDeployment {
    # Runs one deployment, or with -Preview its what-if: $Action is a script block that calls the cmdlet and
    # returns its result. A deployment that ends in another state than Succeeded, or a what-if whose status is
    # Failed, fails. A failure is retried with exponential back-off while it says that another operation is in
    # progress ($RetryPattern), up to $MaxAttempts attempts, and never when it names a final code.
    param(
        [Parameter(Mandatory = $true)][string]$Name,
        [Parameter(Mandatory = $true)][scriptblock]$Action,
        [switch]$Preview
    )
    $attempt = 1
    while ($true) {
        try {
            $result = & $Action
            if ($Preview) {
                if ([string](Get-MemberValue -Object $result -Name 'Status') -eq 'Failed') {
                    $failure = Get-MemberValue -Object $result -Name 'Error'
                    throw ('What-if of deployment ' + $Name + ' failed: ' + [string](Get-MemberValue -Object $failure -Name 'Code') +
                        ' ' + [string](Get-MemberValue -Object $failure -Name 'Message'))
                }
            }
            else {
                $state = [string](Get-MemberValue -Object $result -Name 'ProvisioningState')
                if ($null -ne $result -and $state -ne 'Succeeded') {
                    throw ('Deployment ' + $Name + ' ended in state ' + $state + '.')
                }
            }
            return $result
        }
        catch {
            $text = Get-ErrorText -ErrorRecord $_
            if ($attempt -ge $MaxAttempts -or ($text -cmatch $PermanentPattern) -or -not ($text -cmatch $RetryPattern)) {
                throw
            }
            $delay = $RetryBaseSeconds * (1 -shl ($attempt - 1))
            Write-Warning ('Another operation is in progress (attempt {0} of {1} failed); retrying in {2} s.' -f
                $attempt, $MaxAttempts, $delay)
            Start-Sleep -Seconds $delay
            $attempt++
        }
    }
}
