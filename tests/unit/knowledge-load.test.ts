import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNEL_REQUIREMENTS } from '../../adapters/server/requirements.ts';
import { BUILTIN_KNOWLEDGE_DIR } from '../../src/config.ts';
import type { ChannelRequirements } from '../../src/knowledge/channel-requirements.ts';
import { loadKnowledge } from '../../src/knowledge/knowledge-base.ts';
import { errorsOf, formatProblem } from '../../src/knowledge/problems.ts';
import { copyOfBuiltin, entryFile, tempDir, writeFiles } from './knowledge-helpers.ts';

/** Loads the built-in knowledge with one extra layer holding `files`; returns the error lines. */
function errorsWith(files: Record<string, string>, channels: readonly ChannelRequirements[] = []): string[] {
  const dir = tempDir();
  writeFiles(dir, files);
  const { problems } = loadKnowledge([BUILTIN_KNOWLEDGE_DIR, dir], channels);
  return errorsOf(problems).map((p) => formatProblem({ ...p, file: path.relative(dir, p.file) }));
}

describe('loading knowledge', () => {
  it('loads the built-in knowledge without errors', () => {
    const { knowledge, problems } = loadKnowledge([BUILTIN_KNOWLEDGE_DIR]);
    expect(errorsOf(problems).map(formatProblem)).toEqual([]);
    expect(knowledge?.entries.size).toBeGreaterThanOrEqual(150);
    expect(knowledge?.entries.get('what-is-a-cgroup')?.topic).toBe('linux-internals');
  });

  it('reports malformed YAML with the file and line', () => {
    const broken = entryFile().replace('tags: [testing]', 'tags: [testing');
    expect(errorsWith({ 'extra/broken.md': broken })[0]).toMatch(/^extra\/broken\.md:\d+: malformed YAML/);
  });

  it('reports a missing title at the front matter, and a missing answer at the body line', () => {
    const noTitle = entryFile().replace(/^title: .*\n/m, '');
    expect(errorsWith({ 'extra/no-title.md': noTitle })).toContain(
      'extra/no-title.md:1: missing "title" (the canonical question)',
    );
    const noBody = entryFile({ body: '' });
    expect(errorsWith({ 'extra/no-body.md': noBody })).toEqual([
      'extra/no-body.md:14: missing answer: the Markdown body is empty',
    ]);
  });

  it('requires links and a review date in the built-in knowledge, and only warns in a layered one', () => {
    const noLinks = entryFile().replace(/links:\n {2}- title: Example\n {4}url: .*\n/, '');
    const builtin = copyOfBuiltin();
    writeFiles(builtin, { 'extra/no-links.md': noLinks });
    const strict = errorsOf(loadKnowledge([builtin]).problems).filter((p) => p.file.endsWith('no-links.md'));
    expect(strict.map((p) => [p.severity, p.line, p.message])).toEqual([
      ['error', 2, 'no "links" and no URL in the answer: give at least one follow-up link'],
      ['error', 2, 'missing "reviewed" (the date it was last checked, like 2026-12-01)'],
    ]);
    const layered = tempDir();
    writeFiles(layered, { 'extra/no-links.md': noLinks });
    const lenient = loadKnowledge([BUILTIN_KNOWLEDGE_DIR, layered]);
    expect(lenient.knowledge?.entries.has('no-links')).toBe(true);
    expect(errorsOf(lenient.problems)).toEqual([]);
    expect(lenient.problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        'no "links" and no URL in the answer: give at least one follow-up link',
        'missing "reviewed" (the date it was last checked, like 2026-12-01)',
      ]),
    );
  });

  it('counts a bare URL in the answer as a link', () => {
    const bare = entryFile({
      body: `See https://intranet.example.com/namespaces for the form. ${'More. '.repeat(40)}`,
    })
      .replace(/links:\n {2}- title: Example\n {4}url: .*\n/, '')
      .replace('related: []', 'related: []\nreviewed: 2026-11-30');
    const builtin = copyOfBuiltin();
    writeFiles(builtin, { 'extra/bare.md': bare });
    expect(errorsOf(loadKnowledge([builtin]).problems)).toEqual([]);
  });

  it('rejects links that are not absolute http(s) and review dates that are not dates', () => {
    expect(errorsWith({ 'extra/bad-url.md': entryFile({ url: 'docs/page.html' }) })).toEqual([
      'extra/bad-url.md:11: link "url" must be an absolute http(s) URL',
    ]);
    expect(errorsWith({ 'extra/js-url.md': entryFile({ url: 'javascript:alert(1)' }) })).toHaveLength(1);
    const badDate = entryFile().replace('related: []', 'related: []\nreviewed: 2026-02-30');
    expect(errorsWith({ 'extra/bad-date.md': badDate })).toEqual([
      'extra/bad-date.md:13: "reviewed" must be a date like 2026-12-01',
    ]);
  });

  it('keeps a retired id working through the entry that replaces it, and refuses ambiguous retirements', () => {
    const successor = entryFile({ title: 'Merged question?', related: ['old-one'] }).replace(
      'related: [old-one]',
      'related: [old-one]\nreplaces: [old-one, what-is-a-cgroup]\nreviewed: 2026-11-30',
    );
    const dir = tempDir();
    writeFiles(dir, { 'extra/merged.md': successor });
    const { problems } = loadKnowledge([BUILTIN_KNOWLEDGE_DIR, dir]);
    expect(problems.map((p) => `${p.severity}: ${p.message}`)).toEqual([
      'error: "replaces" names "what-is-a-cgroup", which is still an entry; delete its file',
      'warning: "related" names retired "old-one"; use "merged"',
    ]);
    const ok = tempDir();
    writeFiles(ok, { 'extra/merged.md': successor.replace(', what-is-a-cgroup', '') });
    const { knowledge } = loadKnowledge([BUILTIN_KNOWLEDGE_DIR, ok]);
    expect(knowledge?.aliases.get('old-one')).toBe('merged');
  });

  it('names unknown fields (a typo like "question:" is not silently ignored)', () => {
    const typo = entryFile().replace('questions:', 'question:');
    expect(errorsWith({ 'extra/typo.md': typo }).join('\n')).toContain('unknown field(s): question');
  });

  it('rejects duplicate ids within one layer, naming both files', () => {
    const errors = errorsWith({
      'a/same-id.md': entryFile(),
      'b/same-id.md': entryFile({
        title: 'Another question?',
        questions: ['x one', 'x two', 'x three', 'x four'],
      }),
    });
    expect(errors.join('\n')).toMatch(
      /b\/same-id\.md:1: duplicate id "same-id": also defined in .*a\/same-id\.md/,
    );
  });

  it('rejects the same alternate question on two entries', () => {
    const errors = errorsWith({
      'extra/clash.md': entryFile({ questions: ['cgroups', 'unique one', 'unique two', 'unique three'] }),
    });
    expect(errors.join('\n')).toMatch(
      /extra\/clash\.md:4: question "cgroups" is also asked by "what-is-a-cgroup"/,
    );
  });

  it('rejects related ids that do not exist, at their line', () => {
    expect(
      errorsWith({ 'extra/dangling.md': entryFile({ related: ['what-is-a-cgroup', 'no-such-entry'] }) }),
    ).toEqual(['extra/dangling.md:12: "related" names unknown entry "no-such-entry"']);
  });

  it('rejects an answer too long for one Slack section, asking the registered channels', () => {
    const errors = errorsWith(
      { 'extra/long.md': entryFile({ body: 'word '.repeat(700) }) },
      CHANNEL_REQUIREMENTS,
    );
    expect(errorsWith({ 'extra/long.md': entryFile({ body: 'word '.repeat(700) }) })).toEqual([]);
    expect(errors).toEqual([
      expect.stringMatching(
        /^extra\/long\.md:14: answer is \d+ characters in Slack mrkdwn; one section holds at most 3000/,
      ),
    ]);
  });

  it('lets a later layer override an entry with the same id', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'ours/what-is-a-cgroup.md': entryFile({
        title: 'What is a cgroup, in our company?',
        questions: ['our cgroups'],
      }),
    });
    const { knowledge } = loadKnowledge([BUILTIN_KNOWLEDGE_DIR, dir]);
    expect(knowledge?.entries.get('what-is-a-cgroup')?.title).toBe('What is a cgroup, in our company?');
    expect(knowledge?.entries.get('what-is-a-cgroup')?.topic).toBe('ours');
  });

  it('merges messages and synonyms from a later layer', () => {
    const dir = tempDir();
    writeFiles(dir, {
      '_bot/messages.yaml': 'escalation: "#our-helpdesk"\n',
      '_bot/synonyms.yaml': 'kbs: kubernetes\n',
    });
    const { knowledge } = loadKnowledge([BUILTIN_KNOWLEDGE_DIR, dir]);
    expect(knowledge?.messages.escalation).toBe('#our-helpdesk');
    expect(knowledge?.messages.clarify).toBeTruthy();
    expect(knowledge?.synonyms.get('kbs')).toBe('kubernetes');
  });

  it('adds the questions people asked (_bot/asked.yaml) to their entries, and warns at the line of an unknown id', () => {
    const dir = tempDir();
    writeFiles(dir, {
      '_bot/asked.yaml': [
        'what-is-a-cgroup:',
        '  - question: how do cgroups cap my containers ram',
        '    source: https://example.com/q/1',
        'no-such-entry:',
        '  - question: something else',
        '    source: https://example.com/q/2',
        '',
      ].join('\n'),
    });
    const { knowledge, problems } = loadKnowledge([BUILTIN_KNOWLEDGE_DIR, dir]);
    expect(knowledge?.entries.get('what-is-a-cgroup')?.asked).toContain(
      'how do cgroups cap my containers ram',
    );
    const file = path.join(dir, '_bot', 'asked.yaml');
    expect(problems.map(formatProblem)).toContain(
      `${file}:4: warning: asked questions listed for unknown entry "no-such-entry"`,
    );
  });

  it('rejects an asked question without its source', () => {
    const errors = errorsWith({
      '_bot/asked.yaml': 'what-is-a-cgroup:\n  - question: how do cgroups work\n',
    });
    expect(errors.join('\n')).toMatch(/asked\.yaml:1: .*source/);
  });

  it('requires every message the core and the registered channels use', () => {
    const dir = tempDir();
    writeFiles(dir, {
      '_bot/messages.yaml': 'bot_name: Berth\n',
      '_bot/smalltalk/help.md': '---\nquestions: [help]\n---\nHelp.\n',
    });
    const missing = (channels: readonly ChannelRequirements[]) =>
      errorsOf(loadKnowledge([dir], channels).problems).map((p) => p.message);
    expect(missing([])).toContain('missing message "fallback"');
    expect(missing([])).not.toContain('missing message "slack_share"');
    expect(missing(CHANNEL_REQUIREMENTS)).toContain('missing message "slack_share"');
  });

  it('changes the version when any file changes', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'ours/one.md': entryFile({ title: 'Version one?', questions: ['v1 a', 'v1 b', 'v1 c', 'v1 d'] }),
    });
    const first = loadKnowledge([BUILTIN_KNOWLEDGE_DIR, dir]).knowledge?.version;
    writeFiles(dir, {
      'ours/one.md': entryFile({ title: 'Version two?', questions: ['v1 a', 'v1 b', 'v1 c', 'v1 d'] }),
    });
    const second = loadKnowledge([BUILTIN_KNOWLEDGE_DIR, dir]).knowledge?.version;
    expect(first).toMatch(/^[0-9a-f]{12}$/);
    expect(second).not.toBe(first);
  });
});
