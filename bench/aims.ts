import { mb, ms, points, speedRatio } from './format.ts';
import type { Aim, BenchResults } from './results.ts';

export const AIM_SIZE = 10_000;

/** The aims, measured: reported against, never asserted (machines are noisy). */
export function measureAims(r: Omit<BenchResults, 'aims'>): Aim[] {
  const rowAt = (key: string) => r.scale?.rows.find((row) => row.entries === AIM_SIZE && row.key === key);
  const berth = rowAt('berth');
  const fuse = rowAt('fuseDefaults');
  const fuseMedium = fuse?.classes.medium.latencyMs?.mean ?? fuse?.classes.medium.estimatedMs;
  const berthMedium = berth?.classes.medium.latencyMs;
  const p99 = berth?.overall?.p99;
  const quality = r.quality?.contestants;
  const ours = quality?.find((c) => c.key === 'berth');
  const base = quality?.find((c) => c.key === 'fuseDefaults');
  const bare = r.startup?.commands.find((c) => c.label === 'bare node');
  const ask = r.startup?.commands.find((c) => c.label.startsWith('berth ask, knowledge cache warm'));
  const shipped = r.startup?.cases[0];
  const large = r.startup?.cases[1];
  const ack = r.http?.runs.find((run) => run.channel === 'slack-event' && run.mode === 'paced');
  const startupAims: Aim[] = [
    {
      aim: '`berth ask` from a cold process at most 3× bare node (and 0.35 s), peak RSS 80 MB or less',
      measured:
        ask && bare
          ? `${ms(ask.wallMs.p50)}, ${(ask.wallMs.p50 / bare.wallMs.p50).toFixed(1)}× bare node (${ms(bare.wallMs.p50)}); peak ${mb(ask.peakRssBytes)}`
          : 'not measured',
      met:
        ask && bare
          ? ask.wallMs.p50 <= 3 * bare.wallMs.p50 &&
            ask.wallMs.p50 <= 350 &&
            (ask.peakRssBytes ?? 0) <= 80_000_000
          : null,
    },
    {
      aim: '`berth serve` to /readyz in 0.5 s or less with the shipped knowledge, RSS 100 MB or less',
      measured: shipped ? `${ms(shipped.readyMs.p50)}, ${mb(shipped.rssBytes)} RSS` : 'not measured',
      met: shipped ? shipped.readyMs.p50 <= 500 && (shipped.rssBytes ?? 0) <= 100_000_000 : null,
    },
    {
      aim: `\`berth serve\` to /readyz in 2 s or less at ${AIM_SIZE.toLocaleString('en')} entries`,
      measured: large
        ? `${ms(large.readyMs.p50)} (${large.entries.toLocaleString('en')} entries)`
        : 'not measured',
      met: large ? large.readyMs.p50 <= 2000 : null,
    },
  ];
  return [
    ...startupAims,
    {
      aim: `p99 per question under 1 ms at ${AIM_SIZE.toLocaleString('en')} entries`,
      measured:
        p99 === undefined
          ? 'not measured'
          : `${ms(p99)} over all ${berth?.overall?.n} questions; 33-200 chars: ${ms(berthMedium?.p99)} (fuse.js defaults ${ms(fuseMedium)} per question${fuse?.classes.medium.latencyMs ? '' : ', estimated'}: ${speedRatio(berthMedium?.mean, fuseMedium)} on average)`,
      met: p99 === undefined ? null : p99 < 1,
    },
    {
      aim: `index memory under 150 MB at ${AIM_SIZE.toLocaleString('en')} entries`,
      measured: berth?.heapBytes == null ? 'not measured' : `${mb(berth.heapBytes)} of heap`,
      met: berth?.heapBytes == null ? null : berth.heapBytes < 150_000_000,
    },
    {
      aim: 'best entry first at least 20 points above fuse.js defaults (real questions)',
      measured:
        ours && base
          ? `${points(ours.test.bestFirst, base.test.bestFirst)} on the test split`
          : 'not measured',
      met: ours && base ? ours.test.bestFirst - base.test.bestFirst >= 0.2 : null,
    },
    {
      aim: 'Slack event acknowledgement p99 under 20 ms at 200 requests/s',
      measured: ack?.ackMs
        ? `${ms(ack.ackMs.p99)} over ${ack.ackMs.n.toLocaleString('en')} requests at ${ack.rate}/s (p50 ${ms(ack.ackMs.p50)})`
        : 'not measured',
      met: ack?.ackMs ? ack.ackMs.p99 < 20 : null,
    },
  ];
}
