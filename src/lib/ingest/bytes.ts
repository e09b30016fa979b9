/** Size in bytes of a chosen file's data. */
export const dataBytes = (data: File | Uint8Array) => (data instanceof Uint8Array ? data.length : data.size);

/** The bytes of a chosen file's data from `from` up to `to`. */
export async function byteRange(data: File | Uint8Array, from: number, to: number): Promise<Uint8Array> {
  if (data instanceof Uint8Array) return data.subarray(from, to);
  return new Uint8Array(await data.slice(from, to).arrayBuffer());
}
