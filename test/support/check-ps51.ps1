<#
    Lists what in a script needs a PowerShell newer than Windows PowerShell 5.1, read from the script's syntax tree:
    operators and blocks added in 6 and 7 (?:, ??, ??=, ?., ?[], && and ||, clean), commands and parameters that
    5.1 lacks, and variables it does not set. Writes a JSON array of { line, what }; parse errors are listed too.
#>
param([Parameter(Mandatory = $true)] [string] $Path)
$ErrorActionPreference = 'Stop'
$tokens = $null
$errors = $null
$ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref] $tokens, [ref] $errors)
$found = New-Object System.Collections.ArrayList
function Add-Finding($Extent, [string] $What) { [void] $found.Add([ordered] @{ line = $Extent.StartLineNumber; what = $What }) }

foreach ($error in $errors) { Add-Finding $error.Extent ('parse error: ' + $error.Message) }

$newCommands = @('Join-String', 'Test-Json', 'Get-Error', 'ConvertFrom-Markdown', 'Show-Markdown', 'Get-MarkdownOption', 'Set-MarkdownOption',
    'Get-Uptime', 'Remove-Alias', 'Remove-Service', 'Get-SecureRandom', 'ConvertTo-CliXml', 'ConvertFrom-CliXml', 'Get-PSSubsystem')
$newParameters = @{
    'ConvertTo-Json'    = @('AsArray', 'EnumsAsStrings', 'EscapeHandling')
    'ConvertFrom-Json'  = @('AsHashtable', 'Depth', 'NoEnumerate', 'DateKind')
    'ForEach-Object'    = @('Parallel', 'ThrottleLimit', 'TimeoutSeconds', 'AsJob', 'UseNewRunspace')
    'Invoke-RestMethod' = @('SkipCertificateCheck', 'Authentication', 'Token', 'SslProtocol', 'StatusCodeVariable', 'ResponseHeadersVariable', 'SkipHttpErrorCheck', 'Form', 'Resume', 'MaximumRetryCount', 'RetryIntervalSec', 'NoProxy', 'SkipHeaderValidation', 'AllowUnencryptedAuthentication', 'HttpVersion', 'ConnectionTimeoutSeconds')
    'Invoke-WebRequest' = @('SkipCertificateCheck', 'Authentication', 'Token', 'SslProtocol', 'SkipHttpErrorCheck', 'Form', 'Resume', 'MaximumRetryCount', 'RetryIntervalSec', 'NoProxy', 'SkipHeaderValidation', 'AllowUnencryptedAuthentication', 'HttpVersion', 'ConnectionTimeoutSeconds')
    'Get-Content'       = @('AsByteStream')
    'Set-Content'       = @('AsByteStream')
    'Add-Content'       = @('AsByteStream')
    'Join-Path'         = @('AdditionalChildPath')
    'Split-Path'        = @('LeafBase', 'Extension')
    'Select-String'     = @('Raw', 'NoEmphasis')
    'Get-ChildItem'     = @('FollowSymlink')
}
$newVariables = @('IsWindows', 'IsLinux', 'IsMacOS', 'IsCoreCLR', 'PSStyle', 'PSNativeCommandArgumentPassing', 'PSNativeCommandUseErrorActionPreference')

$nodes = $ast.FindAll({ $true }, $true)
foreach ($node in $nodes) {
    $type = $node.GetType().Name
    if ($type -eq 'TernaryExpressionAst') { Add-Finding $node.Extent 'ternary operator ?: (PowerShell 7)' }
    elseif ($type -eq 'PipelineChainAst') { Add-Finding $node.Extent 'pipeline chain operator && or || (PowerShell 7)' }
    elseif ($type -eq 'BinaryExpressionAst' -and [string] $node.Operator -eq 'QuestionQuestion') { Add-Finding $node.Extent 'null-coalescing operator ?? (PowerShell 7)' }
    elseif ($type -eq 'AssignmentStatementAst' -and [string] $node.Operator -eq 'QuestionQuestionEquals') { Add-Finding $node.Extent 'null-coalescing assignment ??= (PowerShell 7)' }
    elseif (($type -eq 'MemberExpressionAst' -or $type -eq 'InvokeMemberExpressionAst' -or $type -eq 'IndexExpressionAst') -and $node.NullConditional) { Add-Finding $node.Extent 'null-conditional member access ?. or ?[] (PowerShell 7.1)' }
    elseif ($type -eq 'ScriptBlockAst' -and $null -ne $node.PSObject.Properties['CleanBlock'] -and $null -ne $node.CleanBlock) { Add-Finding $node.CleanBlock.Extent 'clean block (PowerShell 7.3)' }
    elseif ($type -eq 'VariableExpressionAst' -and $newVariables -contains $node.VariablePath.UserPath) { Add-Finding $node.Extent ('automatic variable $' + $node.VariablePath.UserPath + ' (PowerShell 6 or later)') }
    elseif ($type -eq 'CommandAst') {
        $name = $node.GetCommandName()
        if ($null -eq $name) { continue }
        if ($newCommands -contains $name) { Add-Finding $node.Extent ('command ' + $name + ' (PowerShell 6 or later)') }
        $key = @($newParameters.Keys | Where-Object { $_ -eq $name }) | Select-Object -First 1
        foreach ($element in $node.CommandElements) {
            if ($element.GetType().Name -ne 'CommandParameterAst') { continue }
            if ($null -ne $key -and $newParameters[$key] -contains $element.ParameterName) { Add-Finding $element.Extent ($name + ' -' + $element.ParameterName + ' (PowerShell 6 or later)') }
            if ($element.ParameterName -eq 'Encoding' -and $null -ne $element.Argument -and ([string] $element.Argument) -match '(?i)utf8(no)?bom') { Add-Finding $element.Extent '-Encoding utf8NoBOM/utf8BOM (PowerShell 6 or later)' }
        }
        $next = $node.CommandElements
        for ($i = 0; $i -lt $next.Count - 1; $i++) {
            if ($next[$i].GetType().Name -eq 'CommandParameterAst' -and $next[$i].ParameterName -eq 'Encoding' -and ([string] $next[$i + 1]) -match '(?i)^.?utf8(no)?bom.?$') { Add-Finding $next[$i].Extent '-Encoding utf8NoBOM/utf8BOM (PowerShell 6 or later)' }
        }
    }
}
ConvertTo-Json -InputObject $found.ToArray() -Depth 3
