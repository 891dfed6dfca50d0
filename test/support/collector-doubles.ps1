<#
    Runs collector/Export-CmlintSite.ps1 with the CIM cmdlets and Invoke-RestMethod replaced by test doubles: functions
    defined here, which PowerShell finds before the cmdlets of the same name. They return the instances of a fixture
    file (JSON: providerLocation, lazy properties per class, classes that fail, instances per class) and log each
    call, so the test can check what the collector asked for.
#>
param(
    [Parameter(Mandatory = $true)] [string] $FixturePath,
    [Parameter(Mandatory = $true)] [string] $CallLogPath,
    [Parameter(Mandatory = $true)] [string] $ScriptPath,
    [Parameter(Mandatory = $true)] [string] $ArgumentsJson
)
$ErrorActionPreference = 'Stop'
$fixture = Get-Content -Raw -LiteralPath $FixturePath | ConvertFrom-Json
$calls = New-Object System.Collections.ArrayList

function Get-FixtureList($Name) {
    $property = $fixture.PSObject.Properties[$Name]
    if ($null -eq $property) { return @() }
    return @($property.Value)
}

function Get-LazyNames([string] $ClassName) {
    $property = $fixture.lazy.PSObject.Properties[$ClassName]
    if ($null -eq $property) { return @() }
    return @($property.Value)
}

# Fixture JSON to what a CIM call returns: "date:<ISO>" strings become DateTime, objects with __double_class become
# embedded instances (with a CimClass naming their class).
function ConvertTo-DoubleValue($Value) {
    if ($null -eq $Value) { return $null }
    if ($Value -is [string]) {
        if ($Value.StartsWith('date:')) { return [datetime]::Parse($Value.Substring(5), [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::RoundtripKind) }
        return $Value
    }
    if ($Value -is [System.Array]) { return , @(foreach ($item in $Value) { ConvertTo-DoubleValue $item }) }
    if ($Value -is [System.Management.Automation.PSCustomObject]) {
        $className = $null
        $out = [ordered] @{}
        foreach ($property in $Value.PSObject.Properties) {
            if ($property.Name -eq '__double_class') { $className = $property.Value; continue }
            $out[$property.Name] = ConvertTo-DoubleValue $property.Value
        }
        if ($null -ne $className) { $out['CimClass'] = [pscustomobject] @{ CimClassName = $className } }
        return [pscustomobject] $out
    }
    return $Value
}

# Fixture JSON to what the AdminService returns: dates as ISO strings, embedded instances named by @odata.type.
function ConvertTo-RestValue($Value) {
    if ($null -eq $Value) { return $null }
    if ($Value -is [string]) {
        if ($Value.StartsWith('date:')) { return $Value.Substring(5) }
        return $Value
    }
    if ($Value -is [System.Array]) { return , @(foreach ($item in $Value) { ConvertTo-RestValue $item }) }
    if ($Value -is [System.Management.Automation.PSCustomObject]) {
        $out = [ordered] @{}
        foreach ($property in $Value.PSObject.Properties) {
            if ($property.Name -eq '__double_class') { $out['@odata.type'] = '#AdminService.' + $property.Value; continue }
            $out[$property.Name] = ConvertTo-RestValue $property.Value
        }
        return [pscustomobject] $out
    }
    return $Value
}

function New-DoubleInstance([string] $ClassName, $Data, [int] $Index, [switch] $Lazy, [switch] $Rest) {
    $out = [ordered] @{}
    $lazyNames = Get-LazyNames $ClassName
    foreach ($property in $Data.PSObject.Properties) {
        if ($Lazy -and $lazyNames -contains $property.Name) { $out[$property.Name] = $null; continue }
        if ($Rest) { $out[$property.Name] = ConvertTo-RestValue $property.Value } else { $out[$property.Name] = ConvertTo-DoubleValue $property.Value }
    }
    if (-not $Rest) {
        $out['CimClass'] = [pscustomobject] @{ CimClassName = $ClassName }
        $out['CimSystemProperties'] = [pscustomobject] @{ ClassName = $ClassName; DoubleIndex = $Index }
    }
    return [pscustomobject] $out
}

function Get-DoubleInstances([string] $ClassName, [switch] $Lazy, [switch] $Rest) {
    $errors = $fixture.errors.PSObject.Properties[$ClassName]
    if ($null -ne $errors) { throw $errors.Value }
    $index = 0
    foreach ($data in @($fixture.classes.PSObject.Properties[$ClassName].Value)) {
        if ($null -eq $data) { continue }
        New-DoubleInstance -ClassName $ClassName -Data $data -Index $index -Lazy:$Lazy -Rest:$Rest
        $index++
    }
}

function Get-CimInstance {
    [CmdletBinding()]
    param(
        [Parameter(ValueFromPipeline = $true)] $InputObject,
        $CimSession,
        [string] $Namespace,
        [string] $ClassName,
        [string] $Filter,
        [string[]] $Property
    )
    process {
        if ($null -ne $InputObject) {
            $className = $InputObject.CimSystemProperties.ClassName
            $index = $InputObject.CimSystemProperties.DoubleIndex
            [void] $calls.Add([ordered] @{ op = 'refetch'; class = $className; index = $index })
            return (@(Get-DoubleInstances -ClassName $className)[$index])
        }
        [void] $calls.Add([ordered] @{ op = 'query'; namespace = $Namespace; class = $ClassName; filter = $Filter; property = $Property })
        if ($ClassName -eq 'SMS_ProviderLocation') {
            foreach ($location in (Get-FixtureList 'providerLocation')) { $location }
            return
        }
        Get-DoubleInstances -ClassName $ClassName -Lazy
    }
}

function New-CimSessionOption {
    param([string] $Protocol)
    return [pscustomobject] @{ Protocol = $Protocol }
}

function New-CimSession {
    param([string] $ComputerName, $Credential, $SessionOption)
    $protocol = $null
    if ($null -ne $SessionOption) { $protocol = $SessionOption.Protocol }
    [void] $calls.Add([ordered] @{ op = 'session'; computer = $ComputerName; protocol = $protocol })
    return [pscustomobject] @{ Double = 'session'; ComputerName = $ComputerName }
}

function Remove-CimSession {
    param($CimSession)
    [void] $calls.Add([ordered] @{ op = 'close' })
}

function Invoke-RestMethod {
    param([string] $Uri, [string] $Method, [switch] $UseDefaultCredentials, $Credential)
    [void] $calls.Add([ordered] @{ op = 'rest'; uri = $Uri })
    $path = ([uri] $Uri).AbsolutePath
    $name = $path.Substring($path.LastIndexOf('/') + 1)
    if ($name -match '^(\w+)\((\d+)\)$') {
        $className = $Matches[1]
        $key = $Matches[2]
        $one = @(Get-DoubleInstances -ClassName $className -Rest | Where-Object { [string] $_.SettingsID -eq $key })
        return [pscustomobject] @{ '@odata.context' = 'https://double/AdminService/wmi/$metadata#' + $className; value = $one }
    }
    # The AdminService returns embedded Props in a query; client settings' agent settings only for one instance.
    $lazy = @('SMS_ClientSettings', 'SMS_ClientSettingsDefault') -contains $name
    $all = @(Get-DoubleInstances -ClassName $name -Lazy:$lazy -Rest)
    return [pscustomobject] @{ '@odata.context' = 'https://double/AdminService/wmi/$metadata#' + $name; value = $all }
}

$arguments = @{}
$parsed = $ArgumentsJson | ConvertFrom-Json
foreach ($property in $parsed.PSObject.Properties) {
    if ($property.Value -is [bool]) { $arguments[$property.Name] = [switch] $property.Value } else { $arguments[$property.Name] = $property.Value }
}
$code = 0
try {
    & $ScriptPath @arguments
    $code = $LASTEXITCODE
} finally {
    Set-Content -LiteralPath $CallLogPath -Value (ConvertTo-Json -InputObject $calls.ToArray() -Depth 6) -Encoding UTF8
}
exit $code
