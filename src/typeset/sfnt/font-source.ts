import { closeSync, readSync } from 'node:fs';

/**
 * Where a font's bytes come from. A font file is read piece by piece, as tables and glyphs are
 * needed: a build prints a few thousand of a CJK font's 30,000 glyphs, so reading whole 10 MB
 * files cost more time and memory than everything the build used from them.
 */
export interface FontSource {
  readonly size: number;
  /** `length` bytes from `at`, fewer only past the end. */
  read(at: number, length: number): Uint8Array;
}

export class BytesSource implements FontSource {
  constructor(private readonly bytes: Uint8Array) {}

  get size(): number {
    return this.bytes.length;
  }

  read(at: number, length: number): Uint8Array {
    return this.bytes.subarray(at, at + length);
  }
}

/**
 * A file kept open while the caches that opened it live (font-set.ts): a batch reads from it
 * document after document.
 */
export class FileSource implements FontSource {
  private constructor(
    private readonly fd: number,
    readonly size: number,
  ) {}

  /** A file already opened (and checked) by the host's gate; the source owns the descriptor now. */
  static fromDescriptor(fd: number, size: number): FileSource {
    return new FileSource(fd, size);
  }

  /** Once the file has been replaced (see font-set.ts); reading after it throws. */
  close(): void {
    closeSync(this.fd);
  }

  read(at: number, length: number): Uint8Array {
    const want = Math.max(0, Math.min(length, this.size - at));
    const buffer = Buffer.allocUnsafe(want);
    let got = 0;
    while (got < want) {
      const n = readSync(this.fd, buffer, got, want - got, at + got);
      if (n === 0) break;
      got += n;
    }
    return got === want ? buffer : buffer.subarray(0, got);
  }
}
