// A small QR code encoder for the badge (byte mode, error correction level
// M, versions 1-6: up to 106 bytes, plenty for a 28-symbol ticket code). The
// server's ticket.svg needs the attendee's manage token, which a kiosk does
// not have, so the badge draws its own. Follows the ISO/IEC 18004 layout as
// in Project Nayuki's reference implementation.

const svg_ns = 'http://www.w3.org/2000/svg';
// version -> [error correction codewords per block, blocks] at level M
const blocks_m = [null, [10, 1], [16, 1], [26, 1], [18, 2], [24, 2], [16, 4]];
const total_codewords = [null, 26, 44, 70, 100, 134, 172];

function gf_mul(x, y) {
  let z = 0;
  for (let i = 7; i >= 0; i--) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d);
    z ^= ((y >>> i) & 1) * x;
  }
  return z & 0xff;
}

function rs_divisor(degree) {
  const result = new Array(degree).fill(0);
  result[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < degree; j++) {
      result[j] = gf_mul(result[j], root);
      if (j + 1 < degree) result[j] ^= result[j + 1];
    }
    root = gf_mul(root, 2);
  }
  return result;
}

function rs_remainder(data, divisor) {
  const result = divisor.map(() => 0);
  for (const b of data) {
    const factor = b ^ result.shift();
    result.push(0);
    divisor.forEach((coef, i) => { result[i] ^= gf_mul(coef, factor); });
  }
  return result;
}

function codewords(bytes) {
  const version = [1, 2, 3, 4, 5, 6].find((v) => {
    const [ecc, n] = blocks_m[v];
    return bytes.length + 2 <= total_codewords[v] - ecc * n;
  });
  if (!version) throw new Error('too long for a QR code here');
  const [ecc, n] = blocks_m[version];
  const capacity = total_codewords[version] - ecc * n;
  const bits = [];
  const push = (value, len) => { for (let i = len - 1; i >= 0; i--) bits.push((value >>> i) & 1); };
  push(0b0100, 4);
  push(bytes.length, 8);
  for (const b of bytes) push(b, 8);
  push(0, Math.min(4, capacity * 8 - bits.length));
  push(0, (8 - (bits.length % 8)) % 8);
  const data = [];
  for (let i = 0; i < bits.length; i += 8) data.push(bits.slice(i, i + 8).reduce((a, b) => (a << 1) | b, 0));
  for (let pad = 0xec; data.length < capacity; pad ^= 0xec ^ 0x11) data.push(pad);
  const per_block = capacity / n;
  const divisor = rs_divisor(ecc);
  const blocks = [];
  for (let i = 0; i < n; i++) {
    const chunk = data.slice(i * per_block, (i + 1) * per_block);
    blocks.push([chunk, rs_remainder(chunk, divisor)]);
  }
  const out = [];
  for (let i = 0; i < per_block; i++) for (const [d] of blocks) out.push(d[i]);
  for (let i = 0; i < ecc; i++) for (const [, e] of blocks) out.push(e[i]);
  return { version, out };
}

function matrix(bytes) {
  const { version, out } = codewords(bytes);
  const size = version * 4 + 17;
  const dark = Array.from({ length: size }, () => new Array(size).fill(false));
  const fixed = Array.from({ length: size }, () => new Array(size).fill(false));
  const set = (x, y, on) => {
    dark[y][x] = on;
    fixed[y][x] = true;
  };
  for (let i = 0; i < size; i++) {
    set(6, i, i % 2 === 0);
    set(i, 6, i % 2 === 0);
  }
  for (const [cx, cy] of [[3, 3], [size - 4, 3], [3, size - 4]]) {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const x = cx + dx;
        const y = cy + dy;
        const dist = Math.max(Math.abs(dx), Math.abs(dy));
        if (x >= 0 && x < size && y >= 0 && y < size) set(x, y, dist !== 2 && dist !== 4);
      }
    }
  }
  if (version >= 2) {
    const c = size - 7;
    for (let dy = -2; dy <= 2; dy++) {
      for (let dx = -2; dx <= 2; dx++) set(c + dx, c + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
    }
  }
  const draw_format = (mask) => {
    const data = mask;  // level M is 00
    let rem = data;
    for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
    const bits = ((data << 10) | rem) ^ 0x5412;
    const bit = (i) => ((bits >>> i) & 1) === 1;
    for (let i = 0; i <= 5; i++) set(8, i, bit(i));
    set(8, 7, bit(6));
    set(8, 8, bit(7));
    set(7, 8, bit(8));
    for (let i = 9; i < 15; i++) set(14 - i, 8, bit(i));
    for (let i = 0; i < 8; i++) set(size - 1 - i, 8, bit(i));
    for (let i = 8; i < 15; i++) set(8, size - 15 + i, bit(i));
    set(8, size - 8, true);
  };
  draw_format(0);
  let i = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    for (let vert = 0; vert < size; vert++) {
      for (let j = 0; j < 2; j++) {
        const x = right - j;
        const y = ((right + 1) & 2) === 0 ? size - 1 - vert : vert;
        if (!fixed[y][x] && i < out.length * 8) {
          dark[y][x] = ((out[i >>> 3] >>> (7 - (i & 7))) & 1) === 1;
          i++;
        }
      }
    }
  }
  // Mask 0; any of the eight is valid, and this one reads fine at badge size.
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) if (!fixed[y][x] && (x + y) % 2 === 0) dark[y][x] = !dark[y][x];
  }
  draw_format(0);
  return dark;
}

export function qr_svg(text, label) {
  const dark = matrix(new TextEncoder().encode(text));
  const size = dark.length + 8;
  const svg = document.createElementNS(svg_ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('class', 'qr-svg');
  svg.setAttribute('shape-rendering', 'crispEdges');
  const bg = document.createElementNS(svg_ns, 'rect');
  for (const [k, v] of [['width', size], ['height', size], ['fill', '#fff']]) bg.setAttribute(k, v);
  let d = '';
  dark.forEach((row, y) => row.forEach((on, x) => { if (on) d += `M${x + 4} ${y + 4}h1v1h-1z`; }));
  const path = document.createElementNS(svg_ns, 'path');
  path.setAttribute('d', d);
  path.setAttribute('fill', '#000');
  svg.append(bg, path);
  return svg;
}
