import type { RecordedEvent, Recorder } from '../../src/recording/events.ts';

/** A recorder that keeps events in memory, so tests can see what a click recorded. */
export class MemoryRecorder implements Recorder {
  readonly events: RecordedEvent[] = [];

  record(event: RecordedEvent): void {
    this.events.push(event);
  }

  async flush(): Promise<void> {}
}
