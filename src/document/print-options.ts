import { usageError as usage } from '../errors/usage.js';
import { parsePaperSize, KNOWN_PAPER, KNOWN_PAPER_ZH } from './page-size.js';
import { MM } from './units.js';

export type MarkKind = 'crop' | 'registration';

/** Cyan, magenta, yellow, black in per cent: 0/100/100/0 is a process red (pdfkit's scale too). */
export type Cmyk = [number, number, number, number];

/**
 * How one colour of the design prints under `--color cmyk`, from style.yaml's `print.colors`: a
 * fixed process mix, or a spot ink (a Separation colour space) whose `cmyk` is what proofs and
 * screens show of it.
 */
export interface PrintColorSpec {
  cmyk: Cmyk;
  spot?: string;
}
export type ColorMode = 'rgb' | 'cmyk';

/**
 * How a build's PDF is produced, beyond what the template says: from the command line or the
 * config's `print:`. Plain data, so a request can travel to a worker thread.
 */
export interface PrintOptions {
  /** Paper name or `W×H` in mm, instead of the style's `page.size`. */
  paper?: string;
  /** PDF/A-2 for the archive: level b, or with `tagged` level a. */
  pdfa?: boolean;
  /** Bleed beyond the trim on every side, in pt. */
  bleed?: number;
  /** Printer's marks outside the trim. */
  marks?: MarkKind[];
  /** Colour model of every colour written. */
  color?: ColorMode;
  /** A structure tree for screen readers (tagged PDF); with `pdfa`, PDF/A-2a. */
  tagged?: boolean;
  /** The print shop's CMYK output profile (.icc) for `color: cmyk`, instead of the bundled one; an absolute path. */
  outputProfile?: string;
}

/** `3mm`, `3 mm`, `3` (mm), `8.5pt`: the bleed in pt. Print shops ask for 2–5 mm; more than 20 mm is a typo. */
export function parseBleed(text: string, flag = '--bleed'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(mm|pt)?\s*$/i.exec(text);
  const pt = m ? (m[2]?.toLowerCase() === 'pt' ? Number(m[1]) : Number(m[1]) * MM) : NaN;
  if (!(pt >= 0 && pt <= 20 * MM)) throw usage(`${flag} takes a length from 0 to 20 mm such as 3mm, not "${text}"`, `${flag} 应为 0 至 20 毫米的长度，如 3mm，而不是“${text}”`);
  return pt;
}

/** `crop`, `registration`, `crop,registration`, or `all`. */
export function parseMarks(text: string, flag = '--marks'): MarkKind[] {
  const kinds = new Set<MarkKind>();
  for (const part of text.split(',').map((p) => p.trim().toLowerCase()).filter(Boolean)) {
    if (part === 'all') ['crop', 'registration'].forEach((k) => kinds.add(k as MarkKind));
    else if (part === 'crop' || part === 'registration') kinds.add(part);
    else throw usage(`${flag} takes crop, registration or both (crop,registration), not "${part}"`, `${flag} 应为 crop（裁切线）、registration（套准线）或两者（crop,registration），而不是“${part}”`);
  }
  if (!kinds.size) throw usage(`${flag} takes crop, registration or both (crop,registration)`, `${flag} 应为 crop（裁切线）、registration（套准线）或两者（crop,registration）`);
  return [...kinds];
}

export function parseColorMode(text: string, flag = '--color'): ColorMode {
  const mode = text.trim().toLowerCase();
  if (mode === 'rgb' || mode === 'cmyk') return mode;
  throw usage(`${flag} takes rgb or cmyk, not "${text}"`, `${flag} 应为 rgb 或 cmyk，而不是“${text}”`);
}

export function checkPaper(text: string, flag = '--paper'): string {
  if (!parsePaperSize(text)) {
    throw usage(`${flag}: unknown paper "${text}" (known: ${KNOWN_PAPER.join(', ')})`,
      `${flag}：未知的纸张“${text}”（可用：${KNOWN_PAPER_ZH.join('、')}）`);
  }
  return text;
}

/**
 * Options that cannot go together. PDF/A is for the archive and carries an sRGB output intent;
 * bleed, marks and CMYK are for the print shop's press (PDF/X): one file cannot be both here.
 */
export function checkPrintOptions(options: PrintOptions): PrintOptions {
  if (options.pdfa && (options.bleed || options.marks?.length || options.color === 'cmyk')) {
    throw usage('--pdfa makes an archive copy and cannot be combined with --bleed, --marks or --color cmyk (a print-shop copy); build the two separately',
      '--pdfa 生成归档文件，不能与 --bleed、--marks 或 --color cmyk（印刷厂用文件）同用；请分两次生成');
  }
  return options;
}
