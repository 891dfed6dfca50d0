/**
 * `--format html`: one self-contained page. It loads nothing (its Content-Security-Policy allows no source but its own
 * inline style sheet and script, by hash), works without JavaScript, and shows for each export: a header (file, SHA-256,
 * sites and versions), summary tiles, the topology picture (inline SVG drawn here, see topology-svg.ts), every finding
 * with the export lines around it, and the rules that were suppressed, not evaluated (with the reason) or passed.
 *
 * Every value from an export goes through escapeHtml; the only links are in-page anchors and the rules' https
 * documentation links (safeHttpsUrl).
 */
import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../findings.js';
import { jsonPointer, MAX_QUOTED } from '../findings.js';
import type { FileResult } from '../lint.js';
import type { Rule } from '../rules/rule.js';
import { familyOf } from '../rules/rule.js';
import { LineIndex } from '../parse/lines.js';
import { REPORT_CSS, REPORT_SCRIPT } from './html-assets.js';
import { escapeHtml, safeHttpsUrl } from './markup-escape.js';
import { skippedSummary, type ReportInput } from './report-input.js';
import { buildTopology, type Topology } from './topology.js';
import { topologySvg } from './topology-svg.js';

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, note: 2 };
const SEVERITY_ICON: Record<Severity, string> = { error: '✖', warning: '▲', note: 'ℹ' };
const WHOLE_DESIGN = 'Design as a whole';
/**
 * Findings of one export laid out when the page opens; the rest wait in a closed <details> (moreFindings). About three
 * screens of full rows: laying out 250 of them took a quarter of a second of the 40,000-finding page's opening.
 */
export const FIRST_PAGE = 100;

export function findingAnchor(finding: Finding): string {
  return `finding-${finding.fingerprint.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function sha256Base64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/** The run's date: SOURCE_DATE_EPOCH (seconds) when set, for reproducible reports; now otherwise. */
function runDate(env: NodeJS.ProcessEnv = process.env): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  const date = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

interface RuleOutcomeRow {
  rule: Rule | undefined;
  id: string;
  reason?: string;
}

interface FileView {
  index: number;
  file: FileResult;
  topology: Topology;
  /** Zone title (the "site part") of each unsuppressed finding. */
  part: Map<Finding, string>;
  active: Finding[];
  suppressed: Finding[];
  passed: RuleOutcomeRow[];
  partlyEvaluated: RuleOutcomeRow[];
  notEvaluated: RuleOutcomeRow[];
  /** Rules turned off in the configuration: listed, not counted. */
  off: RuleOutcomeRow[];
  /** Where each line of the export starts and ends: the context shown around each finding. */
  lines: LineIndex;
}

function view(file: FileResult, index: number, rules: Rule[]): FileView {
  const topology = buildTopology(file);
  const part = new Map<Finding, string>();
  for (const zone of topology.zones) for (const f of zone.findings) part.set(f, zone.title);
  for (const node of topology.nodes) {
    const zone = topology.zones.find((z) => z.id === node.zone)?.title ?? WHOLE_DESIGN;
    for (const f of [...node.findings, ...node.rows.flatMap((r) => r.findings)]) part.set(f, zone);
  }
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const passed: RuleOutcomeRow[] = [];
  const partlyEvaluated: RuleOutcomeRow[] = [];
  const notEvaluated: RuleOutcomeRow[] = [];
  const off: RuleOutcomeRow[] = [];
  for (const [id, outcome] of [...file.outcomes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (outcome.status === 'passed') passed.push({ rule: ruleById.get(id), id });
    else if (outcome.status === 'partly-evaluated')
      partlyEvaluated.push({ rule: ruleById.get(id), id, reason: outcome.reason ?? 'a fact it needs is missing' });
    else if (outcome.status === 'not-evaluated')
      notEvaluated.push({ rule: ruleById.get(id), id, reason: outcome.reason ?? 'a fact it needs is missing' });
  }
  // A rule with a check that has no outcome at all was never run on this file: never call it passed.
  const unparsed = file.outcomes.size === 0;
  for (const rule of [...rules].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (!rule.check || file.outcomes.has(rule.id)) continue;
    (unparsed ? notEvaluated : off).push({
      rule,
      id: rule.id,
      reason: unparsed
        ? 'the export could not be read or modelled, so no rule ran (see the findings)'
        : 'turned off in the configuration',
    });
  }
  return {
    index,
    file,
    topology,
    part,
    // Most severe first (errors, warnings, notes), then by line and column: the table's order before any sorting.
    active: file.findings
      .filter((f) => !f.suppression)
      .sort(
        (a, b) =>
          SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
          a.region.startLine - b.region.startLine ||
          a.region.startColumn - b.region.startColumn,
      ),
    suppressed: file.findings.filter((f) => f.suppression),
    passed,
    partlyEvaluated,
    notEvaluated,
    off,
    lines: new LineIndex(file.source.text),
  };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function tiles(
  counts: {
    error: number;
    warning: number;
    note: number;
    suppressed: number;
    passed: number;
    partlyEvaluated: number;
    notEvaluated: number;
  },
  label: string,
): string {
  const tile = (cls: string, n: number, text: string) =>
    `<li class="tile tile-${cls}"><strong>${n}</strong>${escapeHtml(text)}</li>`;
  return (
    `<ul class="tiles" aria-label="${escapeHtml(label)}">` +
    tile('error', counts.error, counts.error === 1 ? 'error' : 'errors') +
    tile('warning', counts.warning, counts.warning === 1 ? 'warning' : 'warnings') +
    tile('note', counts.note, counts.note === 1 ? 'note' : 'notes') +
    tile('suppressed', counts.suppressed, 'suppressed') +
    tile('passed', counts.passed, counts.passed === 1 ? 'rule passed' : 'rules passed') +
    tile(
      'partly-evaluated',
      counts.partlyEvaluated,
      counts.partlyEvaluated === 1 ? 'rule partly evaluated' : 'rules partly evaluated',
    ) +
    tile(
      'not-evaluated',
      counts.notEvaluated,
      counts.notEvaluated === 1 ? 'rule not evaluated' : 'rules not evaluated',
    ) +
    '</ul>'
  );
}

function countsOf(v: FileView) {
  const c = {
    error: 0,
    warning: 0,
    note: 0,
    suppressed: v.suppressed.length,
    passed: v.passed.length,
    partlyEvaluated: v.partlyEvaluated.length,
    notEvaluated: v.notEvaluated.length,
  };
  for (const f of v.active) c[f.severity]++;
  return c;
}

/** Site codes, types and versions as the export states them. */
function sitesOf(file: FileResult): string {
  const data = file.document?.data as { hierarchy?: { sites?: unknown } } | undefined;
  const sites =
    data &&
    typeof data === 'object' &&
    data.hierarchy &&
    typeof data.hierarchy === 'object' &&
    Array.isArray(data.hierarchy.sites)
      ? data.hierarchy.sites
      : [];
  const described = sites
    .filter((s): s is Record<string, unknown> => s !== null && typeof s === 'object')
    .map((s) => {
      const facts = [
        s.SiteType,
        s.Version !== undefined ? `version ${String(s.Version)}` : 'version not stated',
      ].filter((x) => x !== undefined && x !== null);
      return `${String(s.SiteCode ?? '?')} (${facts.map(String).join(', ')})`;
    });
  return described.length ? described.join('; ') : 'none stated';
}

function contextLines(v: FileView, finding: Finding): string {
  const { startLine, endLine } = finding.region;
  if (!v.file.source.text || startLine < 1 || startLine > v.lines.lineCount) return '';
  const last = Math.min(endLine, startLine + 2);
  const from = Math.max(1, startLine - 2);
  const to = Math.min(v.lines.lineCount, last + 2);
  const out: string[] = [];
  // At most MAX_QUOTED characters of each line, as messages quote values (SECURITY.md): from the start of the lines,
  // or, when the finding is further right, from a little before its column, the same for every line so they align.
  const start = finding.region.startColumn > MAX_QUOTED - 20 ? finding.region.startColumn - 21 : 0;
  for (let n = from; n <= to; n++) {
    const raw = v.lines.lineText(v.file.source.text, n);
    const piece = raw.slice(start, start + MAX_QUOTED);
    const line = `${start > 0 && raw.length > 0 ? '…' : ''}${piece}${raw.length > start + MAX_QUOTED ? '…' : ''}`;
    const hit = n >= startLine && n <= last;
    out.push(
      `<span${hit ? ' class="hit"' : ''}><span class="ln">${n}${hit ? ' ›' : ''}</span>${escapeHtml(line)}</span>`,
    );
  }
  return `<pre class="context" aria-label="${escapeHtml(`lines ${from} to ${to} of ${v.file.path}`)}">${out.join('')}</pre>`;
}

/** Escaped text that may wrap after each slash (file paths), not in the middle of a name. */
function breakable(text: string): string {
  return escapeHtml(text).replace(/\//g, '/<wbr>');
}

function docLink(rule: Rule | undefined): string {
  if (!rule) return '';
  const href = safeHttpsUrl(rule.helpUri);
  if (!href) return '';
  const source = rule.sources.find((s) => s.url === rule.helpUri) ?? rule.sources[0];
  const text = source ? `${source.title}${source.section ? ` › ${source.section}` : ''}` : href;
  return `<p class="doc">Documentation: <a href="${escapeHtml(href)}" rel="noopener noreferrer">${escapeHtml(text)}</a></p>`;
}

function ruleCell(id: string, rule: Rule | undefined): string {
  return `<code>${escapeHtml(id)}</code>${rule ? `<span class="rule-title">${escapeHtml(rule.title)}</span>` : ''}`;
}

function severityBadge(severity: Severity): string {
  return `<span class="sev sev-${severity}"><span aria-hidden="true">${SEVERITY_ICON[severity]}</span> ${severity}</span>`;
}

/**
 * One finding's row. Past the first page (`brief`), a row leaves out the export lines around the finding (its
 * file:line:column stays) and gives a rule's title and documentation link only on the rule's first row there (the
 * script copies the title into the rule's other rows when it makes them, so a search finds them); and it carries
 * only its anchor: the attributes the filters and sorting read (severity, family, part, sort keys, index) are the
 * script's to set from the row's cells when it makes the rows (html-assets.ts, briefAttributes), as a browser without
 * scripts has no use for them. Reading the page's bytes is most of its opening: at 40,000 findings these attributes
 * were a quarter of them.
 */
function findingRow(
  v: FileView,
  finding: Finding,
  index: number,
  ruleById: Map<string, Rule>,
  brief?: Set<string>,
): string {
  const rule = ruleById.get(finding.ruleId);
  const part = v.part.get(finding) ?? WHOLE_DESIGN;
  const family = familyOf(finding.ruleId);
  const ef =
    finding.expected !== undefined || finding.actual !== undefined
      ? `<dl class="ef">${finding.expected !== undefined ? `<dt>Expected</dt><dd>${escapeHtml(finding.expected)}</dd>` : ''}${finding.actual !== undefined ? `<dt>Found</dt><dd>${escapeHtml(finding.actual)}</dd>` : ''}</dl>`
      : '';
  const location = `${v.file.path}:${finding.region.startLine}`;
  const opening = brief
    ? `<tr class="finding" id="${findingAnchor(finding)}">`
    : `<tr class="finding" id="${findingAnchor(finding)}" tabindex="-1" data-index="${index}" data-severity="${finding.severity}" data-family="${escapeHtml(family)}" data-part="${escapeHtml(part)}"` +
      ` data-sort-severity="${SEVERITY_RANK[finding.severity]}" data-sort-rule="${escapeHtml(finding.ruleId)}" data-sort-line="${finding.region.startLine}" data-sort-part="${escapeHtml(part)}">`;
  return (
    opening +
    `<td>${severityBadge(finding.severity)}</td>` +
    `<td>${brief?.has(finding.ruleId) ? `<code>${escapeHtml(finding.ruleId)}</code>` : ruleCell(finding.ruleId, rule)}</td>` +
    `<td><p class="message">${escapeHtml(finding.message)}</p>${ef}${brief ? '' : contextLines(v, finding)}${brief?.has(finding.ruleId) ? '' : docLink(rule)}</td>` +
    `<td class="where"><code>${breakable(`${location}:${finding.region.startColumn}`)}</code>${finding.pointer ? `<span class="pointer">${escapeHtml(jsonPointer(finding.pointer) || '/')}</span>` : ''}</td>` +
    `<td>${escapeHtml(part)}</td>` +
    '</tr>'
  );
}

function findingsTable(v: FileView, ruleById: Map<string, Rule>): string {
  const id = `findings-${v.index}`;
  if (!v.active.length)
    return `<p class="empty">No findings in this export${v.suppressed.length ? ' (apart from the suppressed ones below)' : ''}.</p>`;
  const th = (key: string, label: string, cls: string) =>
    `<th scope="col" class="${cls}"><button type="button" data-sort="${key}">${label}</button></th>`;
  return (
    `<div class="table-wrap"><table class="findings" id="${id}"><caption class="mono">${escapeHtml(`Findings in ${v.file.path}`)}</caption><thead><tr>` +
    th('severity', 'Severity', 'col-sev') +
    th('rule', 'Rule', 'col-rule') +
    '<th scope="col">Finding</th>' +
    th('line', 'Where', 'col-where') +
    th('part', 'Site part', 'col-part') +
    `</tr></thead><tbody>${v.active
      .slice(0, FIRST_PAGE)
      .map((f, i) => findingRow(v, f, i, ruleById))
      .join('')}</tbody></table></div>` +
    moreFindings(v, id, ruleById) +
    `<p class="empty filtered-out" data-table="${id}" hidden>Every finding of this export is hidden by the filters.</p>`
  );
}

/**
 * Findings past the first page, in a second table inside a closed <details> and a <noscript>: a browser without
 * scripts shows them when the reader opens the details; a browser with scripts reads the <noscript> as plain text
 * (builds no element from it) and the report's script makes the rows only when they are needed (the details opened,
 * a filter, a sort, a link to one of them). So a page of 40,000 findings opens about as fast as one of a thousand,
 * and every finding keeps its row, anchor and place (brief rows: see findingRow). Export values are escaped, so none
 * can end the <noscript>.
 */
function moreFindings(v: FileView, id: string, ruleById: Map<string, Rule>): string {
  if (v.active.length <= FIRST_PAGE) return '';
  const rest = v.active.slice(FIRST_PAGE);
  const documented = new Set<string>();
  const row = (f: Finding, i: number) => {
    const html = findingRow(v, f, FIRST_PAGE + i, ruleById, documented);
    documented.add(f.ruleId);
    return html;
  };
  return (
    `<details class="more-findings" data-table="${id}" data-count="${rest.length}"><summary>${escapeHtml(`Show the other ${plural(rest.length, 'finding')} (${(FIRST_PAGE + 1).toLocaleString('en-US')} to ${v.active.length.toLocaleString('en-US')})`)}</summary>` +
    `<noscript class="more-rows"><div class="table-wrap"><table class="findings" data-continues="${id}"><caption class="mono">${escapeHtml(`More findings in ${v.file.path}`)}</caption><tbody>` +
    `${rest.map(row).join('')}</tbody></table></div></noscript></details>`
  );
}

function outcomeList(rows: RuleOutcomeRow[], empty: string, withReason: boolean): string {
  if (!rows.length) return `<p class="empty">${escapeHtml(empty)}</p>`;
  return `<ul>${rows.map((r) => `<li>${ruleCell(r.id, r.rule)}${withReason && r.reason ? ` <span class="reason">— ${escapeHtml(r.reason)}</span>` : ''}</li>`).join('')}</ul>`;
}

function suppressedList(v: FileView, ruleById: Map<string, Rule>): string {
  if (!v.suppressed.length) return '<p class="empty">No finding is suppressed.</p>';
  return `<ul>${v.suppressed
    .map((f) => {
      const how = f.suppression!.kind === 'inSource' ? 'in the export' : 'in the configuration';
      return (
        `<li id="${findingAnchor(f)}" tabindex="-1">${severityBadge(f.severity)} ${ruleCell(f.ruleId, ruleById.get(f.ruleId))} <code>${escapeHtml(`${v.file.path}:${f.region.startLine}`)}</code>` +
        `<br>${escapeHtml(f.message)}<br><span class="justification">Suppressed ${how}: ${escapeHtml(f.suppression!.justification || '(no justification given)')}</span></li>`
      );
    })
    .join('')}</ul>`;
}

function legend(prefix: string): string {
  const line = (cls: string, dash: string) =>
    `<svg width="34" height="10" aria-hidden="true" class="${cls}"><line x1="1" y1="5" x2="33" y2="5" stroke-width="2" ${dash}/></svg>`;
  return (
    `<ul class="legend" id="${prefix}-legend">` +
    '<li>Border and badge give each part its worst finding: <strong>solid red, ✖</strong> error · <strong>dashed amber, ▲</strong> warning · <strong>dotted blue, i</strong> note · <strong>thin grey, ✓</strong> no finding. Select a part to go to its worst finding.</li>' +
    `<li>${line('legend-stated', 'stroke="#56636f"')} connection stated in network.connections</li>` +
    `<li>${line('legend-implied', 'stroke="#56636f" stroke-dasharray="6 4"')} connection implied by the roles</li>` +
    `<li>${line('legend-dns', 'stroke="#6f4fa0" stroke-dasharray="2 3"')} public DNS name</li>` +
    '</ul>'
  );
}

function fileSection(v: FileView, input: ReportInput, ruleById: Map<string, Rule>, multi: boolean): string {
  const sha = createHash('sha256').update(v.file.source.bytes).digest('hex');
  const prefix = `f${v.index}`;
  const svg = topologySvg(v.topology, {
    idPrefix: prefix,
    findingHref: (f) => `#${findingAnchor(f)}`,
    title: `Topology of ${v.file.path}`,
  });
  const unattached = v.topology.unattached.length
    ? `<p>${escapeHtml(plural(v.topology.unattached.length, 'finding'))} concern the design as a whole and are not drawn on a part.</p>`
    : '';
  return (
    `<section class="file" id="file-${v.index}" aria-labelledby="file-${v.index}-title">` +
    `<h2 id="file-${v.index}-title"><span class="mono">${escapeHtml(v.file.path)}</span></h2>` +
    '<dl class="meta">' +
    `<dt>Export</dt><dd><code>${escapeHtml(v.file.path)}</code> (${v.file.source.bytes.length.toLocaleString('en-US')} bytes)</dd>` +
    `<dt>SHA-256</dt><dd><code>${sha}</code></dd>` +
    `<dt>Sites</dt><dd>${escapeHtml(sitesOf(v.file))}</dd>` +
    '</dl>' +
    (multi ? tiles(countsOf(v), `Summary of ${v.file.path}`) : '') +
    `<h3 id="${prefix}-topology">Topology</h3>` +
    `<figure aria-labelledby="${prefix}-topology"><button type="button" class="fit-toggle" data-wrap="${prefix}-wrap" aria-pressed="false" hidden>Show picture at full size</button>` +
    `<div class="topology-wrap" id="${prefix}-wrap" tabindex="0" role="region" aria-label="${escapeHtml(`Topology picture of ${v.file.path}, scrollable`)}">${svg}</div>` +
    `<figcaption>${legend(prefix)}${unattached}</figcaption></figure>` +
    `<h3>Findings <span class="empty">(${escapeHtml(plural(v.active.length, 'finding'))})</span></h3>` +
    findingsTable(v, ruleById) +
    '<h3>Rules</h3><div class="outcomes">' +
    `<section aria-labelledby="${prefix}-suppressed"><h4 id="${prefix}-suppressed">Suppressed findings (${v.suppressed.length})</h4>${suppressedList(v, ruleById)}</section>` +
    `<section aria-labelledby="${prefix}-not-evaluated"><h4 id="${prefix}-not-evaluated">Rules not evaluated (${v.notEvaluated.length})</h4>` +
    '<p class="reason">The export lacks a fact these rules need; they are neither passed nor failed.</p>' +
    `${outcomeList(v.notEvaluated, 'Every rule was evaluated.', true)}` +
    (v.off.length
      ? `<p class="reason">Turned off in the configuration (not counted): ${v.off.map((r) => `<code>${escapeHtml(r.id)}</code>`).join(', ')}.</p>`
      : '') +
    '</section>' +
    `<section aria-labelledby="${prefix}-partly-evaluated"><h4 id="${prefix}-partly-evaluated">Rules partly evaluated (${v.partlyEvaluated.length})</h4>` +
    '<p class="reason">Some elements these rules apply to lack a fact they need; the rest passed. Not a pass.</p>' +
    `${outcomeList(v.partlyEvaluated, 'No rule was partly evaluated.', true)}</section>` +
    `<section aria-labelledby="${prefix}-passed"><h4 id="${prefix}-passed">Rules passed (${v.passed.length})</h4>` +
    `<details><summary>Show the ${escapeHtml(plural(v.passed.length, 'rule'))} checked and passed</summary>${outcomeList(v.passed, 'No rule passed.', false)}</details></section>` +
    '</div>' +
    `<p class="meta-tool empty">Checked by cmlint ${escapeHtml(input.toolVersion)}.</p>` +
    '</section>'
  );
}

function filters(views: FileView[]): string {
  const families = [...new Set(views.flatMap((v) => v.active.map((f) => familyOf(f.ruleId))))].sort();
  const parts = [...new Set(views.flatMap((v) => v.active.map((f) => v.part.get(f) ?? WHOLE_DESIGN)))].sort();
  const options = (values: string[]) =>
    values.map((x) => `<option value="${escapeHtml(x)}">${escapeHtml(x)}</option>`).join('');
  return (
    '<form class="filters" id="filters" role="search" aria-label="Filter findings" hidden>' +
    '<fieldset><legend>Severity</legend>' +
    (['error', 'warning', 'note'] as const)
      .map((s) => `<label><input type="checkbox" name="severity" value="${s}" checked> ${s}s</label>`)
      .join('') +
    '</fieldset>' +
    `<label>Rule family <select name="family"><option value="">all</option>${options(families)}</select></label>` +
    `<label>Site part <select name="part"><option value="">all</option>${options(parts)}</select></label>` +
    '<label>Search <input type="search" name="q" placeholder="text, rule, host…"></label>' +
    '<button type="button" id="clear-filters">Clear filters</button>' +
    '<p class="filter-status" id="filter-status" role="status" aria-live="polite"></p>' +
    '</form>'
  );
}

export function formatHtml(input: ReportInput): string {
  const ruleById = new Map(input.rules.map((r) => [r.id, r]));
  const views = input.files.map((file, i) => view(file, i, input.rules));
  const multi = views.length > 1;
  const total = { error: 0, warning: 0, note: 0, suppressed: 0, passed: 0, partlyEvaluated: 0, notEvaluated: 0 };
  for (const v of views) {
    const c = countsOf(v);
    for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += c[key];
  }
  const css = REPORT_CSS;
  const script = REPORT_SCRIPT;
  const csp = [
    "default-src 'none'",
    `style-src 'sha256-${sha256Base64(css)}'`,
    `script-src 'sha256-${sha256Base64(script)}'`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const title = views.length === 1 ? `cmlint report: ${views[0]!.file.path}` : `cmlint report: ${views.length} exports`;
  const summaryNote = multi ? ' (rule counts add up each export’s outcomes)' : '';
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // The policy is ours alone (no export value); its single quotes need no escaping in a double-quoted attribute.
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="cmlint ${escapeHtml(input.toolVersion)}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${css}</style>`,
    '</head>',
    '<body>',
    '<header class="page-header">',
    '<h1>cmlint report</h1>',
    `<p>cmlint ${escapeHtml(input.toolVersion)} · run ${escapeHtml(runDate())} · ${escapeHtml(plural(views.length, 'export'))}: ${views.map((v) => `<a href="#file-${v.index}" class="mono">${escapeHtml(v.file.path)}</a>`).join(', ')}</p>`,
    '</header>',
    '<main>',
    `<h2 class="summary-title">Summary${escapeHtml(summaryNote)}</h2>`,
    tiles(total, 'Summary of the run'),
    views.length === 0 ? '<p class="empty">No export was linted.</p>' : '',
    skippedSummary(input.skipped) ? `<p class="skipped">${escapeHtml(skippedSummary(input.skipped)!)}</p>` : '',
    filters(views),
    ...views.map((v) => fileSection(v, input, ruleById, multi)),
    '</main>',
    `<script>${script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
