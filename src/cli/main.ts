/**
 * The command line: a thin layer over the lint API. Every failure is one line on stderr and a documented exit code.
 * Whatever reaches the terminal from a message (paths, rule ids and titles from rule files, config values, the
 * command line echoed by commander) is escaped first (src/report/escape.ts), and a reader that closes the pipe early
 * ends the output quietly (closed-output.ts).
 */
import { Command, CommanderError, Option } from 'commander';
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
    .description('Lint Configuration Manager cloud management gateway (CMG) and internet-based client management (IBCM) designs against Microsoft\'s documented constraints.')
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
  cmlint rules --format json            list every rule
  cmlint explain CMG001                 show a rule's documentation

Colour follows the terminal; NO_COLOR turns it off, FORCE_COLOR on.`,
    );

  cli
    .command('lint', { isDefault: true })
    .description('lint exports: files, folders (searched for .yaml, .yml, .json), globs, or - for stdin')
    .argument('[paths...]', 'files, folders or globs to lint (default: the current folder)')
    .addOption(new Option('-f, --format <format>', 'report format').choices(formatNames()).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings')
    .option('-q, --quiet', 'report errors only')
    .option('--as-of <date>', 'the date date-based rules compare with (YYYY-MM-DD; default today)')
    .option('--max-file-size <bytes>', 'refuse exports larger than this (default 67108864)')
    .option('--rules <folder>', 'also load the rule files in this folder (repeatable)', collect)
    .option('-c, --config <file>', 'use this config file (default: cmlint.config.yaml, .yml or .json here or in a folder above)')
    .option('--no-config', 'use no config file')
    .option('--baseline <file>', 'report only findings that are not in this baseline')
    .option('--write-baseline <file>', 'record the current findings in this baseline file (they are then not reported)')
    .option('--only-exports', 'skip named files that are not exports (no schemaVersion), as a folder search does; for the pre-commit hook')
    .option('-j, --jobs <n>', 'lint files in n threads (default: one per CPU idle now, for runs of thousands of files); the report is the same')
    .action(async (paths: string[], options) => {
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
    process.stderr.write(`cmlint: internal error: ${escapeControl(detail.split('\n')[0] ?? '')} (set CMLINT_DEBUG=1 for details)\n`);
    if (process.env.CMLINT_DEBUG) process.stderr.write(`${escapeControlLines((error as Error)?.stack ?? '')}\n`);
    return EXIT_USAGE;
  }
}
