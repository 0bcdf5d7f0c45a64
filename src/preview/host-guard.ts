import { isIP } from 'node:net';

export interface RequestHeaders {
  host?: string;
  origin?: string;
  /** Sec-Fetch-Site, -Mode and -Dest, which current browsers send with every request. */
  fetchSite?: string;
  fetchMode?: string;
  fetchDest?: string;
}

/**
 * Whether a request may be answered, against DNS rebinding: a web page on some other site can
 * make the browser send requests to 127.0.0.1 under its own host name, so the Host header must
 * name this server. Accepted: the address bound to (or `--host` as given), `localhost` when bound
 * to loopback, and the IP literal the connection actually arrived on — never another name.
 * A request that says where it comes from must come from this server's own pages, or be the
 * reader opening the page (a typed address, a bookmark, a link followed).
 */
export function allowedRequest(headers: RequestHeaders, server: { host: string; port: number; localAddress?: string }): boolean {
  const host = parseHost(headers.host);
  if (!host || host.port !== server.port || !allowedName(host.name, server)) return false;
  // An <img>, <script> or <iframe> on another site (or another port of this machine) sends no
  // Origin; only the reader's own top-level navigation may come from elsewhere.
  const ownOrTyped = headers.fetchSite === 'same-origin' || headers.fetchSite === 'none';
  const followedLink = headers.fetchMode === 'navigate' && headers.fetchDest === 'document';
  if (headers.fetchSite && !ownOrTyped && !followedLink) return false;
  if (headers.origin === undefined) return true;
  try {
    const origin = new URL(headers.origin);
    return origin.protocol === 'http:' && parseHost(origin.host)?.name === host.name && Number(origin.port || 80) === server.port;
  } catch {
    return false;
  }
}

function allowedName(name: string, server: { host: string; localAddress?: string }): boolean {
  const bound = server.host.replace(/^\[|\]$/g, '').toLowerCase();
  if (name === bound) return true;
  if (name === 'localhost') return isLoopback(bound) || (server.localAddress !== undefined && isLoopback(server.localAddress));
  const local = server.localAddress?.replace(/^::ffff:/, '').toLowerCase();
  return isIP(name) !== 0 && name === local;
}

function isLoopback(address: string): boolean {
  const a = address.replace(/^::ffff:/, '').toLowerCase();
  return a === 'localhost' || a === '::1' || /^127\.\d+\.\d+\.\d+$/.test(a);
}

/** `127.0.0.1:5173` → name and port; `[::1]:8080` too; no port means 80. Anything malformed is undefined. */
function parseHost(value: string | undefined): { name: string; port: number } | undefined {
  const m = value ? /^(\[[0-9a-fA-F:.]+\]|[^:[\]/@\s]+)(?::(\d{1,5}))?$/.exec(value.trim()) : null;
  if (!m) return undefined;
  return { name: m[1]!.replace(/^\[|\]$/g, '').toLowerCase(), port: m[2] === undefined ? 80 : Number(m[2]) };
}
