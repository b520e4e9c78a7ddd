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
  const ack = r.http?.runs.find((run) => run.channel === 'slack-event' && run.mode === 'paced');
  return [
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
          ? `${points(ours.all.bestFirst, base.all.bestFirst)} on both splits; test split alone ${points(ours.test.bestFirst, base.test.bestFirst)}`
          : 'not measured',
      met: ours && base ? ours.all.bestFirst - base.all.bestFirst >= 0.2 : null,
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
