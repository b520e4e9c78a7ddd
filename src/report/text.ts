import type { QuestionGroup } from './cluster.ts';
import type { Deflection, DeflectionWeek } from './deflection.ts';
import type { EntrySuggestions } from './phrasings.ts';
import type { DayRates } from './rates.ts';
import type { EntryFeedback, EntryUse, Report } from './report.ts';

const GROUP_PHRASINGS = 5;
const COMMENTS = 5;

/**
 * Characters that change how a terminal shows the text around them: C0 and C1 controls (other
 * than the line breaks the report makes), and the bidirectional controls, with which a question
 * like "\u202Edeveloper ssh key" is displayed reversed, or a suggested phrasing hides what it says.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Text that shows every character for what it is: each of INVISIBLE as `\u202E` (how YAML and
 * JSON double-quoted strings spell it too, so a suggested phrasing stays pasteable).
 */
export function visible(text: string): string {
  return text.replace(
    INVISIBLE,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/** The report as plain text for a terminal; what people typed is shown with `visible`. */
export function reportText(report: Report): string {
  const { unanswered } = report;
  const withoutText = unanswered.withoutText
    ? [`  ${unanswered.withoutText} more without stored text (RECORDING_QUESTION_TEXT=off)`]
    : [];
  const lines = [
    `Berth report: ${report.since.slice(0, 10)} to ${report.until.slice(0, 10)} (UTC)`,
    '',
    ...summaryLines(report),
    ...section('Per day (UTC)', report.days.filter((d) => d.questions > 0).map(dayLine), [DAY_HEADER]),
    ...section('Most asked entries', report.topEntries.map(entryLine)),
    ...section('Unanswered questions (no answer, or "did you mean" with no pick), grouped by similarity', [
      ...unanswered.groups.flatMap(groupLines),
      ...withoutText,
    ]),
    ...section(
      `Entries with poor feedback (not helpful to at least ${people(report.minUsers)})`,
      report.poorFeedback.flatMap(feedbackLines),
    ),
    ...section(
      `Suggested alternate phrasings, each used by at least ${people(report.minUsers)} (paste under \`questions:\` in the file named)`,
      report.suggestions.flatMap(suggestionLines),
    ),
    ...section('Automatic answers in watched channels', deflectionLines(report.deflection)),
    ...section(`Knowledge due for review (not reviewed in ${report.review.months} months)`, [
      `  ${report.review.due} of ${report.review.of} entries are due (berth check --stale ${report.review.months}m lists them)`,
      ...report.review.oldest.map(
        (e) => `  ${e.file}: ${e.reviewed ? `reviewed ${e.reviewed}` : 'never reviewed'}`,
      ),
    ]),
  ];
  return `${lines.map(visible).join('\n')}\n`;
}

function summaryLines({ totals: t }: Report): string[] {
  const channels = Object.entries(t.channels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, n]) => `${name} ${n}`);
  const latency =
    t.latencyMs.p50 === null ? '' : ` Matching: ${t.latencyMs.p50} ms median, ${t.latencyMs.p95} ms p95.`;
  return [
    `Questions: ${t.questions} (${t.smalltalk} small talk). Answered ${pct(t.answerRate)}, "did you mean" ${pct(t.clarifyRate)}, no answer ${pct(t.fallbackRate)}.`,
    `Channels: ${channels.join(', ') || 'none'}. Feedback: ${t.feedback.helpful} helpful, ${t.feedback.notHelpful} not helpful.${latency}`,
  ];
}

/** A titled section; `(none)` when it has no lines. */
function section(title: string, lines: string[], header: string[] = []): string[] {
  return ['', title, '-'.repeat(title.length), ...(lines.length ? [...header, ...lines] : ['  (none)'])];
}

const DAY_HEADER = `${'day'.padEnd(12)}${'asked'.padStart(7)}${'answered'.padStart(10)}${'did you mean'.padStart(14)}${'no answer'.padStart(11)}`;

function dayLine(d: DayRates): string {
  return `${d.day.padEnd(12)}${String(d.questions).padStart(7)}${pct(d.answerRate).padStart(10)}${pct(d.clarifyRate).padStart(14)}${pct(d.fallbackRate).padStart(11)}`;
}

function entryLine(e: EntryUse): string {
  return `${String(e.answered + e.picked).padStart(5)}  ${e.title} [${e.id}] (${e.answered} answered, ${e.picked} picked)`;
}

function groupLines(group: QuestionGroup): string[] {
  const lines = [`${String(group.count).padStart(5)}  ${group.label}`];
  if (group.phrasings.length > 1)
    for (const p of group.phrasings.slice(0, GROUP_PHRASINGS))
      lines.push(`${String(p.count).padStart(11)}  ${p.text}`);
  if (group.phrasings.length > GROUP_PHRASINGS)
    lines.push(`${' '.repeat(13)}(and ${group.phrasings.length - GROUP_PHRASINGS} more wordings)`);
  return lines;
}

function feedbackLines(e: EntryFeedback): string[] {
  const file = e.file ? `  (${e.file})` : '';
  return [
    `  ${e.title} [${e.id}]: ${e.notHelpful} not helpful (${people(e.users)}), ${e.helpful} helpful${file}`,
    ...e.comments.slice(0, COMMENTS).map((c) => `      "${c}"`),
  ];
}

/** The file, then the YAML lines exactly as they go under `questions:`. */
function suggestionLines(s: EntrySuggestions): string[] {
  const evidence = s.phrasings.map((p) => `${p.count}x ${p.via.join('+')} by ${people(p.users)}`).join(', ');
  return [`${s.file}  (${s.title}; seen ${evidence})`, s.yaml, ''];
}

/** The totals, then a line per week with posts (none: nothing was watched or posted). */
function deflectionLines(d: Deflection): string[] {
  if (d.posts === 0) return [];
  const answeredShare = pct(d.answered / d.posts);
  const precision =
    d.precision === null
      ? 'no feedback yet'
      : `${pct(d.precision)} (${d.solved} solved of ${d.solved + d.handedOff} answers with feedback)`;
  return [
    `  Posts seen: ${d.posts}. Answered automatically: ${d.answered} (${answeredShare}). Marked solved: ${d.solved}. Handed to a human: ${d.handedOff}.`,
    `  Precision estimated from feedback: ${precision}.${d.repliedFirst ? ` Not posted because a person replied first: ${d.repliedFirst}.` : ''}`,
    '',
    WEEK_HEADER,
    ...d.weeks.filter((w) => w.posts > 0).map(weekLine),
  ];
}

const WEEK_HEADER = `${'week of'.padEnd(12)}${'posts'.padStart(7)}${'answered'.padStart(10)}${'solved'.padStart(8)}${'to a human'.padStart(12)}`;

function weekLine(w: DeflectionWeek): string {
  return `${w.week.padEnd(12)}${String(w.posts).padStart(7)}${String(w.answered).padStart(10)}${String(w.solved).padStart(8)}${String(w.handedOff).padStart(12)}`;
}

/** 1 -> `1 person`, 3 -> `3 people` */
export function people(n: number): string {
  return n === 1 ? '1 person' : `${n} people`;
}

/** 0.724 -> `72%`; null -> `-` */
export function pct(rate: number | null): string {
  return rate === null ? '-' : `${Math.round(rate * 100)}%`;
}
