import { inflateSync } from 'node:zlib';
import { BriefingError, type SourceLocation } from '../errors/briefing-error.js';

/**
 * The checks an image passes before it goes into a document: a PNG or JPEG whose header is
 * sound, whose size is within budget (decided from the header, before any decoding), and whose
 * data is whole — a PNG's compressed data inflates to exactly what its header says, a JPEG's
 * segments fit the file and its scan ends. The PDF engine decodes PNGs and copies JPEGs as they
 * are; after this it is only ever handed bytes that passed, so it neither crashes on a damaged
 * file nor decodes gigabytes from a small one.
 */
export interface CheckedImage {
  format: 'png' | 'jpeg';
  mime: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
  /** Bytes the image takes once decoded. */
  decodedBytes: number;
}

/** 40 megapixels: a 7,300 × 5,500 photograph, far more than a printed page shows. */
export const MAX_IMAGE_PIXELS = 40_000_000;
/** What the PDF engine may decode of one PNG (a 4,000 × 4,000 picture with transparency). */
const MAX_PNG_DECODED_BYTES = 64 * 1024 * 1024;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * `bytes` checked as an image. `shown` names it in messages (as written in the data), `where` is
 * where it was named. Throws E_IMAGE_INVALID (neither PNG nor JPEG), E_IMAGE_TOO_LARGE or
 * E_IMAGE_DAMAGED.
 */
export function checkImage(bytes: Buffer, shown: string, where: SourceLocation): CheckedImage {
  const damaged = (reason: string, reasonZh: string) => new BriefingError('E_IMAGE_DAMAGED', { path: shown, reason, reasonZh }, where);
  const budget = (width: number, height: number, decodedBytes: number, limitBytes: number) => {
    if (width * height > MAX_IMAGE_PIXELS || decodedBytes > limitBytes) {
      throw new BriefingError('E_IMAGE_TOO_LARGE', {
        path: shown, width, height, decoded: Math.ceil(decodedBytes / 2 ** 20), limit: MAX_IMAGE_PIXELS / 1e6, limitDecoded: MAX_PNG_DECODED_BYTES / 2 ** 20,
      }, where);
    }
  };
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return checkPng(bytes, damaged, budget);
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return checkJpeg(bytes, damaged, budget);
  throw new BriefingError('E_IMAGE_INVALID', { path: shown, reason: 'it is neither PNG nor JPEG', reasonZh: '既不是 PNG 也不是 JPEG 图片' }, where);
}

/** The image is damaged: why, in English and in Chinese. */
type Damaged = (reason: string, reasonZh: string) => BriefingError;
type Budget = (width: number, height: number, decodedBytes: number, limitBytes: number) => void;

/** Bits per pixel by colour type, and the bit depths each allows (PNG spec, table 11.1). */
const PNG_TYPES: Record<number, { channels: number; depths: number[] }> = {
  0: { channels: 1, depths: [1, 2, 4, 8, 16] },
  2: { channels: 3, depths: [8, 16] },
  3: { channels: 1, depths: [1, 2, 4, 8] },
  4: { channels: 2, depths: [8, 16] },
  6: { channels: 4, depths: [8, 16] },
};

/** Adam7: each pass's first column and row, and its steps. */
const ADAM7 = [
  [0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2],
] as const;

function checkPng(bytes: Buffer, damaged: Damaged, budget: Budget): CheckedImage {
  let at = 8;
  let header: { width: number; height: number; depth: number; type: number; interlace: number } | undefined;
  let palette = false;
  let ended = false;
  const data: Buffer[] = [];
  while (at < bytes.length) {
    if (at + 8 > bytes.length) throw damaged('the file ends inside a chunk header (it was cut short)', '文件在数据块头部中途结束（文件不完整）');
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > bytes.length) throw damaged(`the file ends inside its ${/^[A-Za-z]{4}$/.test(type) ? `${type} ` : ''}chunk (it was cut short)`, `文件在${/^[A-Za-z]{4}$/.test(type) ? ` ${type} ` : ''}数据块中途结束（文件不完整）`);
    const body = bytes.subarray(at + 8, at + 8 + length);
    at += 12 + length;
    if (!header) {
      if (type !== 'IHDR' || length !== 13) throw damaged('it does not start with an image header (IHDR)', '文件开头不是图像头（IHDR）');
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), depth: body[8]!, type: body[9]!, interlace: body[12]! };
      const kind = PNG_TYPES[header.type];
      if (!header.width || !header.height || header.width > 0x7fffffff || header.height > 0x7fffffff) throw damaged(`its header gives a size of ${header.width} × ${header.height}`, `图像头给出的尺寸为 ${header.width} × ${header.height}`);
      if (!kind || !kind.depths.includes(header.depth)) throw damaged(`its header gives an impossible colour type ${header.type} with ${header.depth}-bit samples`, `图像头给出了不可能的颜色类型 ${header.type}（${header.depth} 位采样）`);
      if (body[10] !== 0 || body[11] !== 0 || header.interlace > 1) throw damaged('its header names an unknown compression, filter or interlace method', '图像头中的压缩、过滤或隔行方式未知');
      const decoded = scanlineBytes(header.width, header.height, header.depth * kind.channels, header.interlace);
      // Decided from the header alone, before a byte of image data is inflated.
      budget(header.width, header.height, decoded, MAX_PNG_DECODED_BYTES);
      continue;
    }
    if (type === 'PLTE') palette = true;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
  }
  if (!header) throw damaged('it has no image header', '没有图像头');
  if (!ended) throw damaged('it has no end chunk (IEND): the file was cut short', '没有结束块（IEND）：文件不完整');
  if (!data.length) throw damaged('it has no image data (IDAT)', '没有图像数据（IDAT）');
  if (header.type === 3 && !palette) throw damaged('it uses a palette but has none (PLTE)', '使用调色板却没有调色板数据（PLTE）');
  const kind = PNG_TYPES[header.type]!;
  const bitsPerPixel = header.depth * kind.channels;
  const expected = scanlineBytes(header.width, header.height, bitsPerPixel, header.interlace);
  let pixels: Buffer;
  try {
    pixels = inflateSync(Buffer.concat(data), { maxOutputLength: expected });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw damaged('its compressed data holds more than its header says', '压缩数据比图像头所说的多');
    throw damaged(`its compressed data cannot be read (${(e as Error).message.split('\n')[0]})`, `压缩数据无法读取（${code ?? '解压失败'}）`);
  }
  if (pixels.length !== expected) throw damaged('its compressed data ends early (the file was cut short or damaged)', '压缩数据提前结束（文件不完整或已损坏）');
  checkFilters(pixels, header.width, header.height, bitsPerPixel, header.interlace, damaged);
  return { format: 'png', mime: 'image/png', width: header.width, height: header.height, decodedBytes: expected };
}

/** Rows of one (pass of the) image: each a filter byte and its samples. */
function passes(width: number, height: number, interlace: number): [number, number][] {
  if (!interlace) return [[width, height]];
  return ADAM7.map(([x0, y0, dx, dy]) => [Math.ceil(Math.max(0, width - x0) / dx), Math.ceil(Math.max(0, height - y0) / dy)] as [number, number])
    .filter(([w, h]) => w > 0 && h > 0);
}

function scanlineBytes(width: number, height: number, bitsPerPixel: number, interlace: number): number {
  return passes(width, height, interlace).reduce((n, [w, h]) => n + h * (1 + Math.ceil((w * bitsPerPixel) / 8)), 0);
}

/** Every row must name one of the five filters; a decoder stops (or crashes) at any other. */
function checkFilters(pixels: Buffer, width: number, height: number, bitsPerPixel: number, interlace: number, damaged: Damaged): void {
  let at = 0;
  for (const [w, h] of passes(width, height, interlace)) {
    const row = 1 + Math.ceil((w * bitsPerPixel) / 8);
    for (let y = 0; y < h; y++, at += row) {
      if (pixels[at]! > 4) throw damaged(`row ${y + 1} names an unknown filter (${pixels[at]})`, `第 ${y + 1} 行使用了未知的过滤方式（${pixels[at]}）`);
    }
  }
}

/** Start-of-frame markers that carry the size: SOF0–SOF15 but DHT (C4), JPG (C8) and DAC (CC). */
const SOF: ReadonlySet<number> = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function checkJpeg(bytes: Buffer, damaged: Damaged, budget: Budget): CheckedImage {
  let at = 2;
  let frame: { width: number; height: number; channels: number } | undefined;
  for (;;) {
    // Markers may be padded with extra 0xFF bytes.
    while (at < bytes.length && bytes[at] === 0xff && bytes[at + 1] === 0xff) at++;
    if (at + 4 > bytes.length) throw damaged('the file ends before its image data (it was cut short)', '文件在图像数据之前就结束了（文件不完整）');
    if (bytes[at] !== 0xff) throw damaged(`a segment is not where one should start (byte ${at})`, `第 ${at} 字节处应为数据段的开头，实际不是`);
    const marker = bytes[at + 1]!;
    if (marker === 0xd9) throw damaged('it ends before its image data', '在图像数据之前就结束了');
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    const length = bytes.readUInt16BE(at + 2);
    if (length < 2 || at + 2 + length > bytes.length) throw damaged('a segment runs past the end of the file (it was cut short)', '有数据段超出文件末尾（文件不完整）');
    if (SOF.has(marker)) {
      if (length < 8) throw damaged('its frame header is too short', '帧头过短');
      const height = bytes.readUInt16BE(at + 5);
      const width = bytes.readUInt16BE(at + 7);
      const channels = bytes[at + 9]!;
      if (!width || !height) throw damaged(`its frame header gives a size of ${width} × ${height}`, `帧头给出的尺寸为 ${width} × ${height}`);
      if (channels !== 1 && channels !== 3 && channels !== 4) throw damaged(`it has ${channels} colour channels (1, 3 or 4 are printable)`, `有 ${channels} 个颜色通道（可印刷的为 1、3 或 4 个）`);
      frame = { width, height, channels };
      budget(width, height, width * height * channels, Number.POSITIVE_INFINITY);
    }
    if (marker === 0xda) {
      if (!frame) throw damaged('its image data comes before its frame header', '图像数据出现在帧头之前');
      // Entropy-coded data never holds 0xFF 0xD9 (a 0xFF in it is followed by 0x00), so the last
      // one in the file is the end of the image; without it the file was cut short.
      const end = bytes.lastIndexOf(Buffer.from([0xff, 0xd9]));
      if (end < at + 2 + length) throw damaged('its image data has no end marker (the file was cut short)', '图像数据没有结束标记（文件不完整）');
      return { format: 'jpeg', mime: 'image/jpeg', width: frame.width, height: frame.height, decodedBytes: frame.width * frame.height * frame.channels };
    }
    at += 2 + length;
  }
}
