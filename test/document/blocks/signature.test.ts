import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Content } from '../../../src/document/doc-definition.js';
import { BriefingError } from '../../../src/errors/briefing-error.js';
import { repoRoot } from '../../helpers/run-cli.js';
import { build, CELL, MM, PITCH, textOf, walk } from './gongwen-build.js';

describe('<signature> without a seal', () => {
  const [sig] = build('<signature date="2023年8月25日">郑州市二七区人民政府</signature>').content;

  it('sets the 署名 two characters in from the right and the date two characters right of its start', () => {
    expect(sig!.unbreakable).toBe(true);
    expect((sig!.margin as number[])[1]).toBeCloseTo(PITCH, 2);
    const [, lines, space] = sig!.columns as Content[];
    expect(lines!.width).toBe('auto');
    expect(space!.width).toBeCloseTo(2 * CELL, 6);
    const [organ, date] = lines!.stack as Content[];
    expect(textOf(organ!)).toBe('郑州市二七区人民政府');
    expect(textOf(date!)).toBe('2023年8月25日');
    expect((date!.margin as number[])[0]).toBeCloseTo(2 * CELL, 6);
  });
});

describe('<signature seal>', () => {
  const def = build('<signature date="2023年8月22日" seal="seal-sample.png">中共郑州市二七区委办公室</signature>');
  const [sig] = def.content;
  const [columns] = sig!.stack as Content[];
  const [, lines, space] = columns!.columns as Content[];
  const [organ, date, stamp] = lines!.stack as Content[];
  const before = (sig!.margin as number[])[1]!;

  it('ends the date four characters in and centres the 署名 over it', () => {
    expect(sig!.unbreakable).toBe(true);
    expect(space!.width).toBeCloseTo(4 * CELL, 6);
    expect(date!.alignment).toBe('center');
    expect(organ!.alignment).toBe('center');
    // Negative side margins: a 署名 longer than the date stays centred on it instead of wrapping.
    expect((organ!.margin as number[])[0]).toBeLessThan(0);
  });

  it('registers the seal image, as the checked bytes of the file, and sizes it 42 mm', () => {
    const embedded = Object.values(def.images)[0]!;
    const seal = readFileSync(join(repoRoot, 'templates/gongwen/seal-sample.png'));
    expect(embedded).toBe(`data:image/png;base64,${seal.toString('base64')}`);
    const image = walk(stamp!).find((n) => typeof n.image === 'string')!;
    expect(image.fit).toEqual([42 * MM, 10000]);
    expect(image.alignment).toBe('center');
  });

  it('keeps the lines on the grid, the seal’s top within a line of the text above, the lines below its centre', () => {
    expect(before / PITCH).toBeCloseTo(Math.round(before / PITCH), 6);
    const y = (stamp!.relativePosition as { y: number }).y;
    // The stamp follows both lines: undo them and the space above to find the seal's top.
    const sealTop = y + 2 * PITCH + before;
    expect(sealTop).toBeGreaterThan(0);
    expect(sealTop).toBeLessThan(PITCH);
    const sealCentre = sealTop + (42 * MM) / 2;
    const textMiddle = before + (PITCH + 16) / 2;
    expect(textMiddle - sealCentre).toBeCloseTo(PITCH / 4, 6);
  });

  it('reports a seal file that does not exist', () => {
    try {
      build('<signature date="2023年8月22日" seal="missing.png">甲</signature>');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(BriefingError);
      expect((e as BriefingError).code).toBe('E_IMAGE_NOT_FOUND');
    }
  });
});
