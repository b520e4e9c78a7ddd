import type { IncomingHttpHeaders } from 'node:http';
import { isIPv4 } from 'node:net';

/** Headers a reverse proxy or tunnel adds: a request carrying one came from beyond this machine. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip'] as const;

export interface LocalRequest {
  remoteAddress: string | undefined;
  headers: IncomingHttpHeaders;
  /** Where Berth would send its reply (the activity's `serviceUrl`). */
  serviceUrl: string | undefined;
}

/**
 * In local trial mode (no MicrosoftAppId) nothing is authenticated, so Berth talks to this machine
 * only: the request must come from a loopback address, not through a proxy or tunnel (which would
 * connect from loopback on someone else's behalf), name a local Host (no DNS rebinding), and ask
 * for the reply to go to a local serviceUrl. Returns why a request is refused, or undefined.
 * Example: localModeRefusal({ remoteAddress: '10.0.0.7', headers: {}, serviceUrl }) -> 'it came from 10.0.0.7, not this machine'
 */
export function localModeRefusal(request: LocalRequest): string | undefined {
  const { remoteAddress, headers, serviceUrl } = request;
  if (!isLoopbackAddress(remoteAddress))
    return `it came from ${remoteAddress ?? 'an unknown address'}, not this machine`;
  const forwarded = FORWARDING_HEADERS.find((name) => headers[name] !== undefined);
  if (forwarded) return `it was forwarded by a proxy or tunnel (${forwarded} header)`;
  if (!isLocalHostname(hostnameOf(headers.host))) return 'its Host header does not name this machine';
  if (serviceUrl !== undefined && !isLocalHostname(urlHostname(serviceUrl)))
    return 'its serviceUrl is not on this machine';
  return undefined;
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 forms. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  if (isIPv4(v4)) return v4.startsWith('127.');
  return address === '::1' || address === '0:0:0:0:0:0:0:1';
}

function isLocalHostname(hostname: string | undefined): boolean {
  if (!hostname) return false;
  const name = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return name === 'localhost' || name.endsWith('.localhost') || isLoopbackAddress(name);
}

function hostnameOf(host: string | undefined): string | undefined {
  return host === undefined ? undefined : urlHostname(`http://${host}`);
}

function urlHostname(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}
