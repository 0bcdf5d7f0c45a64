import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStyle } from '../../../src/document/style.js';
import { applyColorMode, createColorMapper, rgbToCmyk } from '../../../src/typeset/print/print-colors.js';
import { pdfkitDocument } from '../../helpers/pdfkit-doc.js';
import { readStructure } from '../../helpers/pdf-structure.js';
import { contentStreams, deviceColourSpaces } from '../../helpers/pdfa-checks.js';
import { repoRoot } from '../../helpers/run-cli.js';

describe('rgbToCmyk', () => {
  it('puts black and greys on the K plate alone', () => {
    expect(rgbToCmyk(0, 0, 0)).toEqual([0, 0, 0, 100]);
    expect(rgbToCmyk(0x33, 0x33, 0x33)).toEqual([0, 0, 0, 80]);
    expect(rgbToCmyk(255, 255, 255)).toEqual([0, 0, 0, 0]);
  });

  it('converts colours with their darkness in K', () => {
    expect(rgbToCmyk(255, 0, 0)).toEqual([0, 100, 100, 0]);
    expect(rgbToCmyk(0x2f, 0x6d, 0xb5)).toEqual([74, 39.8, 0, 29]);
  });
});

describe('createColorMapper', () => {
  const gongwen = loadStyle(join(repoRoot, 'templates/gongwen/style.yaml'));

  it('takes the 红头 red from the style as its fixed process mix', () => {
    expect(gongwen.print.colors['#e60012']).toEqual({ cmyk: [0, 100, 100, 0] });
    const map = createColorMapper('cmyk', gongwen.print.colors);
    expect(map.map('#E60012')).toEqual([0, 100, 100, 0]);
    // Without the style's entry the rule would have given a different, darker mix.
    expect(rgbToCmyk(0xe6, 0x00, 0x12)).not.toEqual([0, 100, 100, 0]);
  });

  it('reads every form of colour pdfkit and the charts use', () => {
    const map = createColorMapper('cmyk', {});
    expect(map.map('#000')).toEqual([0, 0, 0, 100]);
    expect(map.map('black')).toEqual([0, 0, 0, 100]);
    expect(map.map('rgb(255, 0, 0)')).toEqual([0, 100, 100, 0]);
    expect(map.map([255, 0, 0])).toEqual([0, 100, 100, 0]);
    expect(map.map([0, 100, 100, 0])).toEqual([0, 100, 100, 0]);
    expect(map.map('none')).toBe('none');
  });

  it('names a spot ink where the style asks for one', () => {
    const map = createColorMapper('cmyk', { '#e60012': { spot: 'PANTONE 485 C', cmyk: [0, 95, 100, 0] } });
    expect(map.map('#e60012')).toBe('PANTONE 485 C');
    expect(map.spots).toEqual([{ name: 'PANTONE 485 C', cmyk: [0, 95, 100, 0] }]);
  });

  it('leaves colours alone in rgb mode', () => {
    expect(createColorMapper('rgb', gongwen.print.colors).map('#e60012')).toBe('#e60012');
  });
});

describe('applyColorMode on a pdfkit document', () => {
  async function draw(mode: 'rgb' | 'cmyk', specs = {}) {
    const { doc, end } = pdfkitDocument();
    applyColorMode(doc, createColorMapper(mode, specs));
    const d = doc as unknown as {
      addPage(o?: unknown): void; rect(...a: number[]): typeof d; fill(c?: unknown): typeof d; stroke(c?: unknown): typeof d;
      linearGradient(...a: number[]): { stop(p: number, c: unknown): unknown };
    };
    d.addPage({ size: 'A4' });
    d.rect(10, 10, 100, 20).fill('#e60012');
    d.rect(10, 40, 100, 20).fill([47, 109, 181]);
    doc.fillColor('rgb(51,51,51)');
    d.rect(10, 70, 100, 20).fill();
    d.rect(10, 100, 100, 20).stroke('#7f7f7f');
    const grad = d.linearGradient(0, 0, 100, 0);
    grad.stop(0, '#c00000');
    grad.stop(1, 'white');
    d.rect(10, 130, 100, 20).fill(grad);
    const pdf = await end();
    return readStructure(pdf);
  }

  it('cmyk: no RGB colour is left in the page, the red is 0 1 1 0', async () => {
    const s = await draw('cmyk', { '#e60012': { cmyk: [0, 100, 100, 0] } });
    expect([...deviceColourSpaces(s)]).toEqual(['cmyk']);
    const content = contentStreams(s).join('\n');
    expect(content).toMatch(/\/DeviceCMYK cs\s+0 1 1 0 scn/);
    expect(content).toMatch(/\/DeviceCMYK cs\s+0 0 0 0\.8 scn/);
    expect(content).not.toMatch(/DeviceRGB/);
  });

  it('rgb: the same drawing stays RGB (the hook is not installed)', async () => {
    const s = await draw('rgb');
    expect(deviceColourSpaces(s).has('rgb')).toBe(true);
    expect(deviceColourSpaces(s).has('cmyk')).toBe(false);
  });

  it('a spot ink becomes a Separation colour space used at tint 1', async () => {
    const s = await draw('cmyk', { '#e60012': { spot: 'PANTONE 485 C', cmyk: [0, 95, 100, 0] } });
    const spaces = [...s.objects.values()].filter((v) => Array.isArray(v) && v[0] === '/Separation') as unknown[][];
    expect(spaces).toHaveLength(1);
    expect(spaces[0]![1]).toBe('/PANTONE#20485#20C');
    expect(spaces[0]![2]).toBe('/DeviceCMYK');
    expect(contentStreams(s).join('\n')).toMatch(/\/CS\d+ cs\s+1 scn/);
  });
});
