import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/import/decode.ts';
import { draftEntries, slugOf } from '../../src/import/entries.ts';
import type { FaqDocument, FaqItem } from '../../src/import/faq.ts';
import { parseMarkdownFaq } from '../../src/import/markdown-faq.ts';
import { parseQnaFile } from '../../src/import/qna.ts';
import { escapeTsv, parseQnaMakerTsv, unescapeTsv } from '../../src/import/qnamaker.ts';
import { guessFormat, readFaq } from '../../src/import/source.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/import');
const IMPORT_DATE = '2026-05-04';
const fixture = (name: string) => path.join(FIXTURES, name);
const source = (name: string) => ({
  file: fixture(name),
  text: decodeText(fixture(name), readFileSync(fixture(name))),
});
const drafts = (doc: FaqDocument) => draftEntries(doc, { topic: 'faq', reviewed: IMPORT_DATE });
const byTitle = (items: readonly FaqItem[], start: string) =>
  items.find((i) => i.questions[0]!.startsWith(start))!;

describe('QnA Maker TSV', () => {
  const doc = parseQnaMakerTsv(source('platform-faq.tsv'));

  it('makes one pair per QnaId, the first row its title, later rows its alternates', () => {
    expect(doc.items.map((i) => i.key)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(doc.items[0]!.questions[0]).toBe('How do I get push access to our container registry?');
    expect(byTitle(doc.items, 'Which base images').questions).toEqual([
      'Which base images are approved at Northwind?',
      'approved base images list',
      'may I use alpine for a production service',
      'golden images for services',
    ]);
  });

  it('turns metadata into tags, follow-up prompts into related keys in display order, a source page into a link', () => {
    const push = doc.items[0]!;
    expect(push.tags).toEqual(['team:platform', 'category:registry']);
    expect(push.related).toEqual(['2', '3']);
    expect(push.source.line).toBe(2);
    const images = byTitle(doc.items, 'Which base images');
    expect(images.tags).toEqual(['category:images', 'golden']);
    expect(images.links).toEqual([
      {
        title: 'Source: wiki.northwind.example/platform/faq',
        url: 'https://wiki.northwind.example/platform/faq',
      },
    ]);
  });

  it('restores the line breaks of answers and keeps Windows paths', () => {
    const push = doc.items[0]!;
    expect(push.answer).toContain('not per person.\n\n1. Ask your team lead');
    const windows = byTitle(doc.items, 'Where does Docker Desktop');
    expect(windows.answer).toContain('`C:\\Users\\alex\\.docker\\config.json`');
  });

  it('drafts entries with unique ids, repeated questions dropped, links from the answer and the source', () => {
    const entries = drafts(doc);
    expect(entries.map((e) => e.id)).toContain(
      'how-do-i-get-kubectl-access-to-the-shared-staging-cluster-as',
    );
    expect(entries.map((e) => e.id)).toContain(
      'how-do-i-get-kubectl-access-to-the-shared-staging-cluster-as-2',
    );
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    const push = entries[0]!;
    expect(push.questions).toEqual([
      'registry push permission denied',
      'who grants write access to registry.northwind.internal',
      "can't push images to the company registry",
    ]);
    expect(push.related).toEqual([
      'how-do-i-push-to-the-registry-from-a-gitlab-ci-pipeline',
      'what-is-a-registry-robot-account',
    ]);
    expect(push.links).toEqual([
      { title: 'the access portal', url: 'https://access.northwind.example/groups' },
    ]);
    expect(push.reviewed).toBe(IMPORT_DATE);
    const images = entries.find((e) => e.id === 'which-base-images-are-approved-at-northwind')!;
    expect(images.links.map((l) => l.url)).toEqual([
      'https://wiki.northwind.example/platform/golden-images',
      'https://wiki.northwind.example/platform/faq',
    ]);
  });

  it('reads a UTF-16LE export with a byte-order mark and Windows line endings', () => {
    const utf16 = parseQnaMakerTsv(source('build-farm-utf16.tsv'));
    expect(utf16.items.map((i) => i.questions[0])).toEqual([
      'Why does the build farm reject images larger than 2 GB?',
      'Can a project get an exception to the build farm’s 2 GB image limit?',
      'Which runner tags does the build farm offer?',
    ]);
    expect(utf16.items[0]!.answer).toContain('(Größe: 2,3 GB)');
    expect(utf16.items[0]!.answer).not.toContain('\r');
    expect(utf16.items[2]!.related).toEqual(['101', '102']);
  });

  it('escapes answers so that any text reads back exactly', () => {
    for (const text of [
      'a\\nb',
      'C:\\new\\table',
      'line\nbreak\ttab',
      'ends with \\',
      'back\\\nslash',
      '\\\\n',
    ]) {
      expect(escapeTsv(text)).not.toMatch(/[\n\t]/);
      expect(unescapeTsv(escapeTsv(text))).toBe(text);
    }
  });
});

describe('Rasa', () => {
  const doc = readFaq([fixture('rasa')]);

  it('imports each faq/ retrieval intent with its examples and its utter_faq/ response, nothing else', () => {
    expect(doc.format).toBe('rasa');
    expect(doc.items.map((i) => i.key)).toEqual([
      'faq/dev_environment_image',
      'faq/compose_in_staging',
      'faq/on_call_platform',
    ]);
    const dev = doc.items[0]!;
    expect(dev.questions).toEqual([
      'which image should I use for my dev environment',
      'is there a devcontainer image for northwind projects',
      'dev container with kubectl and helm preinstalled',
      'where is the devbox image',
      'what image does the dev environment use',
      'devbox image location',
    ]);
    expect(dev.answer).toMatch(/^Use the dev container image/);
    expect(dev.source).toEqual({ file: fixture('rasa/data/nlu.yml'), line: 10 });
  });

  it('strips entity annotations, reads examples given as a list, and answers with the first response for every channel', () => {
    const compose = doc.items[1]!;
    expect(compose.questions).toContain('compose file in the staging cluster');
    expect(compose.answer).toMatch(/^No: staging and production run on Kubernetes/);
    const onCall = doc.items[2]!;
    expect(onCall.questions).toEqual([
      'who is the platform on-call engineer this week',
      'how do I page the platform on-call engineer',
      'platform on call rotation',
    ]);
    expect(onCall.answer).not.toContain('Open #platform-help');
  });

  it('reads nlu.yml and domain.yml given as files', () => {
    const files = readFaq([fixture('rasa/data/nlu.yml'), fixture('rasa/domain.yml')]);
    expect(files.items.map((i) => i.key)).toEqual(['faq/dev_environment_image', 'faq/compose_in_staging']);
    expect(files.items[1]!.answer).toContain('Helm starter chart');
  });
});

describe('Markdown FAQ', () => {
  const doc = parseMarkdownFaq(source('wiki-faq.md'));

  it('makes every heading that ends in "?" a question, at any level and in either heading style', () => {
    expect(doc.items.map((i) => [i.questions[0], i.source.line])).toEqual([
      ['How long are images kept in the Northwind registry?', 10],
      ['Why does our vulnerability scan block my merge request?', 18],
      ["How do I get a TLS certificate for my service's ingress?", 35],
      ['How do I see the logs of a pod that was restarted?', 42],
      ['Who approves a new public hostname?', 50],
    ]);
  });

  it('keeps sub-headings and code (with its "# why?" comment) in the answer, and stops at the next question', () => {
    const scan = doc.items[1]!;
    expect(scan.answer).toContain('# why? the golden images are rebuilt nightly');
    expect(scan.answer).toContain('#### If the CVE has no fix yet');
    expect(scan.answer).not.toContain('Running services');
  });

  it('tags a question with its section heading, brings reference links along, and ignores the page title', () => {
    const kept = doc.items[0]!;
    expect(kept.tags).toEqual(['images-and-builds']);
    expect(kept.answer).toMatch(
      /\[handbook\]: https:\/\/wiki\.northwind\.example\/platform\/registry-handbook$/,
    );
    expect(doc.items[4]!.tags).toEqual([]);
    expect(drafts(doc)[0]!.links).toEqual([
      { title: 'registry handbook', url: 'https://wiki.northwind.example/platform/registry-handbook' },
    ]);
  });
});

describe('.qna files', () => {
  const doc = parseQnaFile(source('support.qna'));

  it('reads questions, variations, filters and the source of each pair', () => {
    expect(doc.items.map((i) => i.key)).toEqual(['1', '2', '3']);
    const restart = doc.items[0]!;
    expect(restart.questions).toEqual([
      'How do I restart a deployment without downtime?',
      'rolling restart of a deployment',
      'restart pods one by one',
      'kubectl rollout restart',
    ]);
    expect(restart.tags).toEqual(['team:platform', 'kubernetes']);
    expect(restart.links).toEqual([
      {
        title: 'Source: wiki.northwind.example/platform/support',
        url: 'https://wiki.northwind.example/platform/support',
      },
    ]);
    expect(restart.source.line).toBe(8);
  });

  it('keeps a code block inside the fenced answer, and follows prompts by id and by question', () => {
    const restart = doc.items[0]!;
    expect(restart.answer).toContain('```sh\nkubectl rollout status deployment/<name> -n <namespace>\n```');
    expect(restart.answer).toMatch(/kubectl_rollout\/\)\.$/);
    expect(restart.related).toEqual(['2', '3']);
    expect(doc.items[2]!.related).toEqual(['2']);
  });
});

describe('guessing the format', () => {
  it('goes by the file name, then by the content', () => {
    expect(guessFormat({ file: 'kb.tsv', text: '' })).toBe('qnamaker');
    expect(guessFormat({ file: 'kb.qna', text: '' })).toBe('qna');
    expect(guessFormat({ file: 'FAQ.md', text: '' })).toBe('markdown');
    expect(guessFormat({ file: 'nlu.yml', text: '' })).toBe('rasa');
    expect(guessFormat({ file: 'export.txt', text: 'Question\tAnswer\tSource' })).toBe('qnamaker');
    expect(guessFormat({ file: 'export.txt', text: '> kb\n# ? What is it?\n' })).toBe('qna');
    expect(guessFormat({ file: 'export', text: 'version: "3.1"\nnlu:\n' })).toBe('rasa');
    expect(guessFormat({ file: 'faq.txt', text: '# FAQ\n## Why?\nBecause.' })).toBe('markdown');
  });

  it('makes readable ids from titles', () => {
    expect(slugOf("What's a cgroup?")).toBe('whats-a-cgroup');
    expect(slugOf('Qu’est-ce qu’un conteneur ?')).toBe('quest-ce-quun-conteneur');
    expect(slugOf('Что такое контейнер?')).toBe('question');
  });
});
