import { describe, expect, it } from 'vitest';
import { truncate } from '../../lib/truncate.ts';
import { Analyzer } from '../../src/text/analyzer.ts';
import { cleanQuestion, questionKey } from '../../src/text/normalize.ts';
import { tokenize } from '../../src/text/tokenize.ts';

describe('tokenize', () => {
  it('keeps technical units whole and also emits their parts', () => {
    const tokens = tokenize('docker run -p 8080:80 --memory 512m nginx:1.27 /var/run/docker.sock');
    const whole = tokens.filter((t) => !t.part).map((t) => t.text);
    expect(whole).toEqual([
      'docker',
      'run',
      '-p',
      '8080:80',
      '--memory',
      '512m',
      'nginx:1.27',
      'var/run/docker.sock',
    ]);
    expect(tokens.filter((t) => t.part).map((t) => t.text)).toEqual(
      expect.arrayContaining(['8080', '80', 'memory', 'nginx', 'docker', 'sock']),
    );
  });

  it('handles other scripts and drops emoji', () => {
    expect(tokenize('contenedor ¿qué? 容器 🐳').map((t) => t.text)).toEqual(['contenedor', 'qué', '容器']);
  });
});

describe('Analyzer', () => {
  const analyzer = new Analyzer(
    new Map([
      ['k8s', 'kubernetes'],
      ['img', 'image'],
      ['control group', 'cgroup'],
      ['vm', 'virtual machine'],
    ]),
  );
  const terms = (text: string) => analyzer.analyze(text).map((t) => t.term);

  it('drops stop words and stems', () => {
    expect(terms('Why are my images so big?')).toEqual(['imag', 'big']);
  });

  it('applies single-word and phrase synonyms', () => {
    expect(terms('k8s img')).toEqual(['kubernet', 'imag']);
    expect(terms('what is a control group')).toEqual(['cgroup']);
    expect(terms('vm')).toEqual(['virtual', 'machin']);
  });

  it('weights the parts of a compound below the whole', () => {
    const sock = analyzer.analyze('docker.sock');
    expect(sock.find((t) => t.term === 'docker.sock')?.weight).toBe(1);
    expect(sock.find((t) => t.term === 'sock')?.weight).toBeLessThan(1);
  });
});

describe('cleanQuestion', () => {
  it('removes HTML tags, entities and code fences; channel markup is left to the channel', () => {
    expect(cleanQuestion('what is a <b>cgroup</b>? &amp; more')).toBe('what is a cgroup ? & more');
    expect(cleanQuestion('```sh\ndocker run\n```')).toBe('docker run');
  });

  it('truncates at a word boundary without splitting an emoji', () => {
    const long = `${'a '.repeat(600)}🐳🐳`;
    expect(cleanQuestion(long).length).toBeLessThanOrEqual(1000);
    expect(truncate('🐳🐳🐳', 3)).toBe('🐳');
  });

  it('makes a comparison key of letters and digits', () => {
    expect(questionKey('  What IS a cgroup?! ')).toBe('what is a cgroup');
  });
});
