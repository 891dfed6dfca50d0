/**
 * The HTML report's only style sheet and script, inlined into the page and allowed by their SHA-256 hashes in the
 * page's Content-Security-Policy. Neither contains anything from an export: the script reads the page it is in.
 */

export const REPORT_CSS = `
:root{--fg:#1b1f24;--muted:#4f5965;--border:#d0d7de;--panel:#f6f8fa;--error:#b3261e;--warning:#8a5300;--note:#0b57d0;--ok:#2e6b30;--focus:#0b57d0}
*{box-sizing:border-box}
body{margin:0;color:var(--fg);background:#fff;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
code,pre,.mono{font-family:ui-monospace,"Cascadia Mono","SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",monospace;font-size:12.5px}
a{color:#0a53be}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible,[tabindex]:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.page-header{padding:14px 24px;border-bottom:1px solid var(--border);background:var(--panel)}
.page-header h1{margin:0 0 4px;font-size:22px}
.page-header p{margin:0;color:var(--muted)}
main{padding:8px 24px 40px;max-width:1500px}
h2{font-size:19px;margin:28px 0 8px;padding-top:8px;border-top:2px solid var(--border)}
h2 .mono{font-size:inherit}
h3{font-size:16px;margin:22px 0 8px}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:6px 0 10px}
.meta dt{color:var(--muted)}
.meta dd{margin:0;overflow-wrap:anywhere}
.tiles{display:flex;flex-wrap:wrap;gap:8px;list-style:none;margin:8px 0;padding:0}
.tile{border:1px solid var(--border);border-left-width:6px;border-radius:6px;padding:6px 14px;min-width:120px;background:#fff}
.tile strong{display:block;font-size:22px;line-height:1.2}
.tile-error{border-left-color:var(--error)}.tile-warning{border-left-color:#b06d00}.tile-note{border-left-color:var(--note)}
.tile-suppressed{border-left-color:#6e7781}.tile-passed{border-left-color:var(--ok)}.tile-partly-evaluated{border-left-color:#bc4c00}.tile-not-evaluated{border-left-color:#8250df}
.toc{margin:10px 0;padding-left:20px}
.filters{position:sticky;top:0;z-index:2;display:flex;flex-wrap:wrap;gap:10px 18px;align-items:end;margin:12px 0;padding:10px 12px;background:#fff;border:1px solid var(--border);border-radius:8px;box-shadow:0 2px 6px rgba(0,0,0,.06)}
.filters[hidden]{display:none}
.filters fieldset{border:0;margin:0;padding:0;display:flex;gap:10px;align-items:center}
.filters legend{float:left;margin-right:8px;color:var(--muted)}
.filters label{display:inline-flex;gap:5px;align-items:center}
.filters select,.filters input[type=search]{font:inherit;padding:3px 6px;border:1px solid #8c959f;border-radius:4px;max-width:20em}
.filters button{font:inherit;padding:3px 10px;border:1px solid #8c959f;border-radius:4px;background:var(--panel);cursor:pointer}
.filter-status{margin:0;color:var(--muted);flex-basis:100%}
.table-wrap{overflow-x:auto}
table.findings{border-collapse:collapse;width:100%;min-width:760px}
.findings th,.findings td{border-bottom:1px solid var(--border);padding:7px 8px;text-align:left;vertical-align:top}
.findings thead th{background:var(--panel);position:relative;white-space:nowrap}
.findings th button{font:inherit;font-weight:700;border:0;background:none;padding:0;cursor:pointer;color:inherit}
.findings th button::after{content:" \\2195";color:var(--muted)}
.findings th[aria-sort=ascending] button::after{content:" \\2191"}
.findings th[aria-sort=descending] button::after{content:" \\2193"}
.findings tr[hidden]{display:none}
.findings tr:target,.findings tr.flash{background:#eef4ff;outline:3px solid var(--focus);outline-offset:-3px}
.col-sev{width:7.5em}.col-rule{width:15em}.col-where{width:13em}.col-part{width:10em}
.sev{display:inline-block;white-space:nowrap;padding:1px 8px;border-radius:10px;font-weight:700;font-size:12.5px}
.sev-error{background:#fde7e9;color:#8c1d18}.sev-warning{background:#fff4ce;color:#5c3a00}.sev-note{background:#e8f0fe;color:#0842a0}
.rule-title{display:block;color:var(--muted)}
.message{margin:0 0 6px;overflow-wrap:anywhere}
.ef{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:4px 0 6px}
.ef dt{font-weight:700}.ef dd{margin:0;overflow-wrap:anywhere}
pre.context{margin:4px 0;padding:4px 0;background:var(--panel);border:1px solid var(--border);border-radius:4px;overflow-x:auto;white-space:pre}
pre.context span{display:block;padding:0 8px}
pre.context .hit{background:#fff1c2}
pre.context .ln{display:inline-block;min-width:3.5em;color:var(--muted);user-select:none}
.doc{margin:4px 0 0}
.where code{overflow-wrap:anywhere}
.pointer{display:block;color:var(--muted);font-size:12px;overflow-wrap:anywhere}
.empty{color:var(--muted);font-style:italic}
.outcomes{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px 20px}
.outcomes section{border:1px solid var(--border);border-radius:8px;padding:4px 14px 10px}
.outcomes h4{margin:8px 0;font-size:15px}
.outcomes ul{margin:0;padding-left:18px}
.outcomes li{margin:3px 0;overflow-wrap:anywhere}
.reason,.justification{color:var(--muted)}
figure{margin:8px 0}
.topology-wrap{overflow:auto;border:1px solid var(--border);border-radius:8px;background:#fff}
.topology-wrap svg{max-width:100%;height:auto}.topology-wrap.full{max-height:80vh}.topology-wrap.full svg{max-width:none}
.fit-toggle{font:inherit;font-size:13px;margin:0 0 6px;padding:2px 10px;border:1px solid #8c959f;border-radius:4px;background:var(--panel);cursor:pointer}
.fit-toggle[aria-pressed=true]{background:#dbe7fb}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;margin:6px 0;padding:0;list-style:none;color:var(--muted);font-size:13px}
.legend svg{vertical-align:middle}
.topology{display:block;font-family:ui-monospace,"Cascadia Mono","SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",monospace}
.zone-box{fill:#f7f9fb;stroke:#8c99a6;stroke-width:1.2}
.zone-internet .zone-box{fill:#f4f6f9;stroke-dasharray:8 5}
.zone-azure .zone-box{fill:#ecf4fd;stroke:#6b9bd1}
.zone-site .zone-box{fill:#f3f8ee;stroke:#86a56b}
.zone-title{font-size:14px;font-weight:700;fill:#1b1f24}
.zone-subtitle{font-size:11px;fill:#3f4a55}
.node-box{fill:#fff;stroke:#6e7781;stroke-width:1.2}
.sev-error>.node-box{stroke:var(--error);stroke-width:3.5}
.sev-warning>.node-box{stroke:#b06d00;stroke-width:3;stroke-dasharray:8 4}
.sev-note>.node-box{stroke:var(--note);stroke-width:2.5;stroke-dasharray:2 3}
.node-kind{font-size:10.5px;fill:#4f5965}
.node-title{font-size:13px;font-weight:700;fill:#1b1f24}
.node-subtitle,.row-detail{font-size:11px;fill:#4f5965}
.row-text{font-size:12px;fill:#1b1f24}
.topology a:hover .node-title,.topology a:hover .row-text,.topology a:hover .zone-title{text-decoration:underline}
.topology a:focus-visible{outline:3px solid var(--focus)}
.badge-text{font-size:10.5px;font-weight:700}
.icon{fill:none;stroke-width:1.8;stroke-linecap:round;stroke-linejoin:round}
.badge-error rect{fill:#b3261e}.badge-error .badge-text{fill:#fff}.badge-error .icon{stroke:#fff}
.badge-warning rect{fill:#ffd75e}.badge-warning .badge-text{fill:#3d2600}.badge-warning .icon{stroke:#3d2600}
.badge-note rect{fill:#0b57d0}.badge-note .badge-text{fill:#fff}.badge-note .icon{stroke:#fff}
.badge-ok rect{fill:#e6f4ea}.badge-ok .badge-text{fill:#1e4620}.badge-ok .icon{stroke:#1e4620}
.edge path{fill:none;stroke:#56636f;stroke-width:1.4}
.edge-implied path{stroke-dasharray:6 4}
.zone-link path{stroke:#86a56b;stroke-width:2}
.edge-dns path{stroke:#6f4fa0;stroke-dasharray:2 3}
.edge-proxy path{stroke:#7a5a1e}
.arrowhead{fill:#56636f}
.edge-label{font-size:11px;fill:#24292f;paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}
.no-topology{color:var(--muted)}
@media print{.filters{display:none}.topology-wrap{max-height:none;overflow:visible}}
`;

/**
 * Progressive enhancement of the findings tables: filters (severity, rule family, site part, search), sorting, and
 * deep links (#finding-<fingerprint>) that clear the filters when they point at a hidden row. Everything it needs is
 * in the page; it loads nothing.
 */
export const REPORT_SCRIPT = `
(function () {
  'use strict';
  Array.prototype.forEach.call(document.querySelectorAll('button.fit-toggle'), function (button) {
    var wrap = document.getElementById(button.dataset.wrap);
    if (!wrap) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      var full = wrap.classList.toggle('full');
      button.setAttribute('aria-pressed', full ? 'true' : 'false');
    });
  });
  var form = document.getElementById('filters');
  if (!form) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.finding'));
  // Findings past the first page arrive as the text of a <noscript> (see moreFindings in html.ts): made into rows
  // only when needed, the page opens without building them.
  function materialize(details) {
    var source = details.querySelector('noscript.more-rows');
    if (!source) return;
    var template = document.createElement('template');
    template.innerHTML = source.textContent;
    // Brief rows follow the first page of their table: their index (the sort's tie-break) goes on from it.
    var table = document.getElementById(details.dataset.table);
    var first = table ? table.querySelectorAll('tr.finding').length : 0;
    var titles = {};
    Array.prototype.forEach.call(template.content.querySelectorAll('tr.finding'), function (r, i) { briefAttributes(r, first + i, titles); });
    source.parentNode.replaceChild(template.content, source);
    rows = Array.prototype.slice.call(document.querySelectorAll('tr.finding'));
  }
  var RANK = { error: 0, warning: 1, note: 2 };
  // A brief row (past the first page) carries only its anchor: what the filters and sorting read comes from its cells,
  // the same values a full row states (findingRow in html.ts).
  // A rule's title is written on its first brief row only (html.ts): the rule's later rows get a copy of it.
  function briefAttributes(r, index, titles) {
    var badge = r.cells[0].querySelector('.sev');
    var severity = badge ? badge.className.replace(/^.*sev-/, '') : '';
    var rule = r.cells[1].querySelector('code').textContent;
    var title = r.cells[1].querySelector('.rule-title');
    if (title) titles[rule] = title;
    else if (titles[rule]) r.cells[1].appendChild(titles[rule].cloneNode(true));
    var where = /:([0-9]+):[0-9]+$/.exec(r.cells[3].querySelector('code').textContent);
    var part = r.cells[4].textContent;
    r.tabIndex = -1;
    r.dataset.index = String(index);
    r.dataset.severity = severity;
    r.dataset.family = rule.replace(/[0-9]+$/, '');
    r.dataset.part = part;
    r.dataset.sortSeverity = String(RANK[severity]);
    r.dataset.sortRule = rule;
    r.dataset.sortLine = where ? where[1] : '';
    r.dataset.sortPart = part;
  }
  function materializeAll() {
    Array.prototype.forEach.call(document.querySelectorAll('details.more-findings'), materialize);
  }
  Array.prototype.forEach.call(document.querySelectorAll('details.more-findings'), function (d) {
    d.addEventListener('toggle', function () { if (d.open && d.querySelector('noscript.more-rows')) { materialize(d); apply(); } });
  });
  var status = document.getElementById('filter-status');
  // Each row's text, read on the first search rather than when the page opens.
  var texts = new Map();
  function textOf(r) { if (!texts.has(r)) texts.set(r, r.textContent.toLowerCase()); return texts.get(r); }
  form.hidden = false;
  function apply() {
    if (filtersActive()) materializeAll();
    var severities = Array.prototype.map.call(form.querySelectorAll('input[name=severity]:checked'), function (i) { return i.value; });
    var family = form.elements.family.value;
    var part = form.elements.part.value;
    var query = form.elements.q.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (r) {
      var visible = severities.indexOf(r.dataset.severity) >= 0 && (!family || r.dataset.family === family) && (!part || r.dataset.part === part) && (!query || textOf(r).indexOf(query) >= 0);
      r.hidden = !visible;
      if (visible) shown++;
    });
    Array.prototype.forEach.call(document.querySelectorAll('.filtered-out'), function (p) {
      var table = document.getElementById(p.dataset.table);
      var more = document.querySelector('table[data-continues="' + p.dataset.table + '"]');
      p.hidden = !table || !table.querySelector('tr.finding') || !!table.querySelector('tr.finding:not([hidden])') || !!(more && more.querySelector('tr.finding:not([hidden])'));
    });
    // A filter shows what it found among the findings past the first page too.
    var filtering = shown < rows.length;
    Array.prototype.forEach.call(document.querySelectorAll('details.more-findings'), function (d) { if (filtering) d.open = true; });
    var waiting = 0;
    Array.prototype.forEach.call(document.querySelectorAll('details.more-findings'), function (d) { if (d.querySelector('noscript.more-rows')) waiting += Number(d.dataset.count) || 0; });
    status.textContent = shown === rows.length ? 'Showing all ' + (rows.length + waiting) + ' findings.' : 'Showing ' + shown + ' of ' + rows.length + ' findings.';
  }
  function filtersActive() {
    return form.querySelectorAll('input[name=severity]:not(:checked)').length > 0 || !!form.elements.family.value || !!form.elements.part.value || !!form.elements.q.value.trim();
  }
  function clearFilters() { form.reset(); apply(); }
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  document.getElementById('clear-filters').addEventListener('click', clearFilters);
  function reveal() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    if (id.indexOf('finding-') !== 0) return;
    var row = document.getElementById(id);
    if (!row && document.querySelector('noscript.more-rows')) {
      materializeAll();
      apply();
      row = document.getElementById(id);
    }
    if (!row) return;
    if (row.hidden) clearFilters();
    var more = row.closest('details');
    if (more) more.open = true;
    row.classList.remove('flash');
    void row.offsetWidth;
    row.classList.add('flash');
    row.scrollIntoView({ block: 'center' });
    row.focus({ preventScroll: true });
  }
  window.addEventListener('hashchange', reveal);
  document.addEventListener('click', function (e) {
    var a = e.target && e.target.closest ? e.target.closest('a') : null;
    if (a && a.getAttribute('href') === location.hash && location.hash.indexOf('#finding-') === 0) { e.preventDefault(); reveal(); }
  });
  Array.prototype.forEach.call(document.querySelectorAll('th button[data-sort]'), function (button) {
    button.addEventListener('click', function () {
      var th = button.closest('th');
      var table = th.closest('table');
      var key = button.dataset.sort;
      var direction = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
      Array.prototype.forEach.call(table.querySelectorAll('th[aria-sort]'), function (other) { other.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', direction);
      materializeAll();
      var body = table.tBodies[0];
      // The findings past the first page (a second table, in a closed details) are sorted with the first page.
      var more = document.querySelector('table[data-continues="' + table.id + '"]');
      var moreBody = more ? more.tBodies[0] : null;
      var page = body.rows.length;
      var list = Array.prototype.slice.call(body.rows).concat(moreBody ? Array.prototype.slice.call(moreBody.rows) : []);
      var value = function (r) { var v = r.dataset['sort' + key.charAt(0).toUpperCase() + key.slice(1)] || ''; return /^[0-9]+$/.test(v) ? Number(v) : v.toLowerCase(); };
      list.sort(function (a, b) {
        var x = value(a), y = value(b);
        var c = x < y ? -1 : x > y ? 1 : Number(a.dataset.index) - Number(b.dataset.index);
        return direction === 'ascending' ? c : -c;
      });
      list.forEach(function (r, i) { (moreBody && i >= page ? moreBody : body).appendChild(r); });
    });
  });
  apply();
  reveal();
})();
`;
