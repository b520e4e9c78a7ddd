import { count, mb, ms, pct, table } from './format.ts';
import { CHANNELS } from './http/channels.ts';
import type { HttpResults } from './http/e2e.ts';
import type { BenchResults } from './results.ts';
import type { StartupResults } from './startup.ts';

/** Report sections about serving: HTTP end to end, start-up, and the aims table. */

export function httpSection(h: HttpResults): string {
  const label = (key: string) => CHANNELS.find((c) => c.key === key)?.label ?? key;
  const rows = h.runs.map((run) => [
    label(run.channel),
    run.mode === 'paced'
      ? `${run.rate}/s steady`
      : `${run.connections} connection${run.connections === 1 ? '' : 's'}`,
    count(run.requestsPerSecond),
    ms(run.ackMs?.p50),
    ms(run.ackMs?.p99),
    ms(run.replyMs?.p50),
    ms(run.replyMs?.p99),
    pct(run.repliesReceived),
    count(run.failed),
  ]);
  const lag = Math.max(...h.runs.map((run) => run.pacingLagMs?.p99 ?? 0));
  const settings = Object.entries(h.settings)
    .map(([name, value]) => `${name}=${value || '(built-in only)'}`)
    .join(', ');
  return [
    '## 3. End to end over HTTP on loopback',
    '',
    table(
      ['channel', 'load', 'requests/s', 'ack p50', 'ack p99', 'reply p50', 'reply p99', 'replies', 'failed'],
      rows,
      'llrrrrrrr',
    ),
    '',
    `The real server (\`startTestServer\`, tests/e2e/harness.ts) runs in its own process with ${settings}; askers rotate through 100 ids. The load generator runs in another process: autocannon for the fixed-concurrency runs (requests/s is what that concurrency achieved), and a steady open-loop pacer for the fixed rate (p99 lateness of its sends: ${ms(lag)}). The Slack and Bot Framework connector stand-ins (tests/e2e) run in the benchmark's own process and time each reply's arrival.`,
    `"ack" is the HTTP response to the request; "reply" is when the answer reached the stand-in: ${CHANNELS.map((c) => `${c.label}: ${c.reply}`).join('; ')}. Server resident memory after the runs: ${mb(h.server.rssBytes)}.${h.server.problems.length ? ` Server warnings: ${h.server.problems.join('; ')}.` : ''}`,
  ].join('\n');
}

export function startupSection(s: StartupResults): string {
  const bare = s.commands.find((c) => c.label === 'bare node');
  const commandRows = s.commands.map((c) => [
    `\`${c.command}\``,
    ms(c.wallMs.p50),
    ms(c.wallMs.max),
    bare && c !== bare ? `${(c.wallMs.p50 / bare.wallMs.p50).toFixed(1)}×` : '1×',
    mb(c.peakRssBytes),
  ]);
  const rows = s.cases.map((c) => [
    c.label,
    count(c.entries),
    ms(c.readyMs.p50),
    ms(c.readyMs.max),
    mb(c.rssBytes),
    mb(c.peakRssBytes),
  ]);
  const runs = s.commands[0]?.wallMs.n ?? 0;
  return [
    '## 4. Start-up',
    '',
    table(['command', `wall (median of ${runs})`, 'slowest', 'vs bare node', 'peak RSS'], commandRows),
    '',
    'Each command runs to its end once untimed (which fills the knowledge cache), then timed; every process, bare node included, loads the same one-line preload that reports its peak RSS at exit.',
    '',
    table(
      [
        'knowledge',
        'entries',
        `launch → /readyz (median of ${s.runs})`,
        'slowest',
        'RSS at ready',
        'peak RSS',
      ],
      rows,
    ),
    '',
    '`node bin/berth.js serve` (what `npm start` runs) from launch until `GET /readyz` answers, then its RSS and peak RSS (VmRSS, VmHWM); one untimed start first, which fills the knowledge cache. The large case writes the synthetic entries to a temporary directory layered over the built-in knowledge with KNOWLEDGE_DIRS.',
  ].join('\n');
}

export function aimsSection(r: BenchResults): string {
  const verdict = (met: boolean | null) => (met === null ? '–' : met ? 'met' : 'missed');
  return [
    '## Aims (reported against, not asserted)',
    '',
    table(
      ['aim', 'measured', ''],
      r.aims.map((a) => [a.aim, a.measured, verdict(a.met)]),
      'lll',
    ),
  ].join('\n');
}
