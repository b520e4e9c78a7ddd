import type { Outcome } from '../../src/answer/reply.ts';
import type { AskContext, RecordedEvent } from '../../src/recording/events.ts';
import type { TextMode } from '../../src/recording/privacy.ts';
import { SqliteRecorder } from '../../src/recording/sqlite-recorder.ts';

/** The seeded week ends here; `berth report` runs "now" = this time. */
export const SEED_NOW = Date.parse('2024-05-08T12:00:00Z');
export const SEED_SALT = 'seed-salt-for-tests-only-0123456789';
/** A token someone pasted; redacted mode must never store it. */
export const PASTED_TOKEN = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';

const at = (iso: string) => new Date(`2024-05-0${iso}Z`);
const who = (user: string, channel: AskContext['channel'] = 'web'): AskContext => ({
  channel,
  conversation: channel === 'web' ? 'web' : 'dm',
  user,
});

function asked(
  time: string,
  user: string,
  question: string,
  outcome: Outcome,
  entryId: string | null = null,
) {
  return {
    type: 'question',
    at: at(time),
    context: who(user),
    question,
    outcome,
    entryId,
    confidence: outcome === 'answer' ? 0.8 : 0.4,
    latencyMs: 2,
  } as const;
}

/**
 * Three days of use with known answers (see tests/unit/report.test.ts for what the report must say):
 * - "rotate registry credentials" asked 5 times in 4 wordings (bob twice), unanswered (nina's got a
 *   "did you mean" she picked nothing from);
 * - podman on the build farm, 2 wordings, unanswered (one from an anonymous visitor);
 * - gina picks copy-vs-add from "did you mean" after "copy or add for my tarball";
 * - hank rephrases "container keeps getting oom killed" and gets memory-limit 2 minutes later;
 * - ivan gets an answer 10 minutes after his fallback: too late to count as a rephrasing;
 * - judy picks copy-vs-add after "copy vs add dockerfile", which the entry already lists;
 * - kate pastes a token, then gets an answer: redacted text is never suggested;
 * - what-is-a-cgroup gets 1 helpful and 2 not-helpful clicks with comments.
 */
export const SEED_EVENTS: RecordedEvent[] = [
  asked('6T09:00:00', 'alice', 'what is a cgroup', 'answer', 'what-is-a-cgroup'),
  asked('6T09:05:00', 'bob', 'how do I rotate registry credentials', 'fallback'),
  asked('6T10:00:00', 'carol', 'rotate the registry credentials', 'fallback'),
  asked('6T11:00:00', 'dave', 'how to rotate credentials for our registry', 'fallback'),
  asked('6T12:00:00', 'erin', 'is podman supported on the build farm', 'fallback'),
  asked('6T13:00:00', 'frank', 'hello', 'smalltalk'),
  {
    type: 'feedback',
    at: at('6T09:01:00'),
    context: who('alice'),
    entryId: 'what-is-a-cgroup',
    helpful: true,
  },
  asked('7T08:00:00', 'bob', 'How do I rotate registry credentials?', 'fallback'),
  asked('7T09:00:00', 'gina', 'copy or add for my tarball', 'clarify'),
  {
    type: 'choice',
    at: at('7T09:00:30'),
    context: who('gina'),
    question: 'copy or add for my tarball',
    entryId: 'copy-vs-add',
  },
  asked('7T10:00:00', 'hank', 'container keeps getting oom killed', 'fallback'),
  asked('7T10:02:00', 'hank', 'how do I limit memory of a container', 'answer', 'memory-limit'),
  asked('7T11:00:00', 'ivan', 'why does my pod restart', 'fallback'),
  asked('7T11:10:00', 'ivan', 'what is a cgroup', 'answer', 'what-is-a-cgroup'),
  asked('7T12:00:00', 'judy', 'copy vs add dockerfile', 'clarify'),
  {
    type: 'choice',
    at: at('7T12:00:20'),
    context: who('judy'),
    question: 'copy vs add dockerfile',
    entryId: 'copy-vs-add',
  },
  asked('7T13:00:00', 'kate', `why is ${PASTED_TOKEN} rejected by the registry`, 'fallback'),
  asked('7T13:01:00', 'kate', 'how do I log in to a private registry', 'answer', 'private-registry-login'),
  {
    type: 'feedback',
    at: at('7T14:00:00'),
    context: who('U0SLACKUSER', 'slack'),
    entryId: 'what-is-a-cgroup',
    helpful: false,
    comment: 'I wanted the difference between cgroup v1 and v2',
  },
  {
    type: 'feedback',
    at: at('7T15:00:00'),
    context: who('ivan'),
    entryId: 'what-is-a-cgroup',
    helpful: false,
    comment: 'too long; mail me at ivan@corp.example',
  },
  { type: 'feedback', at: at('7T16:00:00'), context: who('gina'), entryId: 'copy-vs-add', helpful: true },
  asked('8T08:00:00', 'mallory', 'what is a cgroup', 'answer', 'what-is-a-cgroup'),
  asked('8T09:00:00', 'mallory', 'compose wait for database', 'answer', 'compose-depends-on-healthcheck'),
  asked('8T10:00:00', '', 'podman on the build farm?', 'fallback'),
  asked('8T11:00:00', 'nina', 'rotate registry creds', 'clarify'),
];

/** The users above, to assert that no report shows them (nor their hashes). */
export const SEED_USERS = [
  'alice',
  'bob',
  'carol',
  'dave',
  'erin',
  'frank',
  'gina',
  'hank',
  'ivan',
  'judy',
  'kate',
  'mallory',
  'nina',
  'U0SLACKUSER',
];

/** Writes SEED_EVENTS through the real recorder into `file` (created). */
export async function seedRecordings(file: string, textMode: TextMode = 'redacted'): Promise<void> {
  const recorder = SqliteRecorder.open({
    file,
    textMode,
    retentionDays: 3650,
    salt: SEED_SALT,
    now: () => SEED_NOW,
  });
  for (const event of SEED_EVENTS) recorder.record(event);
  await recorder.flush();
  recorder.close();
}
