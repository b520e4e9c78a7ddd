import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/limits/rate-limiter.ts';

describe('RateLimiter', () => {
  it('allows a burst, tells a throttled user once, then stays silent', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 6, burst: 2 }, () => now);
    expect([limiter.take('u1'), limiter.take('u1')]).toEqual(['allow', 'allow']);
    expect(limiter.take('u1')).toBe('throttle-notify');
    expect(limiter.take('u1')).toBe('throttle-silent');
    expect(limiter.take('u2')).toBe('allow');
    now += 10_000; // 6 per minute: one token every 10 s
    expect(limiter.take('u1')).toBe('allow');
    expect(limiter.take('u1')).toBe('throttle-notify');
  });
});
