import { escapeHtml } from '../../lib/escape-html.ts';
import { answerRateChart, COLORS, deflectionChart, unansweredChart } from './charts.ts';
import type { Report } from './report.ts';
import { pct, people } from './text.ts';

// Self-contained on purpose: inline CSS and SVG, no script, no external fetch (the CSP says so).
const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1a202c;margin:0;background:#f7fafc}
main{max-width:960px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:8px 0}h3{font-size:15px;margin:16px 0 4px}
.muted{color:#4a5568}.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.card{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:12px 16px;min-width:140px}
.card b{display:block;font-size:24px}
section{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:8px 16px 16px;margin-top:16px}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:4px 8px;border-bottom:1px solid #edf2f7;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
pre{background:#1a202c;color:#f7fafc;padding:10px 12px;border-radius:6px;overflow-x:auto}
.axis{font-size:11px;fill:#4a5568}.label{font-size:12px;fill:#1a202c}
.key span{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px;border-radius:2px}
ul.phrasings{margin:2px 0 0;padding-left:18px;color:#4a5568}
`;

/** The report as one HTML file a knowledge owner can open anywhere (no network needed). */
export function reportHtml(report: Report): string {
  const t = report.totals;
  const period = `${report.since.slice(0, 10)} to ${report.until.slice(0, 10)} (UTC)`;
  const card = (label: string, value: string) =>
    `<div class="card">${escapeHtml(label)}<b>${value}</b></div>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Berth report ${escapeHtml(period)}</title><style>${STYLE}</style></head>
<body><main>
<h1>Berth report</h1><p class="muted">${escapeHtml(period)}. Rates count container questions; small talk is left out.</p>
<div class="cards">${card('Questions', String(t.questions))}${card('Answered', pct(t.answerRate))}${card('"Did you mean"', pct(t.clarifyRate))}${card('No answer', pct(t.fallbackRate))}${card('Helpful / not helpful', `${t.feedback.helpful} / ${t.feedback.notHelpful}`)}</div>
<section id="answer-rate"><h2>Answer rate per day</h2>
<p class="key muted"><span style="background:${COLORS.answer}"></span>answered<span style="background:${COLORS.clarify}"></span>"did you mean"<span style="background:${COLORS.fallback}"></span>no answer</p>
${answerRateChart(report.days)}</section>
<section id="unanswered"><h2>Top unanswered questions</h2><p class="muted">No answer, or a "did you mean" nobody picked from.</p>${unansweredChart(report.unanswered.groups)}
${unansweredTable(report)}</section>
<section id="suggestions"><h2>Suggested alternate phrasings</h2><p class="muted">Each used by at least ${people(report.minUsers)}.</p>${suggestions(report)}</section>
<section id="feedback"><h2>Entries with poor feedback</h2><p class="muted">Not helpful to at least ${people(report.minUsers)}; one vote per person, answer and day.</p>${feedback(report)}</section>
<section id="top-entries"><h2>Most asked entries</h2>${topEntries(report)}</section>
<section id="deflection"><h2>Automatic answers in watched channels</h2>${deflection(report)}</section>
<section id="review"><h2>Knowledge due for review</h2><p>${report.review.due} of ${report.review.of} entries have not been reviewed in ${report.review.months} months (<code>berth check --stale ${report.review.months}m</code> lists them).</p></section>
</main></body></html>
`;
}

function unansweredTable(report: Report): string {
  const { groups, withoutText } = report.unanswered;
  const rows = groups.map(
    (g) =>
      `<tr><td class="n">${g.count}</td><td>${escapeHtml(g.label)}${
        g.phrasings.length > 1
          ? `<ul class="phrasings">${g.phrasings
              .slice(0, 8)
              .map((p) => `<li>${escapeHtml(p.text)} (${p.count})</li>`)
              .join('')}</ul>`
          : ''
      }</td></tr>`,
  );
  const note = withoutText
    ? `<p class="muted">${withoutText} more without stored text (RECORDING_QUESTION_TEXT=off).</p>`
    : '';
  return rows.length
    ? `<table><tr><th class="n">Asked</th><th>Question (and similar wordings)</th></tr>${rows.join('')}</table>${note}`
    : note;
}

function suggestions(report: Report): string {
  if (report.suggestions.length === 0) return '<p class="muted">None yet.</p>';
  return `<p class="muted">Paste these lines under <code>questions:</code> in the file named.</p>${report.suggestions
    .map(
      (s) =>
        `<h3>${escapeHtml(s.title)}</h3><p class="muted"><code>${escapeHtml(s.file)}</code>: ${s.phrasings
          .map((p) => `${p.count}× ${p.via.join(' + ')} by ${people(p.users)}`)
          .join(', ')}</p><pre>${escapeHtml(s.yaml)}</pre>`,
    )
    .join('')}`;
}

function feedback(report: Report): string {
  if (report.poorFeedback.length === 0) return '<p class="muted">None.</p>';
  const rows = report.poorFeedback.map(
    (e) =>
      `<tr><td>${escapeHtml(e.title)}<br><code class="muted">${escapeHtml(e.file ?? e.id)}</code></td><td class="n">${e.notHelpful}</td><td class="n">${e.users}</td><td class="n">${e.helpful}</td><td>${e.comments
        .slice(0, 8)
        .map((c) => `<div>“${escapeHtml(c)}”</div>`)
        .join('')}</td></tr>`,
  );
  return `<table><tr><th>Entry</th><th class="n">Not helpful</th><th class="n">People</th><th class="n">Helpful</th><th>Comments</th></tr>${rows.join('')}</table>`;
}

function deflection({ deflection: d }: Report): string {
  if (d.posts === 0)
    return '<p class="muted">No posts in watched channels (<code>/berth watch</code>, <code>@Berth watch</code> or AUTO_ANSWER_CHANNELS).</p>';
  const card = (label: string, value: string) =>
    `<div class="card">${escapeHtml(label)}<b>${value}</b></div>`;
  const precision =
    d.precision === null
      ? 'no feedback yet'
      : `${pct(d.precision)} <small class="muted">(${d.solved} of ${d.solved + d.handedOff})</small>`;
  const key = (color: string, label: string) => `<span style="background:${color}"></span>${label}`;
  return `<div class="cards">${card('Posts seen', String(d.posts))}${card('Answered automatically', String(d.answered))}${card('Marked solved', String(d.solved))}${card('Handed to a human', String(d.handedOff))}${card('Precision from feedback', precision)}</div>
<p class="key muted">${key(COLORS.posts, 'posts')}${key(COLORS.answer, 'answered automatically')}${key(COLORS.solved, 'solved')}${key(COLORS.fallback, 'handed to a human')}</p>
${deflectionChart(d.weeks)}`;
}

function topEntries(report: Report): string {
  if (report.topEntries.length === 0) return '<p class="muted">None yet.</p>';
  const rows = report.topEntries.map(
    (e) =>
      `<tr><td>${escapeHtml(e.title)}</td><td class="n">${e.answered}</td><td class="n">${e.picked}</td></tr>`,
  );
  return `<table><tr><th>Entry</th><th class="n">Answered</th><th class="n">Picked</th></tr>${rows.join('')}</table>`;
}
