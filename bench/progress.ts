import type { Writable } from 'node:stream';

/**
 * The progress line on stderr (stdout stays clean for the Markdown report). On a terminal one line
 * is rewritten in place; elsewhere (CI logs, pipes) each step gets its own line and details are
 * printed at most every few seconds.
 */
export class Progress {
  private readonly started = performance.now();
  private step = '';
  private lastDetail = 0;

  constructor(private readonly out: Writable & { isTTY?: boolean } = process.stderr) {}

  /** A new step: "quality: fuse.js defaults". */
  begin(step: string): void {
    this.step = step;
    this.write(step);
  }

  /** Where the current step is: "17/58 questions". */
  detail(text: string): void {
    const now = performance.now();
    const every = this.out.isTTY ? 250 : 5000;
    if (now - this.lastDetail < every) return;
    this.lastDetail = now;
    this.write(`${this.step}: ${text}`);
  }

  /** A line that stays (a warning or a result worth seeing while the run goes on). */
  note(text: string): void {
    if (this.out.isTTY) this.out.write('\r\x1b[2K');
    this.out.write(`${this.stamp()} ${text}\n`);
  }

  done(): void {
    if (this.out.isTTY) this.out.write('\r\x1b[2K');
    this.out.write(`${this.stamp()} done\n`);
  }

  private write(text: string): void {
    const line = `${this.stamp()} ${text}`;
    if (this.out.isTTY) this.out.write(`\r\x1b[2K${line.slice(0, (process.stderr.columns ?? 100) - 1)}`);
    else this.out.write(`${line}\n`);
  }

  private stamp(): string {
    const s = Math.floor((performance.now() - this.started) / 1000);
    return `[${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}]`;
  }
}
