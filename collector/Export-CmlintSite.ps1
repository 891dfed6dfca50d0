<#
.SYNOPSIS
    Dumps what cmlint imports from a Configuration Manager site: one JSON file per SMS Provider class, and a manifest.

.DESCRIPTION
    For a fixed list of SMS Provider classes, writes each class's instances to <OutputPath>\<ClassName>.json and
    records in <OutputPath>\cmlint-manifest.json the collector version, the time, the provider, the site code and,
    per class, how many instances were written or why the class could not be read (so a failure is never read as
    "nothing there"). Lazy properties (the embedded Props of site control classes, the agent settings of client
    settings) are loaded by fetching each instance again. Properties that hold secrets (passwords, secret keys,
    private keys and certificate files) are never written: they are dropped by name and listed in the manifest.

    The script only reads and writes JSON; `cmlint import <OutputPath>` does all the mapping. It runs on Windows
    PowerShell 5.1 and PowerShell 7, as a Configuration Manager administrative user with read-only rights
    (for example the Read-only Analyst role). See docs/collect.md in the cmlint package.

.PARAMETER Provider
    The SMS Provider's server. Default: this computer, through SMS_ProviderLocation in root\sms.

.PARAMETER SiteCode
    The site whose provider is read. Default: the site of the provider (SMS_ProviderLocation.ProviderForLocalSite).

.PARAMETER OutputPath
    The dump folder. Created when missing; the class files and manifest in it are replaced.

.PARAMETER AdminService
    Read the classes through the AdminService (https://<Provider>/AdminService/wmi/<Class>) instead of WMI.

.PARAMETER Credential
    Another account for WMI or the AdminService. Default: the current user.

.PARAMETER Protocol
    How WMI reaches a remote provider: Dcom (default, as the Configuration Manager console does) or Wsman (WinRM).

.EXAMPLE
    .\Export-CmlintSite.ps1 -OutputPath D:\cmlint\dump

.EXAMPLE
    .\Export-CmlintSite.ps1 -Provider cm01.corp.contoso.com -SiteCode NYC -OutputPath .\dump -AdminService
#>
[CmdletBinding()]
param(
    [string] $Provider,
    [string] $SiteCode,
    [Parameter(Mandatory = $true)] [string] $OutputPath,
    [switch] $AdminService,
    [System.Management.Automation.PSCredential] $Credential,
    [ValidateSet('Dcom', 'Wsman')] [string] $Protocol = 'Dcom'
)

$ErrorActionPreference = 'Stop'
$CollectorVersion = '1.0.0'

# The classes cmlint imports (src/import/classes.ts holds the same list; a test compares them).
$DumpClasses = @(
    'SMS_Site',
    'SMS_SCI_Component',
    'SMS_SCI_SysResUse',
    'SMS_DistributionPointInfo',
    'SMS_CM_UpdateFeatures',
    'SMS_AzureService',
    'SMS_CloudProxyConnector',
    'SMS_Azure_CloudService',
    'SMS_AAD_Application_Ex',
    'SMS_AAD_Tenant_Ex',
    'SMS_ClientSettings',
    'SMS_ClientSettingsDefault',
    'SMS_ClientSettingsAssignment',
    'SMS_BoundaryGroup',
    'SMS_BoundaryGroupSiteSystems',
    'SMS_ADForest',
    'SMS_CombinedDeviceResources'
)

# Classes whose query results leave lazy properties empty: each instance is fetched again.
$LazyClasses = @('SMS_SCI_Component', 'SMS_SCI_SysResUse', 'SMS_ClientSettings', 'SMS_ClientSettingsDefault')

# Only the component that holds communication security, not every component of every site.
$WqlFilters = @{ 'SMS_SCI_Component' = "ItemName LIKE 'SMS_SITE_COMPONENT_MANAGER%'" }
$ODataFilters = @{ 'SMS_SCI_Component' = "startswith(ItemName,'SMS_SITE_COMPONENT_MANAGER')" }

# Devices: only what the populations need (no names, no users).
$SelectedProperties = @{
    'SMS_CombinedDeviceResources' = @('ResourceID', 'SiteCode', 'IsClient', 'Domain', 'AADDeviceID', 'ClientCertType', 'IsAlwaysInternet', 'IsInternetEnabled', 'DeviceOS')
}

# Key of each lazy class, for fetching one instance again through the AdminService.
$ODataKeys = @{ 'SMS_ClientSettings' = 'SettingsID'; 'SMS_ClientSettingsDefault' = 'SettingsID' }

# Names of properties (and of embedded Props rows) that hold secrets. SecretKeyExpiry is a date, not a secret.
$SecretPattern = '(?i)(password|passwd|^pwd$|secretkey$|^secret$|clientsecret|privatekey|pfx|^ServiceCertificate$|^SerializedServiceCertificate$|^ManagementCertificate$)'

$CimHelperNames = @('CimClass', 'CimInstanceProperties', 'CimSystemProperties', 'PSComputerName', 'PSShowComputerName')

function Test-SecretName {
    param([string] $Name)
    return ($Name -match $SecretPattern)
}

function Get-DumpClassName {
    param($Instance)
    $cimClass = $Instance.PSObject.Properties['CimClass']
    if ($null -ne $cimClass -and $null -ne $cimClass.Value) {
        $name = $cimClass.Value.PSObject.Properties['CimClassName']
        if ($null -ne $name) { return [string] $name.Value }
    }
    return $null
}

function Get-DumpProperties {
    param($Instance)
    $cimProperties = $Instance.PSObject.Properties['CimInstanceProperties']
    if ($null -ne $cimProperties -and $null -ne $cimProperties.Value) {
        foreach ($property in $cimProperties.Value) { New-Object PSObject -Property @{ Name = [string] $property.Name; Value = $property.Value } }
        return
    }
    if ($Instance -is [System.Collections.IDictionary]) {
        foreach ($key in $Instance.Keys) { New-Object PSObject -Property @{ Name = [string] $key; Value = $Instance[$key] } }
        return
    }
    foreach ($property in $Instance.PSObject.Properties) {
        if ($CimHelperNames -contains $property.Name) { continue }
        if ($property.MemberType -ne 'NoteProperty' -and $property.MemberType -ne 'Property') { continue }
        New-Object PSObject -Property @{ Name = [string] $property.Name; Value = $property.Value }
    }
}

# A value as plain data for ConvertTo-Json: embedded instances become ordered dictionaries (with __CLASS), arrays stay
# arrays, secrets are dropped and their names recorded in $Redacted.
function ConvertTo-DumpValue {
    param($Value, [System.Collections.ArrayList] $Redacted, [int] $Depth)
    if ($null -eq $Value) { return $null }
    # A fresh DateTime: one carrying extended properties is written by Windows PowerShell as an object, not a date.
    if ($Value -is [datetime]) { return (New-Object System.DateTime -ArgumentList $Value.Ticks, $Value.Kind) }
    if ($Value -is [string] -or $Value -is [System.ValueType]) { return $Value }
    if ($Value -is [byte[]]) { return [System.Convert]::ToBase64String($Value) }
    if ($Depth -gt 16) { return [string] $Value }
    if ($Value -is [System.Collections.IEnumerable] -and -not ($Value -is [System.Collections.IDictionary])) {
        $items = New-Object System.Collections.ArrayList
        foreach ($item in $Value) {
            if ($null -ne $item -and -not ($item -is [string]) -and -not ($item -is [System.ValueType])) {
                $rowName = $item.PSObject.Properties['PropertyName']
                if ($null -ne $rowName -and (Test-SecretName ([string] $rowName.Value))) {
                    if (-not $Redacted.Contains([string] $rowName.Value)) { [void] $Redacted.Add([string] $rowName.Value) }
                    continue
                }
            }
            [void] $items.Add((ConvertTo-DumpValue -Value $item -Redacted $Redacted -Depth ($Depth + 1)))
        }
        return , $items.ToArray()
    }
    return (ConvertTo-DumpObject -Instance $Value -Redacted $Redacted -Depth ($Depth + 1))
}

function ConvertTo-DumpObject {
    param($Instance, [System.Collections.ArrayList] $Redacted, [int] $Depth)
    $out = [ordered] @{}
    $className = Get-DumpClassName -Instance $Instance
    if ($Depth -gt 0 -and $null -ne $className) { $out['__CLASS'] = $className }
    foreach ($property in (Get-DumpProperties -Instance $Instance)) {
        if (Test-SecretName $property.Name) {
            if (-not $Redacted.Contains($property.Name)) { [void] $Redacted.Add($property.Name) }
            continue
        }
        $out[$property.Name] = ConvertTo-DumpValue -Value $property.Value -Redacted $Redacted -Depth $Depth
    }
    return $out
}

function Get-ClassInstancesCim {
    param($Session, [string] $Namespace, [string] $ClassName)
    $query = @{ CimSession = $Session; Namespace = $Namespace; ClassName = $ClassName }
    if ($WqlFilters.ContainsKey($ClassName)) { $query['Filter'] = $WqlFilters[$ClassName] }
    if ($SelectedProperties.ContainsKey($ClassName)) { $query['Property'] = $SelectedProperties[$ClassName] }
    $instances = @(Get-CimInstance @query)
    if ($LazyClasses -contains $ClassName) {
        # A query leaves lazy properties empty; fetching the instance again by its key loads them.
        $instances = @(foreach ($instance in $instances) { Get-CimInstance -CimSession $Session -InputObject $instance })
    }
    return , $instances
}

function Get-ClassInstancesAdminService {
    param([string] $BaseUri, [string] $ClassName)
    $uri = $BaseUri + $ClassName
    $options = @()
    if ($ODataFilters.ContainsKey($ClassName)) { $options += ('$filter=' + $ODataFilters[$ClassName]) }
    if ($SelectedProperties.ContainsKey($ClassName)) { $options += ('$select=' + ($SelectedProperties[$ClassName] -join ',')) }
    if ($options.Count -gt 0) { $uri = $uri + '?' + ($options -join '&') }
    $instances = New-Object System.Collections.ArrayList
    while ($uri) {
        $response = Invoke-AdminService -Uri $uri
        foreach ($item in @($response.value)) { [void] $instances.Add($item) }
        $next = $response.PSObject.Properties['@odata.nextLink']
        if ($null -ne $next -and $next.Value) { $uri = [string] $next.Value } else { $uri = $null }
    }
    if ($ODataKeys.ContainsKey($ClassName)) {
        $key = $ODataKeys[$ClassName]
        $loaded = New-Object System.Collections.ArrayList
        foreach ($item in $instances) {
            $response = Invoke-AdminService -Uri ($BaseUri + $ClassName + '(' + $item.$key + ')')
            $value = $response.PSObject.Properties['value']
            if ($null -ne $value) { foreach ($one in @($value.Value)) { [void] $loaded.Add($one) } } else { [void] $loaded.Add($response) }
        }
        $instances = $loaded
    }
    return , $instances.ToArray()
}

function Invoke-AdminService {
    param([string] $Uri)
    $request = @{ Uri = $Uri; Method = 'Get' }
    if ($null -ne $Credential) { $request['Credential'] = $Credential } else { $request['UseDefaultCredentials'] = $true }
    return (Invoke-RestMethod @request)
}

function Write-Utf8File {
    param([string] $Path, [string] $Text)
    [System.IO.File]::WriteAllText($Path, $Text, (New-Object System.Text.UTF8Encoding($false)))
}

# Where to read: the provider and site code given, or this computer's provider and its site.
$sessionOptions = @{}
if ($Provider) {
    $sessionOptions['ComputerName'] = $Provider
    $sessionOptions['SessionOption'] = New-CimSessionOption -Protocol $Protocol
}
if ($null -ne $Credential) { $sessionOptions['Credential'] = $Credential }
$session = New-CimSession @sessionOptions
$exitCode = 0
try {
    if (-not $SiteCode -or -not $Provider) {
        $locations = @(Get-CimInstance -CimSession $session -Namespace 'root\sms' -ClassName 'SMS_ProviderLocation')
        $location = @($locations | Where-Object { $_.ProviderForLocalSite -eq $true }) + $locations | Select-Object -First 1
        if ($null -eq $location) { throw 'SMS_ProviderLocation in root\sms names no SMS Provider; give -Provider and -SiteCode' }
        if (-not $SiteCode) { $SiteCode = [string] $location.SiteCode }
        if (-not $Provider) { $Provider = [string] $location.Machine }
    }

    if (-not (Test-Path -LiteralPath $OutputPath)) { [void] (New-Item -ItemType Directory -Path $OutputPath) }
    $folder = (Resolve-Path -LiteralPath $OutputPath).ProviderPath
    $namespace = 'root\sms\site_' + $SiteCode
    $baseUri = 'https://' + $Provider + '/AdminService/wmi/'
    $source = 'CIM'
    if ($AdminService) { $source = 'AdminService' }

    $manifestClasses = [ordered] @{}
    $written = 0
    $instanceCount = 0
    $failed = New-Object System.Collections.ArrayList
    foreach ($className in $DumpClasses) {
        $file = Join-Path $folder ($className + '.json')
        # Yesterday's file must not stand in for a class that cannot be read today.
        if (Test-Path -LiteralPath $file) { Remove-Item -LiteralPath $file -Force }
        $redacted = New-Object System.Collections.ArrayList
        try {
            if ($AdminService) { $instances = Get-ClassInstancesAdminService -BaseUri $baseUri -ClassName $className }
            else { $instances = Get-ClassInstancesCim -Session $session -Namespace $namespace -ClassName $className }
            $rows = New-Object System.Collections.ArrayList
            foreach ($instance in $instances) { [void] $rows.Add((ConvertTo-DumpObject -Instance $instance -Redacted $redacted -Depth 0)) }
            Write-Utf8File -Path $file -Text (ConvertTo-Json -InputObject $rows.ToArray() -Depth 32)
            $entry = [ordered] @{ count = $rows.Count }
            if ($redacted.Count -gt 0) { $entry['redacted'] = $redacted.ToArray() }
            $manifestClasses[$className] = $entry
            $written++
            $instanceCount += $rows.Count
        } catch {
            $message = ($_.Exception.Message -split "`r?`n")[0]
            $manifestClasses[$className] = [ordered] @{ error = $message }
            [void] $failed.Add($className + ' (' + $message + ')')
        }
    }

    $manifest = [ordered] @{
        formatVersion    = 1
        collectorVersion = $CollectorVersion
        collectedAt      = (Get-Date).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')
        provider         = $Provider
        siteCode         = $SiteCode
        source           = $source
        powershell       = $PSVersionTable.PSVersion.ToString()
        classes          = $manifestClasses
    }
    Write-Utf8File -Path (Join-Path $folder 'cmlint-manifest.json') -Text (ConvertTo-Json -InputObject $manifest -Depth 8)

    $line = 'cmlint collector: wrote ' + $written + ' of ' + $DumpClasses.Count + ' classes (' + $instanceCount + ' instances) from ' + $Provider + ' site ' + $SiteCode + ' to ' + $folder
    if ($failed.Count -gt 0) { $line = $line + '; could not read: ' + ($failed -join '; ') } else { $line = $line + '; could not read: none' }
    Write-Output $line
    if ($failed.Count -gt 0) { $exitCode = 1 }
} finally {
    if ($null -ne $session) { Remove-CimSession -CimSession $session }
}
# 1 when a class could not be read (the manifest says which), so a scheduled task shows the failure.
exit $exitCode
