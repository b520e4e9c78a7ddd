import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { berthImport } from './import-helpers.ts';
import { tempDir, writeFiles } from './knowledge-helpers.ts';

const HEADER = 'Question\tAnswer\tSource\tMetadata\tSuggestedQuestions\tIsContextOnly\tPrompts\tQnaId';
const GOOD_ROW =
  'How do I request a sandbox?\tOpen a ticket in the PLAT queue.\tEditorial\t\t[]\tFalse\t[]\t1';

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

/**
 * Each case: a file that cannot be imported, and the exact error naming its file and line. The
 * import must stop before writing anything: not even the output directory may appear.
 */
const CASES: [string, string, string | Buffer, string][] = [
  ['an empty file', 'faq.tsv', '', 'faq.tsv:1: the file is empty'],
  ['a file of blank lines and a BOM', 'faq.md', '\uFEFF\r\n  \r\n', 'faq.md:1: the file is empty'],
  [
    'a TSV with the columns of an older export',
    'faq.tsv',
    'Question\tAnswer\tSource\tMetadata\nWhat is PLAT?\tOur ticket queue.\tEditorial\t\n',
    'faq.tsv:1: not a QnA Maker export: expected the tab-separated columns Question, Answer, Source, Metadata, SuggestedQuestions, IsContextOnly, Prompts, QnaId; found Question, Answer, Source, Metadata',
  ],
  [
    'a TSV row broken by a line break inside its answer (after a good row)',
    'faq.tsv',
    `${HEADER}\n${GOOD_ROW}\nWho approves?\tThe on-call engineer,\nafter sign-off.\tEditorial\t\t[]\tFalse\t[]\t2\n`,
    'faq.tsv:3: 2 columns where the header has 8 (a tab or line break inside a question or answer?)',
  ],
  [
    'a follow-up prompt to a QnaId that is not in the file',
    'faq.tsv',
    `${HEADER}\n${GOOD_ROW.replace('\t[]\t1', '\t[{"DisplayOrder":1,"QnaId":7,"DisplayText":"More"}]\t1')}\n`,
    'faq.tsv:2: a follow-up prompt points to QnaId 7, which is not in the file',
  ],
  [
    'broken YAML in a Rasa nlu.yml',
    'nlu.yml',
    'version: "3.1"\nnlu:\n  - intent: faq/sandbox\n    examples: |\n      - how do I get a sandbox\n   - intent: faq/quota\n    examples: |\n      - sandbox quota\n',
    'nlu.yml:6: malformed YAML: All sequence items must start at the same column',
  ],
  [
    'Rasa training data without its domain.yml',
    'nlu.yml',
    'version: "3.1"\nnlu:\n  - intent: faq/sandbox\n    examples: |\n      - how do I get a sandbox\n',
    'nlu.yml:3: no "utter_faq/sandbox" response: the answers live under "responses:" in domain.yml; import the project folder, or pass domain.yml too',
  ],
  [
    'a Windows-1252 file (another encoding)',
    'faq.md',
    Buffer.from('# FAQ\n\n## Who runs the caf\xe9 cluster?\n', 'latin1'),
    'faq.md:3: not UTF-8 text (byte 0xE9: Windows-1252 or Latin-1?); save the file as UTF-8',
  ],
  [
    'UTF-16 without a byte-order mark',
    'faq.tsv',
    Buffer.from(`${HEADER}\n${GOOD_ROW}\n`, 'utf16le'),
    'faq.tsv:1: not UTF-8 text (a NUL byte: UTF-16 without a byte-order mark?); save the file as UTF-8',
  ],
  [
    'a UTF-16LE export with Windows line endings and a bad QnaId on its third line',
    'faq.tsv',
    utf16le(`${HEADER}\r\n${GOOD_ROW}\r\n${GOOD_ROW.replace(/1$/, 'two')}\r\n`),
    'faq.tsv:3: QnaId must be a number, found "two"',
  ],
  [
    'an Excel workbook',
    'faq.xlsx',
    Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
    'faq.xlsx:1: this is a zip archive (an Excel workbook?), not text: export or save the knowledge base as TSV',
  ],
  [
    'a Markdown page with no question headings',
    'faq.md',
    '# Platform FAQ\n\n## Access\n\nAsk in #platform-help.\n',
    'faq.md:1: no questions found: each question must be a heading that ends in "?", like "## How do I get access?"',
  ],
  [
    'a .qna answer that is not fenced',
    'faq.qna',
    '# ? How do I get a sandbox?\n- sandbox request\n\nOpen a ticket in the PLAT queue.\n',
    'faq.qna:4: unexpected line: expected "# ? question", "- variation", a ```markdown answer, "**Filters:**" or "**Prompts:**"',
  ],
  [
    'a .qna question line without its question',
    'faq.qna',
    '# ? How do I get a sandbox?\n\n```markdown\nOpen a ticket.\n```\n\n# ?\n',
    'faq.qna:7: a "# ?" line without its question',
  ],
  [
    'a .qna prompt to a question that is not in the file',
    'faq.qna',
    '# ? How do I get a sandbox?\n\n```markdown\nOpen a ticket.\n```\n\n**Prompts:**\n- [Quotas](#?what-are-the-quotas)\n',
    'faq.qna:8: prompt "- [Quotas](#?what-are-the-quotas)" points to a question that is not in the file',
  ],
  [
    'a file whose format cannot be told',
    'faq.txt',
    'Sandboxes: ask in #platform-help.\n',
    'faq.txt:1: cannot tell the format from the file name or its content; pass --format qnamaker, rasa, markdown or qna',
  ],
];

describe('bad input', () => {
  it.each(CASES)(
    '%s: a clear error naming the file and line, nothing written',
    async (_what, name, content, message) => {
      const dir = tempDir('berth-bad-');
      writeFileSync(path.join(dir, name), content);
      const { code, stdout, stderr } = await berthImport([name, '--out', 'kb'], dir);
      expect(stderr).toBe(`berth import: ${message}\n`);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(existsSync(path.join(dir, 'kb'))).toBe(false);
    },
  );

  it('broken YAML anywhere in a Rasa project names that file, and leaves an existing output directory as it was', async () => {
    const dir = tempDir('berth-bad-');
    writeFiles(dir, {
      'bot/data/nlu.yml': 'nlu:\n  - intent: faq/sandbox\n    examples: |\n      - how do I get a sandbox\n',
      'bot/domain.yml':
        'responses:\n  utter_faq/sandbox:\n    - text: Open a ticket.\n  utter_faq/quota: [\n',
      'kb/platform/keep-me.md': 'untouched\n',
    });
    const { code, stderr } = await berthImport(['bot', '--out', 'kb'], dir);
    expect(stderr).toBe(
      'berth import: bot/domain.yml:4: malformed YAML: Flow sequence in block collection must be sufficiently indented and end with a ]\n',
    );
    expect(code).toBe(1);
    expect(readdirSync(path.join(dir, 'kb'), { recursive: true })).toEqual([
      'platform',
      'platform/keep-me.md',
    ]);
  });

  it('a usage mistake says what is expected', async () => {
    const dir = tempDir('berth-bad-');
    writeFileSync(path.join(dir, 'faq.tsv'), `${HEADER}\n${GOOD_ROW}\n`);
    const usage =
      'usage: berth import <file> --out <dir> [--topic NAME] [--format qnamaker|rasa|markdown|qna] [--force] [--quiet]';
    const cases: [string[], string][] = [
      [['faq.tsv'], '--out <dir> is required: the knowledge directory to write to'],
      [['nope.tsv', '--out', 'kb'], 'no such file or folder: nope.tsv'],
      [
        ['faq.tsv', '--out', 'kb', '--format', 'excel'],
        '--format must be one of qnamaker, rasa, markdown, qna',
      ],
      [
        ['faq.tsv', '--out', 'kb', '--topic', 'Our FAQ'],
        '--topic must be a lower-case folder name like "platform"',
      ],
      [['faq.tsv', '--out', 'kb', '--overwrite'], 'unknown option --overwrite'],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await berthImport(args, dir);
      expect(stderr).toBe(`berth import: ${message}\n${usage}\n`);
      expect(code).toBe(2);
    }
    expect(existsSync(path.join(dir, 'kb'))).toBe(false);
  });
});
