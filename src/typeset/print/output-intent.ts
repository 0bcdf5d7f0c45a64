import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BriefingError } from '../../errors/briefing-error.js';
import { packageRoot } from '../../project/paths.js';
import type { PdfKitDocument, PdfKitReference } from './pdfkit-document.js';

/** An ICC profile as an output intent needs it: its bytes and what its header says. */
export interface IccProfile {
  bytes: Buffer;
  /** 'CMYK', 'RGB ' or 'GRAY' (the header's data colour space). */
  colorSpace: string;
  components: number;
  /** 'prtr' (output), 'mntr' (display), … */
  deviceClass: string;
}

/** The printing condition a PDF is made for, as PDF/X's output intent names it. */
export interface PrintCondition {
  /** OutputConditionIdentifier: a registered name such as `CGATS TR 006`, or the shop's own. */
  identifier: string;
  /** Human-readable description (Info). */
  info: string;
  /** RegistryName for a condition in the ICC's registry. */
  registry?: string;
  profile: IccProfile;
}

const COMPONENTS: Record<string, number> = { 'CMYK': 4, 'RGB ': 3, 'GRAY': 1 };

/** Check an ICC profile's header (ICC.1 §7.2) and say what it is; a user's bad file is E_OUTPUT_PROFILE. */
export function readIccProfile(bytes: Buffer, file: string): IccProfile {
  const bad = (reason: string, reasonZh: string) => new BriefingError('E_OUTPUT_PROFILE', { reason, reasonZh }, { file });
  if (bytes.length < 132 || bytes.toString('latin1', 36, 40) !== 'acsp') throw bad('not an ICC profile (no "acsp" signature)', '不是 ICC 特性文件（没有“acsp”标记）');
  if (bytes.readUInt32BE(0) !== bytes.length) throw bad(`the header gives ${bytes.readUInt32BE(0)} bytes, the file has ${bytes.length}`, `文件头写明 ${bytes.readUInt32BE(0)} 字节，文件实有 ${bytes.length} 字节`);
  const colorSpace = bytes.toString('latin1', 16, 20);
  const components = COMPONENTS[colorSpace];
  if (!components) throw bad(`colour space "${colorSpace.trim()}" is not CMYK, RGB or grey`, `色彩空间“${colorSpace.trim()}”不是 CMYK、RGB 或灰度`);
  return { bytes, colorSpace, components, deviceClass: bytes.toString('latin1', 12, 16) };
}

/**
 * For a press proof: a CMYK output profile of the printer class, as PDF/X requires of its
 * DestOutputProfile (ISO 15930-7 §6.2.3).
 */
export function checkPressProfile(profile: IccProfile, file: string): IccProfile {
  if (profile.colorSpace !== 'CMYK' || profile.deviceClass !== 'prtr') {
    throw new BriefingError('E_OUTPUT_PROFILE', {
      reason: `a print shop's profile is a CMYK output (prtr) profile; this one is ${profile.colorSpace.trim()} ${profile.deviceClass}`,
      reasonZh: `印刷厂的特性文件应为 CMYK 输出（prtr）特性文件；此文件为 ${profile.colorSpace.trim()} ${profile.deviceClass}`,
    }, { file });
  }
  return profile;
}

const DEFAULT_PROFILE_FILE = join(packageRoot, 'profiles', 'CGATS_TR006.icc');

/** The condition briefing assumes when the project names none: coated offset, GRACoL 2006 (≈ FOGRA39). See profiles/README.md. */
export function defaultPrintCondition(): PrintCondition {
  return {
    identifier: 'CGATS TR 006',
    info: 'Offset printing on coated paper, ISO 12647-2 paper type 1 (GRACoL 2006 Coated #1)',
    registry: 'http://www.color.org',
    profile: readIccProfile(readFileSync(DEFAULT_PROFILE_FILE), DEFAULT_PROFILE_FILE),
  };
}

/**
 * Write the document's output intent: `GTS_PDFX` for a print-shop file, `GTS_PDFA1` for an archive
 * one. Call once per document, any time before `doc.end()`; it replaces any intent written before,
 * so PDF/A's and PDF/X's never name two different profiles (which both standards forbid).
 */
export function writeOutputIntent(doc: PdfKitDocument, subtype: 'GTS_PDFX' | 'GTS_PDFA1', condition: PrintCondition): PdfKitReference {
  const profile = doc.ref({ N: condition.profile.components });
  profile.end(condition.profile.bytes);
  const intent = doc.ref({
    Type: 'OutputIntent',
    S: subtype,
    OutputConditionIdentifier: new String(condition.identifier),
    Info: new String(condition.info),
    ...(condition.registry ? { RegistryName: new String(condition.registry) } : {}),
    DestOutputProfile: profile,
  });
  intent.end();
  doc._root.data.OutputIntents = [intent];
  return intent;
}
