import { cpSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreviewSession } from '../../src/preview/preview-session.js';
import { startPreviewServer, type RunningServer } from '../../src/preview/preview-server.js';
import { previewWebDir, webAssets } from '../../src/preview/web-assets.js';
import { repoRoot, tempDir } from '../helpers/run-cli.js';

/** One request exactly as written (no client normalising the path or fixing the Host header). */
function raw(port: number, request: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (data += d));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head = '', ...rest] = data.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0), headers: head, body: Buffer.from(rest.join('\r\n\r\n'), 'latin1').toString('utf8') });
    });
    socket.write(request);
  });
}

describe('the preview server', () => {
  let server: RunningServer;
  let session: PreviewSession;
  let project: string;
  const SECRET = 'not-for-the-browser-7f3a';
  const get = (path: string, host = `127.0.0.1:${server.port}`, extra = '') =>
    raw(server.port, `GET ${path} HTTP/1.1\r\nHost: ${host}\r\n${extra}Connection: close\r\n\r\n`);

  beforeAll(async () => {
    project = tempDir();
    cpSync(join(repoRoot, 'templates/bulletin/sample.yaml'), join(project, 'sample.yaml'));
    cpSync(join(repoRoot, 'templates/bulletin/key-figures.csv'), join(project, 'key-figures.csv'));
    writeFileSync(join(project, 'secret.txt'), SECRET);
    session = new PreviewSession({
      documents: [{ id: '1', label: 'sample.yaml', request: { dataFile: join(project, 'sample.yaml'), cwd: project } }],
      present: { problem: (_e, severity) => ({ code: 'x', severity, message: '', text: '' }), path: (f) => f, built: () => {} },
    });
    server = await startPreviewServer({
      host: '127.0.0.1',
      port: 0,
      session,
      assets: webAssets(),
      displayPath: (f) => relative(project, f),
      info: { lang: 'zh', version: '0', documents: [{ id: '1', label: 'sample.yaml' }] },
    });
  });

  afterAll(async () => {
    await server?.close();
    await session?.close();
  });

  it('listens on loopback at the port it prints', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('answers its own address, and refuses every request whose Host names something else (DNS rebinding)', async () => {
    expect((await get('/')).status).toBe(200);
    expect((await get('/api/session', `localhost:${server.port}`)).status).toBe(200);
    for (const host of [`attacker.example:${server.port}`, `127.0.0.1.nip.io:${server.port}`, '127.0.0.1:1', `[::1]:${server.port}`]) {
      for (const path of ['/', '/api/session', '/events?doc=1', '/pdf/1', '/assets/preview.js']) {
        const res = await get(path, host);
        expect(res.status, `${host} ${path}`).toBe(403);
        expect(res.body).not.toMatch(/briefing|%PDF/);
      }
    }
    // No Host at all (HTTP/1.0).
    expect((await raw(server.port, 'GET / HTTP/1.0\r\n\r\n')).status).toBe(403);
    // A page on another site sending the right Host still says where it comes from.
    expect((await get('/api/session', `127.0.0.1:${server.port}`, 'Origin: http://attacker.example\r\n')).status).toBe(403);
  });

  it('serves no file outside its web assets and the built PDF, however the path is written', async () => {
    const attempts = [
      '/assets/../../package.json', '/assets/..%2f..%2fpackage.json', '/assets/%2e%2e/%2e%2e/package.json', '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/assets/....//....//package.json', '/assets/..\\..\\package.json', '/assets/%5c..%5c..%5cpackage.json', '/pdfjs/../../../package.json',
      '/pdfjs/cmaps/../../../../package.json', '/pdfjs/cmaps/..%2f..%2fpackage.json', '/pdfjs/package.json', '/pdf/..%2f..%2fpackage.json',
      '/pdf/..', '/pdf/1/../../secret.txt', '//etc/passwd', '/../../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets//etc/passwd',
      '/assets/preview.js%00.png', `/assets/${encodeURIComponent(join(project, 'secret.txt'))}`, '/secret.txt', '/sample.yaml', '/output/sample.pdf',
      `/${encodeURIComponent(project)}/secret.txt`, '/web/preview/index.html', '/src/preview/preview-server.ts', '/package.json', '/node_modules/pdfjs-dist/package.json',
      'http://127.0.0.1/../secret.txt', '/assets/index.html/../../../package.json',
    ];
    // What may come back at all: the files in the table (a path that normalises to "/" is the page).
    const servable = new Set([...webAssets().values()].map((a) => readFileSync(a.file).toString('utf8')));
    for (const path of attempts) {
      const res = await get(path);
      if (res.status === 200) expect(servable.has(res.body), path).toBe(true);
      else expect([400, 403, 404], path).toContain(res.status);
      expect(res.body, path).not.toContain(SECRET);
      expect(res.body, path).not.toContain('"name": "briefing"');
      expect(res.body, path).not.toMatch(/root:.*:0:0:/);
      expect(res.body, path).not.toContain('yaml-language-server');
    }
  });

  it('serves the page, its scripts and pdf.js from the installed package, with a policy that loads nothing from elsewhere', async () => {
    const page = await get('/');
    expect(page.headers).toMatch(/content-security-policy: default-src 'none'; script-src 'self'/i);
    expect(page.body).toContain('/assets/preview.js');
    for (const path of ['/assets/preview.js', '/assets/sheets.js', '/assets/preview.css', '/pdfjs/pdf.mjs', '/pdfjs/pdf.worker.mjs', '/pdfjs/pdf_viewer.css', '/pdfjs/cmaps/UniGB-UCS2-H.bcmap']) {
      expect((await get(path)).status, path).toBe(200);
    }
    expect((await get('/assets/preview.js')).headers).toMatch(/content-type: text\/javascript/i);
  });

  it('every file it can serve lies inside web/preview or the installed pdfjs-dist', () => {
    const roots = [realpathSync(previewWebDir), realpathSync(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')))];
    const table = webAssets();
    expect(table.size).toBeGreaterThan(10);
    for (const [url, asset] of table) {
      const real = realpathSync(asset.file);
      expect(roots.some((r) => !relative(r, real).startsWith('..')), `${url} → ${real}`).toBe(true);
    }
  });

  it('serves the last good PDF once a page has asked for the document', async () => {
    expect((await get('/pdf/1')).status).toBe(404);
    const states: unknown[] = [];
    const stop = session.subscribe('1', (s) => states.push(s));
    await session.idle();
    stop();
    const pdf = await get('/pdf/1');
    expect(pdf.status).toBe(200);
    expect(pdf.body.startsWith('%PDF-')).toBe(true);
    expect(pdf.headers).toMatch(/content-type: application\/pdf/i);
    expect((await get('/pdf/2')).status).toBe(404);
  });

  it('answers a source query only as JSON of bounded size', async () => {
    const post = (type: string, body: string) =>
      raw(server.port, `POST /api/source HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    expect((await post('text/plain', '{}')).status).toBe(415);
    expect((await post('application/json', '{"doc":"1"}')).status).toBe(400);
    expect((await post('application/json', JSON.stringify({ doc: '1', page: 1, text: 'x'.repeat(70_000), line: '' }))).status).toBe(400);
    const ok = await post('application/json', JSON.stringify({ doc: '1', page: 1, text: '敢想敢为 善作善成', line: '敢想敢为 善作善成' }));
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ hit: { kind: 'data', dataPath: 'kicker', file: 'sample.yaml', line: 16 } });
  });
});
