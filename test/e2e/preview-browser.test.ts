import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsRun, launchChromium } from '../helpers/browser.js';
import { readPdf } from '../helpers/read-pdf.js';
import { cliPath, repoRoot, tempDir } from '../helpers/run-cli.js';

/** UPDATE_SCREENSHOTS=1 writes the screenshots the README shows (docs/images/preview*.png) from this run. */
const UPDATE_DOCS = process.env.UPDATE_SCREENSHOTS === '1';

const lineNumberOf = (text: string, part: string) => text.slice(0, text.indexOf(part)).split('\n').length;
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, '');

/** Every file under a folder, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

describe.skipIf(!browserTestsRun)('briefing preview in a real browser (Debian chromium, playwright-core)', () => {
  let project: string;
  let dataFile: string;
  let original: string;
  let child: ChildProcess;
  let output = '';
  let url: string;
  let browser: BrowserContext;
  let page: Page;
  const shots = tempDir('briefing-shots-');

  beforeAll(async () => {
    project = tempDir();
    copyFileSync(join(repoRoot, 'templates/bulletin/sample.yaml'), join(project, 'sample.yaml'));
    copyFileSync(join(repoRoot, 'templates/bulletin/key-figures.csv'), join(project, 'key-figures.csv'));
    dataFile = join(project, 'sample.yaml');
    original = readFileSync(dataFile, 'utf8');
    child = spawn(process.execPath, [cliPath, 'preview', 'sample.yaml', '--lang', 'zh'], { cwd: project, env: { ...process.env, LANG: 'C', LC_ALL: '' } });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    url = await new Promise<string>((resolve, reject) => {
      const started = Date.now();
      const tick = setInterval(() => {
        const m = /预览地址：(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
        if (m) resolve(m[1]!);
        else if (Date.now() - started > 30_000 || child.exitCode !== null) reject(new Error(`no address printed:\n${output}`));
        if (m || Date.now() - started > 30_000 || child.exitCode !== null) clearInterval(tick);
      }, 50);
    });
    browser = await launchChromium();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('shows every page of the built PDF as a rendered canvas, with its page count', async () => {
    await page.goto(url);
    await page.waitForSelector('body[data-version="1"]', { timeout: 60_000 });
    const pdf = await readPdf(join(project, 'output/sample.pdf'));
    const pages = pdf.pages.length;
    expect(pages).toBeGreaterThan(1);
    await expect.poll(() => page.locator('.sheet[data-rendered="true"] canvas').count(), { timeout: 30_000 }).toBe(pages);
    expect(await page.locator('.thumb').count()).toBe(pages);
    expect(await page.locator('#status').textContent()).toContain(`共 ${pages} 页`);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    // What pdf.js drew is the file on disk: the first page's text layer has its title.
    expect(squash(await page.locator('.sheet[data-page="1"] .textLayer').textContent())).toContain('高质量推动现代化美好二七建设蔚然成势');
  });

  it('an edit to the data shows on the page within 5 s, at the page the reader was on', async () => {
    await page.locator('.thumb[data-page="2"]').click();
    await expect.poll(() => page.locator('.thumb.current').getAttribute('data-page')).toBe('2');
    writeFileSync(dataFile, original.replace('\ntitle: 高质量推动现代化美好二七建设蔚然成势\n', '\ntitle: 汛期防汛工作专题简报\n'));
    await expect.poll(() => page.locator('.sheet[data-page="1"] .textLayer').textContent().then(squash), { timeout: 5_000, interval: 100 }).toContain('汛期防汛工作专题简报');
    expect(await page.locator('body').getAttribute('data-version')).toBe('2');
    expect(await page.locator('.thumb.current').getAttribute('data-page')).toBe('2');
  });

  it('a broken save puts the error over the last good pages, at the right line; the next good save takes it away', async () => {
    const good = readFileSync(dataFile, 'utf8');
    const broken = good.replace('\nkicker: 敢想敢为 善作善成\n', '\nkicker: 敢想敢为: 善作善成: 再\n');
    expect(broken).not.toBe(good);
    writeFileSync(dataFile, broken);
    const overlay = page.locator('#overlay');
    await expect.poll(() => overlay.isVisible(), { timeout: 10_000 }).toBe(true);
    const text = (await overlay.textContent()) ?? '';
    expect(text).toContain('错误[E_YAML_SYNTAX]');
    expect(text).toContain(`--> sample.yaml:${lineNumberOf(broken, '\nkicker:') + 1}:`);
    // The last good pages stay under it.
    expect(await page.locator('.sheet canvas').count()).toBeGreaterThan(1);
    expect(squash(await page.locator('.sheet[data-page="1"] .textLayer').textContent())).toContain('汛期防汛工作专题简报');
    await page.screenshot({ path: join(shots, 'preview-error.png') });

    writeFileSync(dataFile, good);
    await expect.poll(() => overlay.isVisible(), { timeout: 10_000 }).toBe(false);
    await expect.poll(() => page.locator('body').getAttribute('data-version'), { timeout: 10_000 }).toBe('3');
  });

  it('a click on a paragraph says which data file, line and data path it came from', async () => {
    await page.locator('.thumb[data-page="1"]').click();
    const span = page.locator('.sheet[data-page="1"] .textLayer span', { hasText: '会议以贯彻落实省委' }).first();
    await span.click();
    const source = page.locator('#source');
    await expect.poll(() => source.locator('.hit .path').textContent(), { timeout: 5_000 }).toBe('lead.paragraphs[0]');
    const data = readFileSync(dataFile, 'utf8');
    expect(await source.locator('.hit .where').textContent()).toBe(`sample.yaml:${lineNumberOf(data, '    - 8月21日')}:7`);
    expect(await source.locator('.hit .kind').textContent()).toBe('数据文件');
    expect(await page.locator('.sheet[data-page="1"] .textLayer span.picked').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(shots, 'preview.png') });
  });

  it('lists missing glyphs beside the pages, with where they are in the data', async () => {
    const data = readFileSync(dataFile, 'utf8');
    writeFileSync(dataFile, data.replace('kicker: 敢想敢为 善作善成', 'kicker: 敢想敢为\u{E000}善作善成'));
    const warnings = page.locator('#warnings');
    await expect.poll(() => warnings.textContent(), { timeout: 10_000 }).toContain('U+E000');
    expect(await warnings.textContent()).toMatch(new RegExp(`警告\\[E_MISSING_GLYPH\\][\\s\\S]*sample\\.yaml:${lineNumberOf(data, '\nkicker:') + 1}:[\\s\\S]*数据路径：kicker`));
  });

  it('Ctrl+C stops it with exit 0, leaving no file but the PDF the build wrote', async () => {
    await browser.close();
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited, output).toBe(0);
    expect(filesUnder(project)).toEqual(['key-figures.csv', 'output/sample.pdf', 'sample.yaml']);
    expect(output).not.toMatch(/internal error|内部错误/);
    if (UPDATE_DOCS) {
      mkdirSync(join(repoRoot, 'docs/images'), { recursive: true });
      for (const name of ['preview.png', 'preview-error.png']) cpSync(join(shots, name), join(repoRoot, 'docs/images', name));
    }
    for (const name of ['preview.png', 'preview-error.png']) expect(readFileSync(join(shots, name)).subarray(1, 4).toString()).toBe('PNG');
  });
});

describe.skipIf(!browserTestsRun)('briefing preview of several documents in a real browser', () => {
  it('lists them and shows the one chosen', async () => {
    const project = tempDir();
    const sample = readFileSync(join(repoRoot, 'templates/bulletin/sample.yaml'), 'utf8');
    copyFileSync(join(repoRoot, 'templates/bulletin/key-figures.csv'), join(project, 'key-figures.csv'));
    mkdirSync(join(project, 'reports'));
    writeFileSync(join(project, 'reports/08.yaml'), sample.replace('csv: key-figures.csv', 'csv: ../key-figures.csv'));
    writeFileSync(join(project, 'reports/09.yaml'), sample.replace('csv: key-figures.csv', 'csv: ../key-figures.csv').replace('\ntitle: 高质量推动现代化美好二七建设蔚然成势\n', '\ntitle: 九月份工作简报\n'));
    const child = spawn(process.execPath, [cliPath, 'preview', 'reports/*.yaml'], { cwd: project, env: { ...process.env, LANG: 'C', LC_ALL: '' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const browser = await launchChromium();
    try {
      await expect.poll(() => /preview at (http:\S+)/.exec(out)?.[1], { timeout: 30_000 }).toBeTruthy();
      const page = await browser.newPage();
      await page.goto(/preview at (http:\S+)/.exec(out)![1]!);
      const options = page.locator('#doc option');
      await expect.poll(() => options.allTextContents()).toEqual(['reports/08.yaml', 'reports/09.yaml']);
      await expect.poll(() => page.locator('.sheet[data-page="1"] .textLayer').textContent().then(squash), { timeout: 60_000 }).toContain('高质量推动现代化美好二七建设蔚然成势');
      await page.locator('#doc').selectOption({ label: 'reports/09.yaml' });
      await expect.poll(() => page.locator('.sheet[data-page="1"] .textLayer').textContent().then(squash), { timeout: 60_000 }).toContain('九月份工作简报');
      expect(new URL(page.url()).searchParams.get('doc')).toBe('2');
      expect(await page.locator('#output').textContent()).toContain('output/09.pdf');
    } finally {
      await browser.close();
      child.kill('SIGINT');
    }
    expect(out).not.toMatch(/internal error/);
  });
});
