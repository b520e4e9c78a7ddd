import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_KNOWLEDGE_DIR } from '../../src/config.ts';
import { loadKnowledge } from '../../src/knowledge/knowledge-base.ts';
import { errorsOf, formatProblem } from '../../src/knowledge/problems.ts';
import { entryFile, tempDir, writeFiles } from './knowledge-helpers.ts';

/** Loads the built-in knowledge with one extra layer holding `files`; returns the error lines. */
function errorsWith(files: Record<string, string>): string[] {
  const dir = tempDir();
  writeFiles(dir, files);
  const { problems } = loadKnowledge([BUILTIN_KNOWLEDGE_DIR, dir]);
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

  it('rejects entries without links and links that are not absolute http(s)', () => {
    const noLinks = entryFile().replace(/links:\n {2}- title: Example\n {4}url: .*\n/, '');
    expect(errorsWith({ 'extra/no-links.md': noLinks })[0]).toMatch(/no-links\.md:1: missing "links"/);
    expect(errorsWith({ 'extra/bad-url.md': entryFile({ url: 'docs/page.html' }) })).toEqual([
      'extra/bad-url.md:11: link "url" must be an absolute http(s) URL',
    ]);
    expect(errorsWith({ 'extra/js-url.md': entryFile({ url: 'javascript:alert(1)' }) })).toHaveLength(1);
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

  it('rejects an answer too long for one Slack section', () => {
    const errors = errorsWith({ 'extra/long.md': entryFile({ body: 'word '.repeat(700) }) });
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

  it('requires every message the code uses', () => {
    const dir = tempDir();
    writeFiles(dir, {
      '_bot/messages.yaml': 'bot_name: Berth\n',
      '_bot/smalltalk/help.md': '---\nquestions: [help]\n---\nHelp.\n',
    });
    const { problems } = loadKnowledge([dir]);
    expect(errorsOf(problems).map((p) => p.message)).toContain('missing message "fallback"');
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
