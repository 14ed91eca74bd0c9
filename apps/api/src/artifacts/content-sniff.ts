/**
 * Does the start of the file look like its declared type? A Content-Type header is whatever the
 * uploader typed; the first bytes are what a player or the rollout decoder will actually meet.
 * Returns undefined when it fits, else what is wrong.
 */
export function sniffMismatch(contentType: string, head: Uint8Array): string | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  const startsWith = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  switch (contentType) {
    case 'application/json': {
      const first = head.find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
      return first === 0x7b ? undefined : 'not a JSON object (it does not start with "{")';
    }
    case 'application/x-arena-rollout':
      return ascii(0, 4) === 'ARRO' ? undefined : 'not a binary rollout (no "ARRO" prefix)';
    case 'video/mp4':
      return ascii(4, 8) === 'ftyp' ? undefined : 'not an MP4 file (no "ftyp" box at byte 4)';
    case 'video/webm':
      return startsWith(0x1a, 0x45, 0xdf, 0xa3) ? undefined : 'not a WebM file (no EBML header)';
    case 'image/png':
      return startsWith(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) ? undefined : 'not a PNG image';
    case 'image/jpeg':
      return startsWith(0xff, 0xd8, 0xff) ? undefined : 'not a JPEG image';
    default:
      return `${contentType} is not an accepted type`;
  }
}
