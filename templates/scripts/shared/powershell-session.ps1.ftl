[#--
  Helpers of the PowerShell scripts that check modules and run part of their work in a new PowerShell process
  (deploy-all.ps1, one process per family; Export-Tenant.ps1, one per part): module versions, the platform, and the
  executable of this PowerShell. The Microsoft Graph, Exchange Online and Az modules conflict in one process (see
  deploy-all.ps1).
--]
# Shared helpers (templates/scripts/shared/powershell-session.ps1.ftl): modules, the platform, the PowerShell
# executable.

function Get-ModuleVersion {
    # Emits the versions of a module that PowerShell can load, highest first.
    param([string]$Name)
    Get-Module -ListAvailable -Name $Name -ErrorAction SilentlyContinue |
        ForEach-Object { $_.Version } |
        Sort-Object -Descending
}

function Get-LoadedModuleVersion {
    # Version of a module already loaded in this session, or $null.
    param([string]$Name)
    $loaded = @(Get-Module -Name $Name)
    if ($loaded.Count -eq 0) {
        return $null
    }
    return $loaded[0].Version
}

function Test-WindowsPlatform {
    # Windows PowerShell 5.1 runs only on Windows; PowerShell 7 sets $IsWindows.
    $variable = Get-Variable -Name 'IsWindows' -ErrorAction SilentlyContinue
    if (($null -ne $variable) -and ($variable.Value -eq $false)) {
        return $false
    }
    return $true
}

function Get-PowerShellExecutable {
    # The executable of this PowerShell, for the new processes: powershell.exe for Windows PowerShell 5.1
    # (PSEdition Desktop), pwsh.exe or pwsh for PowerShell 7 (PSEdition Core), in $PSHOME. $null when absent.
    $name = 'powershell.exe'
    if ([string]$PSVersionTable.PSEdition -eq 'Core') {
        $name = 'pwsh'
        if (Test-WindowsPlatform) {
            $name = 'pwsh.exe'
        }
    }
    $path = Join-Path -Path $PSHOME -ChildPath $name
    if (Test-Path -LiteralPath $path -PathType Leaf) {
        return $path
    }
    return $null
}
