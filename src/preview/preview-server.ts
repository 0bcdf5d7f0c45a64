import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { allowedRequest } from './host-guard.js';
import type { PreviewSession } from './preview-session.js';
import type { SessionInfo, SourceAnswer, SourceQuery, SourceView } from './protocol.js';
import type { SourcePlace } from './source-lookup.js';
import type { WebAsset } from './web-assets.js';

export interface PreviewServerOptions {
  host: string;
  /** 0 takes a free port. */
  port: number;
  session: PreviewSession;
  info: SessionInfo;
  assets: Map<string, WebAsset>;
  /** How a source file is shown to the reader (relative to where preview was started). */
  displayPath(file: string): string;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A click's JSON is a few lines of text; anything larger is not from the page. */
const MAX_BODY = 64 * 1024;
/** Comments on an idle event stream, so proxies and the browser keep it open. */
const HEARTBEAT_MS = 15_000;

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/**
 * Everything the page loads comes from here: no script, style or font from anywhere else, and
 * pdf.js's worker from this origin too.
 */
const PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data: blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 *   GET  /                 the page;  /assets/*, /pdfjs/*  its files (an exact list: web-assets.ts)
 *   GET  /api/session      the documents and the language
 *   GET  /events?doc=ID    server-sent events: the document's state, sent whole on every change
 *   GET  /pdf/ID           its last good PDF
 *   POST /api/source       where clicked text came from
 */
export async function startPreviewServer(opts: PreviewServerOptions): Promise<RunningServer> {
  const streams = new Set<ServerResponse>();
  let port = opts.port;
  const server: Server = createServer((req, res) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    const headers = { host: req.headers.host, origin: req.headers.origin, fetchSite: header(req, 'sec-fetch-site'), fetchMode: header(req, 'sec-fetch-mode'), fetchDest: header(req, 'sec-fetch-dest') };
    if (!allowedRequest(headers, { host: opts.host, port, localAddress: req.socket.localAddress })) {
      send(res, 403, 'text/plain; charset=utf-8', 'This preview answers only requests addressed to its own loopback address.\n');
      return;
    }
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `${(e as Error)?.message ?? e}\n`);
      else res.destroy();
    });
  });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://preview.invalid');
    const method = req.method ?? 'GET';
    if (method === 'POST' && url.pathname === '/api/source') return answerSource(req, res);
    if (method !== 'GET' && method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    if (url.pathname === '/api/session') return sendJson(res, opts.info);
    if (url.pathname === '/events') return openEvents(url.searchParams.get('doc') ?? '', res);
    const pdf = /^\/pdf\/([^/]+)$/.exec(url.pathname);
    if (pdf) {
      const bytes = opts.session.pdf(decodeURIComponent(pdf[1]!));
      if (!bytes) return send(res, 404, 'text/plain; charset=utf-8', 'no PDF built yet\n');
      res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': bytes.length, 'Cache-Control': 'no-store' });
      res.end(method === 'HEAD' ? undefined : bytes);
      return;
    }
    const asset = opts.assets.get(url.pathname);
    if (!asset) return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
    res.writeHead(200, {
      'Content-Type': asset.type,
      'Content-Length': statSync(asset.file).size,
      'Cache-Control': 'no-cache',
      ...(url.pathname === '/' ? { 'Content-Security-Policy': PAGE_POLICY } : {}),
    });
    if (method === 'HEAD') return void res.end();
    createReadStream(asset.file).on('error', () => res.destroy()).pipe(res);
  };

  const openEvents = (doc: string, res: ServerResponse): void => {
    if (!opts.session.has(doc)) return send(res, 404, 'text/plain; charset=utf-8', 'no such document\n');
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    // Reconnect quickly after a restart of the server.
    res.write('retry: 1000\n\n');
    streams.add(res);
    const unsubscribe = opts.session.subscribe(doc, (state) => res.write(`event: state\ndata: ${JSON.stringify(state)}\n\n`));
    const beat = setInterval(() => res.write(': still here\n\n'), HEARTBEAT_MS);
    res.on('close', () => {
      clearInterval(beat);
      unsubscribe();
      streams.delete(res);
    });
  };

  const answerSource = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) return send(res, 415, 'text/plain; charset=utf-8', 'send JSON\n');
    const query = parseQuery(await readBody(req));
    if (!query) return send(res, 400, 'text/plain; charset=utf-8', 'malformed query\n');
    const places = opts.session.lookup(query.doc)?.find(query) ?? [];
    const view = (p: SourcePlace): SourceView => ({ ...p, file: opts.displayPath(p.file) });
    const answer: SourceAnswer = { hit: places[0] && view(places[0]), others: places.slice(1).map(view) };
    sendJson(res, answer);
  };

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;
  const hostInUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${hostInUrl}:${port}/`,
    port,
    close: () =>
      new Promise<void>((done) => {
        for (const res of streams) res.end();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  res.end(body);
}

function sendJson(res: ServerResponse, value: unknown): void {
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify(value));
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseQuery(body: string | undefined): SourceQuery | undefined {
  if (body === undefined) return undefined;
  let q: Partial<SourceQuery>;
  try {
    q = JSON.parse(body) as Partial<SourceQuery>;
  } catch {
    return undefined;
  }
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  if (typeof q?.doc !== 'string' || typeof q.text !== 'string' || typeof q.line !== 'string' || !num(q.page)) return undefined;
  return { doc: q.doc, page: q.page!, text: q.text, line: q.line, spanStart: num(q.spanStart), charIndex: num(q.charIndex), x: num(q.x), y: num(q.y) };
}
