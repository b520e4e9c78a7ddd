import { escapeHtml } from '../../lib/escape-html.ts';
import type { QuestionGroup } from './cluster.ts';
import type { DeflectionWeek } from './deflection.ts';
import type { DayRates } from './rates.ts';

export const COLORS = {
  answer: '#2f855a',
  clarify: '#d69e2e',
  fallback: '#c53030',
  empty: '#edf2f7',
  posts: '#a0aec0',
  solved: '#2b6cb0',
};

const W = 720;
const H = 240;
const PAD = { left: 44, right: 12, top: 12, bottom: 36 };

/**
 * Per-day stacked bars: the share of container questions answered, met with "did you mean" and
 * not answered. Days without questions show as a pale bar. Inline SVG, hover titles, no script.
 */
export function answerRateChart(days: readonly DayRates[]): string {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / Math.max(days.length, 1);
  const bar = Math.max(Math.min(step * 0.8, 40), 1);
  const y = (share: number) => PAD.top + plotH * (1 - share);
  const parts: string[] = [];
  for (const pctLine of [0, 0.5, 1]) {
    parts.push(
      `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(pctLine)}" y2="${y(pctLine)}" stroke="#cbd5e0" stroke-width="1"/>`,
      `<text x="${PAD.left - 6}" y="${y(pctLine) + 4}" text-anchor="end" class="axis">${pctLine * 100}%</text>`,
    );
  }
  days.forEach((d, i) => {
    const x = PAD.left + i * step + (step - bar) / 2;
    const asked = d.answer + d.clarify + d.fallback;
    const title = `${d.day}: ${asked} questions, ${d.answer} answered, ${d.clarify} did you mean, ${d.fallback} not answered`;
    const rects: string[] = [];
    if (asked === 0) rects.push(rect(x, y(1), bar, plotH, COLORS.empty));
    else {
      let top = 0;
      for (const [n, color] of [
        [d.fallback, COLORS.fallback],
        [d.clarify, COLORS.clarify],
        [d.answer, COLORS.answer],
      ] as const) {
        const h = (n / asked) * plotH;
        if (h > 0) rects.push(rect(x, PAD.top + top, bar, h, color));
        top += h;
      }
    }
    parts.push(`<g class="day" data-day="${d.day}"><title>${escapeHtml(title)}</title>${rects.join('')}</g>`);
  });
  for (const i of labelIndexes(days.length)) {
    const d = days[i];
    if (!d) continue;
    const x = PAD.left + i * step + step / 2;
    parts.push(
      `<text x="${x}" y="${H - PAD.bottom + 16}" text-anchor="middle" class="axis">${d.day.slice(5)}</text>`,
    );
  }
  return svg('Answer rate per day', W, H, parts);
}

/** Horizontal bars for the most asked unanswered question groups. */
export function unansweredChart(groups: readonly QuestionGroup[], max = 10): string {
  const shown = groups.slice(0, max);
  const rowH = 26;
  const labelW = 330;
  const height = Math.max(shown.length, 1) * rowH + 8;
  const most = Math.max(1, ...shown.map((g) => g.count));
  const parts = shown.map((g, i) => {
    const y = 4 + i * rowH;
    const w = ((W - labelW - 50) * g.count) / most;
    const label = g.label.length > 48 ? `${g.label.slice(0, 47)}…` : g.label;
    return [
      `<g class="group"><title>${escapeHtml(`${g.count}× ${g.label}`)}</title>`,
      `<text x="${labelW - 8}" y="${y + 17}" text-anchor="end" class="label">${escapeHtml(label)}</text>`,
      rect(labelW, y + 3, Math.max(w, 2), rowH - 8, COLORS.fallback),
      `<text x="${labelW + w + 6}" y="${y + 17}" class="axis">${g.count}</text></g>`,
    ].join('');
  });
  if (shown.length === 0) parts.push(`<text x="8" y="20" class="axis">No unanswered questions.</text>`);
  return svg('Top unanswered questions', W, height, parts);
}

/**
 * Per-week grouped bars for automatic answers: posts seen in watched channels, answered
 * automatically, marked solved, handed to a human. Inline SVG, hover titles, no script.
 */
export function deflectionChart(weeks: readonly DeflectionWeek[]): string {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / Math.max(weeks.length, 1);
  const bar = Math.max(Math.min((step * 0.8) / 4, 24), 1);
  const most = Math.max(1, ...weeks.map((w) => w.posts));
  const y = (n: number) => PAD.top + plotH * (1 - n / most);
  const parts = [0, most].map(
    (n) =>
      `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(n)}" y2="${y(n)}" stroke="#cbd5e0" stroke-width="1"/><text x="${PAD.left - 6}" y="${y(n) + 4}" text-anchor="end" class="axis">${n}</text>`,
  );
  weeks.forEach((w, i) => {
    const x = PAD.left + i * step + (step - 4 * bar) / 2;
    const title = `week of ${w.week}: ${w.posts} posts, ${w.answered} answered automatically, ${w.solved} solved, ${w.handedOff} handed to a human`;
    const bars = (
      [
        [w.posts, COLORS.posts],
        [w.answered, COLORS.answer],
        [w.solved, COLORS.solved],
        [w.handedOff, COLORS.fallback],
      ] as const
    ).map(([n, color], j) => (n > 0 ? rect(x + j * bar, y(n), bar - 1, y(0) - y(n), color) : ''));
    parts.push(
      `<g class="week" data-week="${w.week}"><title>${escapeHtml(title)}</title>${bars.join('')}</g>`,
    );
  });
  for (const i of labelIndexes(weeks.length)) {
    const w = weeks[i];
    if (w)
      parts.push(
        `<text x="${PAD.left + i * step + step / 2}" y="${H - PAD.bottom + 16}" text-anchor="middle" class="axis">${w.week.slice(5)}</text>`,
      );
  }
  return svg('Automatic answers per week', W, H, parts);
}

function rect(x: number, y: number, w: number, h: number, fill: string): string {
  const r = (n: number) => Math.round(n * 10) / 10;
  return `<rect x="${r(x)}" y="${r(y)}" width="${r(w)}" height="${r(h)}" fill="${fill}"/>`;
}

function svg(label: string, width: number, height: number, parts: readonly string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px">${parts.join('')}</svg>`;
}

/** At most about eight evenly spaced date labels, always the first and the last. */
function labelIndexes(count: number): number[] {
  if (count === 0) return [];
  const every = Math.max(1, Math.ceil(count / 8));
  const indexes: number[] = [];
  for (let i = 0; i < count; i += every) indexes.push(i);
  // The last day replaces a label too close to it.
  if (count - 1 - (indexes.at(-1) ?? 0) < every / 2) indexes.pop();
  indexes.push(count - 1);
  return indexes;
}
