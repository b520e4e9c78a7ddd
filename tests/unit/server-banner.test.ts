import { describe, expect, it } from 'vitest';
import { startupBanner } from '../../adapters/server/banner.ts';
import { BUILTIN_KNOWLEDGE_DIR } from '../../src/config.ts';
import { loadKnowledgeOrThrow } from '../../src/knowledge/knowledge-base.ts';

const knowledge = loadKnowledgeOrThrow([BUILTIN_KNOWLEDGE_DIR]);
const channels = [
  { name: 'web', on: true, reason: 'always on, no credentials needed' },
  { name: 'slack', on: false, reason: 'set SLACK_BOT_TOKEN to turn it on' },
];

describe('the start-up banner', () => {
  it('tells a newcomer where to open the web chat and what is on', () => {
    const text = startupBanner({
      url: 'http://127.0.0.1:3978',
      channels,
      knowledge,
      config: { host: '127.0.0.1', knowledgeDirs: [BUILTIN_KNOWLEDGE_DIR], watchKnowledge: true },
      cwd: '/srv/berth',
    });
    expect(text).toContain('Open the web chat:  http://localhost:3978/\n');
    expect(text).toContain(`${knowledge.entries.size} answers in ${knowledge.topics.length} topics`);
    expect(text).toMatch(/web\s+on\s+always on, no credentials needed/);
    expect(text).toMatch(/slack\s+off\s+set SLACK_BOT_TOKEN to turn it on/);
    expect(text).toContain('Knowledge: built-in (edits are picked up while Berth runs)');
    expect(text).toContain('.env.example');
  });

  it('names the extra knowledge directories and says when listening on every interface', () => {
    const text = startupBanner({
      url: 'http://127.0.0.1:8080',
      channels,
      knowledge,
      config: {
        host: '0.0.0.0',
        knowledgeDirs: [BUILTIN_KNOWLEDGE_DIR, '/srv/berth/our-knowledge'],
        watchKnowledge: false,
      },
      cwd: '/srv/berth',
    });
    expect(text).toContain('http://localhost:8080/  (listening on all interfaces, 0.0.0.0)');
    expect(text).toContain('Knowledge: built-in + our-knowledge\n');
  });
});
