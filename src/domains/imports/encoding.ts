/**
 * Character encodings of text files (CSV, JSON Lines, SubRip, WebVTT): subtitle tools and
 * spreadsheets on Windows still write Windows-1252 or UTF-16. The encoding is, in order: the one
 * given (`--encoding`), the byte-order mark, UTF-8 when the head of the file is valid UTF-8, else
 * what `chardet` detects. Decoding is streamed through `iconv-lite`.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import type { Readable } from "node:stream";
import type * as Chardet from "chardet";
import type Iconv from "iconv-lite";
import { AppError } from "../../lib/errors.ts";
import { lazyRequire } from "../../lib/lazy-require.ts";

const chardet = lazyRequire<typeof Chardet>("chardet");
const iconvLib = lazyRequire<typeof Iconv>("iconv-lite");

/** Bytes read to decide the encoding. */
const SAMPLE_BYTES = 64 * 1024;

export interface DetectedEncoding {
  encoding: string;
  /** How it was decided, for the person importing. */
  reason: "given" | "byte-order mark" | "valid UTF-8" | "detected";
}

/** Whether iconv-lite can decode `name` (e.g. "windows-1252", "latin1", "utf-16le", "shift_jis"). */
export function isKnownEncoding(name: string): boolean {
  return iconvLib().encodingExists(name);
}

/** Decides the encoding of a file from its first bytes (see the module comment). */
export async function detectEncoding(path: string, given?: string): Promise<DetectedEncoding> {
  if (given !== undefined) {
    if (!isKnownEncoding(given))
      throw new AppError("VALIDATION_FAILED", { message: `unknown encoding '${given}'` });
    return { encoding: given, reason: "given" };
  }
  const sample = await readSample(path);
  const bom = bomEncoding(sample);
  if (bom) return { encoding: bom, reason: "byte-order mark" };
  if (isUtf8(sample)) return { encoding: "utf-8", reason: "valid UTF-8" };
  const guess = chardet().detect(sample);
  // chardet names what iconv-lite knows in nearly every case; Windows-1252 is the usual truth
  // behind an unknown single-byte guess for Western European text.
  const encoding = guess && isKnownEncoding(guess) ? guess : "windows-1252";
  return { encoding, reason: "detected" };
}

/**
 * Opens the file decoded to text (a stream of strings, byte-order mark removed). `onBytes` sees the
 * raw byte count (progress); `onReplacement` is called once when the decoded text holds U+FFFD,
 * the mark of bytes that were not valid in the encoding.
 */
export function openDecoded(
  path: string,
  encoding: string,
  onBytes: (n: number) => void,
  onReplacement: () => void,
): Readable {
  const raw = createReadStream(path);
  raw.on("data", (chunk) => onBytes(chunk.length));
  const decoded = raw.pipe(iconvLib().decodeStream(encoding, { stripBOM: true }));
  let warned = false;
  decoded.on("data", (text: string) => {
    if (!warned && text.includes("\ufffd")) {
      warned = true;
      onReplacement();
    }
  });
  // Closing the decoded side (a reader that stops early) closes the file too.
  decoded.on("close", () => raw.destroy());
  return decoded as unknown as Readable;
}

async function readSample(path: string): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buf, 0, SAMPLE_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function bomEncoding(b: Buffer): string | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return "utf-8";
  if (b[0] === 0xff && b[1] === 0xfe) return "utf-16le";
  if (b[0] === 0xfe && b[1] === 0xff) return "utf-16be";
  return undefined;
}

/** Valid UTF-8, allowing a multi-byte character cut by the end of the sample. */
function isUtf8(sample: Buffer): boolean {
  let end = sample.length;
  // Back off over a trailing incomplete sequence (at most 3 continuation/lead bytes).
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const byte = sample[end - i]!;
    if ((byte & 0xc0) === 0xc0) {
      end -= i;
      break;
    }
    if ((byte & 0x80) === 0) break;
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}
