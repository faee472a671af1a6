// An 8×8 grey baseline JPEG written byte by byte (one Huffman code each for the DC difference 0 and the end of
// block), small enough to check in. `seed` changes the quantisation table only: other bytes, the same picture.
export function tinyJpeg(seed: number): Buffer {
  const segment = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  const quant = Array.from({ length: 64 }, (_, i) => (i === 0 ? 1 + (seed % 255) : 1 + ((seed * 7 + i) % 97)));
  const oneCode = (tableClass: number) => segment(0xc4, [tableClass, 1, ...Array<number>(15).fill(0), 0x00]);
  return Buffer.from([
    0xff, 0xd8,
    ...segment(0xdb, [0x00, ...quant]),
    ...segment(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]),
    ...oneCode(0x00),
    ...oneCode(0x10),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    0x3f, // DC "0", end of block "0", padded with ones
    0xff, 0xd9,
  ]);
}
