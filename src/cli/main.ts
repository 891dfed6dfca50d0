/**
 * The command line: a thin layer over the lint API. Every failure is one line on stderr and a documented exit code.
 * Whatever reaches the terminal from a message (paths, rule ids and titles from rule files, config values, the
 * command line echoed by commander) is escaped first (src/report/escape.ts), and a reader that closes the pipe early
 * ends the output quietly (closed-output.ts).
 */
import { existsSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { closest, distance } from 'fastest-levenshtein';
import { packageVersion } from '../paths.js';
import { escapeControl, escapeControlLines } from '../report/escape.js';
import { RuleLoadError } from '../rules/load-rules.js';
import { tolerateClosedOutput } from './closed-output.js';
import { EXIT_USAGE, UsageError } from './exit-codes.js';
import { formatNames } from './formats.js';
import { runLint } from './lint-command.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function program(): Command {
  const cli = new Command('cmlint')
    .description(
      "Lint Configuration Manager cloud management gateway (CMG) and internet-based client management (IBCM) designs against Microsoft's documented constraints.",
    )
    .version(packageVersion(), '-v, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(escapeControlLines(text)) })
    .addHelpText(
      'after',
      `
Exit codes:
  0  no error findings
  1  error findings, or more warnings than --max-warnings
  2  usage error, unreadable path, broken rule or config file, or internal fault

Examples:
  cmlint lint site.yaml                 lint one export
  cmlint lint exports/ --format sarif --output cmlint.sarif
  cmlint lint --baseline cmlint-baseline.json   report only new findings
  cmlint init                           write a starter cmlint.config.yaml
  cmlint import dump/ --overlay parts.yaml -o site.yaml   export a live site (docs/collect.md)
  cmlint rules --format json            list every rule
  cmlint explain CMG001                 show a rule's documentation

Colour follows the terminal; NO_COLOR turns it off, FORCE_COLOR on; --color and --no-color decide over both.
\`cmlint schema --path\` prints where the export schema is, for editors (# yaml-language-server: $schema=...).`,
    );

  cli
    .command('lint', { isDefault: true })
    .description('lint exports: files, folders (searched for .yaml, .yml, .json), globs, or - for stdin')
    .argument('[paths...]', 'files, folders or globs to lint (default: the current folder)')
    .addOption(new Option('-f, --format <format>', 'report format').choices(formatNames()).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 on findings of this severity or worse; JUnit fails their testcases')
        .choices(['error', 'warning', 'note'])
        .default('error'),
    )
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings')
    .option(
      '-q, --quiet',
      'leave warnings and notes out of the report, in every format (they still count for --fail-on and --max-warnings)',
    )
    .option(
      '--rule <id=severity>',
      're-grade a rule (error, warning, note) or turn it off (off), over the config file; repeatable',
      collect,
    )
    .option('--color', 'colour the text report even when not writing to a terminal')
    .option('--no-color', 'never colour the text report')
    .option('--as-of <date>', 'the date date-based rules compare with (YYYY-MM-DD; default today)')
    .option('--max-file-size <bytes>', 'refuse exports larger than this (default 67108864)')
    .option('--rules <folder>', 'also load the rule files in this folder (repeatable)', collect)
    .option(
      '-c, --config <file>',
      'use this config file (default: cmlint.config.yaml, .yml or .json here or in a folder above)',
    )
    .option('--no-config', 'use no config file')
    .option('--baseline <file>', 'report only findings that are not in this baseline')
    .option('--write-baseline <file>', 'record the current findings in this baseline file (they are then not reported)')
    .option(
      '--only-exports',
      'skip named files that are not exports (no schemaVersion), as a folder search does; for the pre-commit hook',
    )
    .option(
      '-j, --jobs <n>',
      'lint files in n threads (default: one per CPU idle now, for runs of thousands of files); the report is the same',
    )
    .action(async (paths: string[], options) => {
      rejectMistypedCommand(paths, cli);
      process.exitCode = await runLint(paths, options);
    });

  cli
    .command('init')
    .description('write a commented starter cmlint.config.yaml in the current folder (never overwrites one)')
    .action(async () => {
      // Commands other than lint are loaded when run: a lint run does not read their code.
      const { runInit } = await import('./init-command.js');
      process.exitCode = runInit();
    });

  cli
    .command('schema')
    .description(
      'print a JSON Schema of the installed package (or, with --path, where it is), for editors and other tools',
    )
    .argument('[name]', 'export, config or rule', 'export')
    .option('--path', "print the schema file's path instead of its content")
    .action(async (name: string, options: { path?: boolean }) => {
      const { runSchema } = await import('./schema-command.js');
      process.exitCode = runSchema(name, options);
    });

  cli
    .command('import')
    .description(
      'turn a dump written by collector/Export-CmlintSite.ps1 (or saved AdminService responses) into an export',
    )
    .argument('<dump>', 'the dump folder: one <ClassName>.json per SMS Provider class')
    .option('-o, --output <file>', 'write the export to this file instead of stdout')
    .option('--overlay <file>', 'merge this hand-written partial export (what the site cannot tell); it wins conflicts')
    .action(async (dump: string, options) => {
      const { runImport } = await import('../import/run-import.js');
      process.exitCode = await runImport(dump, options);
    });

  cli
    .command('rules')
    .description('list every rule: id, severity and title')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--rules <folder>', 'also load the rule files in this folder (repeatable)', collect)
    .option('-c, --config <file>', 'take customRuleFolders from this config file (default: the one lint finds)')
    .option('--no-config', 'use no config file')
    .action(async (options) => {
      const { runRules } = await import('./rules-command.js');
      process.exitCode = runRules(options);
    });

  cli
    .command('lsp')
    .description('run the language server for editors (Language Server Protocol over stdio): findings as you type')
    .option('--stdio', 'talk over stdin and stdout (the default and only transport; editors pass it)')
    .action(async () => {
      const { startServer } = await import('../lsp/server.js');
      startServer(); // runs until the editor ends it (exit notification, or stdin closed)
    });

  cli
    .command('explain')
    .description("print a rule's documentation: what it checks, why, how to fix, examples and sources")
    .argument('<id>', 'rule id, for example CMG001')
    .option('--rules <folder>', 'also load the rule files in this folder (repeatable)', collect)
    .option('-c, --config <file>', 'take customRuleFolders from this config file (default: the one lint finds)')
    .option('--no-config', 'use no config file')
    .action(async (id: string, options) => {
      const { runExplain } = await import('./rules-command.js');
      process.exitCode = runExplain(id, options);
    });
  return cli;
}

/**
 * lint is the default command, so `cmlint lnt site.yaml` would lint a path named lnt and fail on it. A first argument
 * that is no file or folder, looks like a word rather than a path or glob, and is close to a command's name is taken
 * for a mistyped command instead.
 */
function rejectMistypedCommand(paths: string[], cli: Command): void {
  const first = paths[0];
  if (first === undefined || !/^[a-z][a-z-]*$/i.test(first) || existsSync(first) || cli.args[0] === 'lint') return;
  const names = cli.commands.map((command) => command.name());
  const suggestion = closest(first, names);
  if (distance(first, suggestion) <= Math.max(1, Math.floor(suggestion.length / 3))) {
    throw new UsageError(
      `unknown command ${first}, did you mean ${suggestion}? (to lint a file named ${first}, use \`cmlint lint ./${first}\`)`,
    );
  }
}

export async function main(argv: string[]): Promise<number> {
  tolerateClosedOutput(process.stdout);
  tolerateClosedOutput(process.stderr);
  try {
    await program().parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; every other commander error is a usage error (commander already printed it).
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof UsageError || error instanceof RuleLoadError) {
      // Messages name paths, rule ids and config values: one line, escaped, whatever they hold.
      process.stderr.write(`cmlint: ${escapeControl(error.message)}\n`);
      return EXIT_USAGE;
    }
    const detail = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `cmlint: internal error: ${escapeControl(detail.split('\n')[0] ?? '')} (set CMLINT_DEBUG=1 for details)\n`,
    );
    if (process.env.CMLINT_DEBUG) process.stderr.write(`${escapeControlLines((error as Error)?.stack ?? '')}\n`);
    return EXIT_USAGE;
  }
}
