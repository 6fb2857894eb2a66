/*
 * Weights travel as base64 of little-endian binary: JSON arrays of floats would
 * be about three times larger and slow to parse. Little-endian is written
 * explicitly so a model moves between machines unchanged.
 */

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let at = 0; at < bytes.length; at += chunk) {
    binary += String.fromCharCode(...bytes.subarray(at, at + chunk));
  }
  return btoa(binary);
}

function fromBase64(encoded: string): Uint8Array {
  const binary = atob(encoded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function encodeFloat32(values: ArrayLike<number>): string {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] as number, true);
  return toBase64(new Uint8Array(view.buffer));
}

export function encodeUint32(values: ArrayLike<number>): string {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  for (let i = 0; i < values.length; i++) view.setUint32(i * 4, values[i] as number, true);
  return toBase64(new Uint8Array(view.buffer));
}

/** Undefined when the text is not base64 of whole 4-byte values. */
export function decodeFloat32(encoded: string): Float32Array | undefined {
  const view = decodeView(encoded);
  if (!view) return undefined;
  const out = new Float32Array(view.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

export function decodeUint32(encoded: string): Uint32Array | undefined {
  const view = decodeView(encoded);
  if (!view) return undefined;
  const out = new Uint32Array(view.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(i * 4, true);
  return out;
}

function decodeView(encoded: string): DataView | undefined {
  try {
    const bytes = fromBase64(encoded);
    return bytes.length % 4 === 0 ? new DataView(bytes.buffer) : undefined;
  } catch {
    return undefined;
  }
}
