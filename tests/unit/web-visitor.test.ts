import { describe, expect, it } from 'vitest';
import {
  identifyVisitor,
  newVisitorId,
  readCookie,
  VISITOR_COOKIE,
  visitorCookie,
} from '../../adapters/web/visitor.ts';

describe('who is asking in the web chat', () => {
  it('recognises the visitor cookie among others', () => {
    const id = newVisitorId();
    expect(identifyVisitor(`theme=dark; ${VISITOR_COOKIE}=${id}; lang=en`, '10.0.0.1')).toEqual({
      kind: 'cookie',
      user: `v:${id}`,
      id,
    });
  });

  it('counts a request without a usable cookie against its address and hands out a new id', () => {
    for (const header of [
      undefined,
      '',
      'theme=dark',
      `${VISITOR_COOKIE}=short`,
      `${VISITOR_COOKIE}=<script>`,
    ]) {
      const visitor = identifyVisitor(header, '10.0.0.1');
      expect(visitor.kind).toBe('address');
      expect(visitor.user).toBe('ip:10.0.0.1');
      if (visitor.kind === 'address') expect(visitor.newId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    }
  });

  it('mints ids that differ', () => {
    expect(new Set(Array.from({ length: 50 }, newVisitorId)).size).toBe(50);
  });

  it('sets a cookie scripts cannot read and other sites cannot send', () => {
    const cookie = visitorCookie('AAAAAAAAAAAAAAAAAAAAAA');
    expect(cookie).toMatch(/^berth_visitor=AAAAAAAAAAAAAAAAAAAAAA; Path=\/; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
  });

  it('reads one cookie out of a header', () => {
    expect(readCookie('a=1; b=2', 'b')).toBe('2');
    expect(readCookie('ab=1', 'a')).toBeUndefined();
    expect(readCookie(undefined, 'a')).toBeUndefined();
  });
});
