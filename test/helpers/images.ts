import { crc32, deflateSync } from 'node:zlib';

/** One PNG chunk: length, type, data, CRC. */
export function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];

export interface PngSpec {
  width: number;
  height: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA (default). */
  colorType?: number;
  depth?: number;
  interlace?: 0 | 1;
  /** The filter byte each row starts with (0–4 are the PNG filters). */
  filter?: number;
  /** Raw scanlines to use instead of a generated pattern (before compression). */
  raw?: Buffer;
  /** The compressed data to use as it is. */
  idat?: Buffer;
  /** Leave out the palette a colour type 3 image needs. */
  noPalette?: boolean;
}

/** The raw scanlines a header calls for: per row a filter byte and a pattern of samples. */
export function scanlines(spec: PngSpec): Buffer {
  const bpp = (spec.depth ?? 8) * CHANNELS[spec.colorType ?? 6]!;
  const passes = spec.interlace
    ? ADAM7.map(([x0, y0, dx, dy]) => [Math.ceil(Math.max(0, spec.width - x0!) / dx!), Math.ceil(Math.max(0, spec.height - y0!) / dy!)])
    : [[spec.width, spec.height]];
  const rows: Buffer[] = [];
  for (const [w, h] of passes) {
    if (!w || !h) continue;
    const length = Math.ceil((w * bpp) / 8);
    for (let y = 0; y < h; y++) {
      const row = Buffer.alloc(1 + length);
      row[0] = spec.filter ?? 0;
      for (let x = 1; x <= length; x++) row[x] = (x * 7 + y * 13) & 0xff;
      rows.push(row);
    }
  }
  return Buffer.concat(rows);
}

/** A PNG file as the spec says, whole and valid unless the spec breaks it on purpose. */
export function png(spec: PngSpec): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(spec.width, 0);
  ihdr.writeUInt32BE(spec.height, 4);
  ihdr[8] = spec.depth ?? 8;
  ihdr[9] = spec.colorType ?? 6;
  ihdr[12] = spec.interlace ?? 0;
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
  if ((spec.colorType ?? 6) === 3 && !spec.noPalette) {
    const entries = 2 ** Math.min(spec.depth ?? 8, 8);
    parts.push(chunk('PLTE', Buffer.from(Array.from({ length: entries * 3 }, (_, i) => (i * 37) & 0xff))));
  }
  parts.push(chunk('IDAT', spec.idat ?? deflateSync(spec.raw ?? scanlines(spec))));
  parts.push(chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}
