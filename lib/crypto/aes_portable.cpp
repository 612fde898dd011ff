// AES (FIPS 197), portable and constant-time: bitsliced over 64-bit words, four blocks at once.
//
// Why not the textbook "T-table" AES?
// -----------------------------------
// The fast software AES of the 2000s merges SubBytes, ShiftRows and MixColumns into four tables
// of 256 32-bit words and does, per byte and round, `t = T[(state ^ round_key) byte]`. The index
// is key XOR plaintext. A 1 KiB table spans 16 cache lines of 64 bytes, so *which line* the CPU
// touches reveals the top bits of key ⊕ plaintext; an attacker who shares the cache (another
// process, a VM neighbour, JavaScript in a browser) measures which lines became fast and, with
// known plaintexts, reads off the key (Bernstein 2005, "Cache-timing attacks on AES"; Osvik,
// Shamir, Tromer 2006). No secret may choose a memory address, so no table may be indexed by
// secret bytes — including the plain 256-byte S-box.
//
// What we do instead: bitslicing
// ------------------------------
// Store the state "sideways": word q[b] holds bit b of every byte of four blocks (4 × 16 = 64
// bytes → 64 bits per word). SubBytes becomes a Boolean circuit of XOR/AND/XNOR over the eight
// words — every byte of every block goes through the same gates at once, with no table and no
// branch. ShiftRows and MixColumns move bytes around, which in this layout is shifting bits
// within each word by fixed (public) amounts.
//
// The layout: byte i of block k (FIPS 197 §3.4: byte i is state row r = i mod 4, column
// c = i div 4) sits at bit position P = 16k + 4r + c of each plane. So each 16-bit lane of a word
// is one block, stored row by row, four bits (columns 0..3) per row:
//
//     lane bit:  15 14 13 12 | 11 10  9  8 |  7  6  5  4 |  3  2  1  0
//     holds:     r3c3 ..r3c0 | r2c3 .. r2c0| r1c3 .. r1c0| r0c3 .. r0c0
//
// Row-major lanes make both linear steps short: ShiftRows rotates each row's nibble, and the
// "next row" that MixColumns needs is the lane rotated by 4 bits.
#include <cstring>

#include "crypto/aes_internal.hpp"
#include "glasstls/core/ct.hpp"
#include "glasstls/crypto/aes.hpp"

namespace glasstls::crypto::detail {

// ---- SubBytes: the Boyar–Peralta circuit -------------------------------------------------------
//
// J. Boyar, R. Peralta, "A new combinational logic minimization technique with applications to
// cryptology", SEA 2010, LNCS 6049 (also "A small depth-16 circuit for the AES S-box", 2012):
// the S-box as 113 gates (32 AND, 77 XOR, 4 XNOR). It computes the GF(2^8) inverse by mapping
// the byte into a tower field GF(((2^2)^2)^2) where inversion is cheap, and back:
//   * top linear layer T1..T27: the change of basis (plus the linear parts the middle needs);
//   * shared non-linear middle M1..M63: the inversion, all the AND gates are here;
//   * bottom linear layer L0..L29 and S0..S7: back to the AES basis, fused with the affine map
//     of FIPS 197 §5.1.1 (which is why four outputs are XNORs: the constant 0x63).
// Inputs U0..U7 are the byte's bits from most to least significant (U0 = bit 7); outputs
// S0..S7 likewise. Here every variable is a 64-bit word: 64 S-boxes evaluated side by side.
// The test (tests/crypto/aes_gcm/aes_test.cpp) checks this circuit against the S-box computed
// from its definition for all 256 inputs.
void aes_sbox_planes(std::uint64_t q[8]) {
  const std::uint64_t U0 = q[7], U1 = q[6], U2 = q[5], U3 = q[4];
  const std::uint64_t U4 = q[3], U5 = q[2], U6 = q[1], U7 = q[0];

  // Top linear transformation.
  const std::uint64_t T1 = U0 ^ U3;
  const std::uint64_t T2 = U0 ^ U5;
  const std::uint64_t T3 = U0 ^ U6;
  const std::uint64_t T4 = U3 ^ U5;
  const std::uint64_t T5 = U4 ^ U6;
  const std::uint64_t T6 = T1 ^ T5;
  const std::uint64_t T7 = U1 ^ U2;
  const std::uint64_t T8 = U7 ^ T6;
  const std::uint64_t T9 = U7 ^ T7;
  const std::uint64_t T10 = T6 ^ T7;
  const std::uint64_t T11 = U1 ^ U5;
  const std::uint64_t T12 = U2 ^ U5;
  const std::uint64_t T13 = T3 ^ T4;
  const std::uint64_t T14 = T6 ^ T11;
  const std::uint64_t T15 = T5 ^ T11;
  const std::uint64_t T16 = T5 ^ T12;
  const std::uint64_t T17 = T9 ^ T16;
  const std::uint64_t T18 = U3 ^ U7;
  const std::uint64_t T19 = T7 ^ T18;
  const std::uint64_t T20 = T1 ^ T19;
  const std::uint64_t T21 = U6 ^ U7;
  const std::uint64_t T22 = T7 ^ T21;
  const std::uint64_t T23 = T2 ^ T22;
  const std::uint64_t T24 = T2 ^ T10;
  const std::uint64_t T25 = T20 ^ T17;
  const std::uint64_t T26 = T3 ^ T16;
  const std::uint64_t T27 = T1 ^ T12;

  // Shared non-linear middle: inversion in the tower field. "&" is the only non-linear gate.
  const std::uint64_t M1 = T13 & T6;
  const std::uint64_t M2 = T23 & T8;
  const std::uint64_t M3 = T14 ^ M1;
  const std::uint64_t M4 = T19 & U7;
  const std::uint64_t M5 = M4 ^ M1;
  const std::uint64_t M6 = T3 & T16;
  const std::uint64_t M7 = T22 & T9;
  const std::uint64_t M8 = T26 ^ M6;
  const std::uint64_t M9 = T20 & T17;
  const std::uint64_t M10 = M9 ^ M6;
  const std::uint64_t M11 = T1 & T15;
  const std::uint64_t M12 = T4 & T27;
  const std::uint64_t M13 = M12 ^ M11;
  const std::uint64_t M14 = T2 & T10;
  const std::uint64_t M15 = M14 ^ M11;
  const std::uint64_t M16 = M3 ^ M2;
  const std::uint64_t M17 = M5 ^ T24;
  const std::uint64_t M18 = M8 ^ M7;
  const std::uint64_t M19 = M10 ^ M15;
  const std::uint64_t M20 = M16 ^ M13;
  const std::uint64_t M21 = M17 ^ M15;
  const std::uint64_t M22 = M18 ^ M13;
  const std::uint64_t M23 = M19 ^ T25;
  const std::uint64_t M24 = M22 ^ M23;
  const std::uint64_t M25 = M22 & M20;
  const std::uint64_t M26 = M21 ^ M25;
  const std::uint64_t M27 = M20 ^ M21;
  const std::uint64_t M28 = M23 ^ M25;
  const std::uint64_t M29 = M28 & M27;
  const std::uint64_t M30 = M26 & M24;
  const std::uint64_t M31 = M20 & M23;
  const std::uint64_t M32 = M27 & M31;
  const std::uint64_t M33 = M27 ^ M25;
  const std::uint64_t M34 = M21 & M22;
  const std::uint64_t M35 = M24 & M34;
  const std::uint64_t M36 = M24 ^ M25;
  const std::uint64_t M37 = M21 ^ M29;
  const std::uint64_t M38 = M32 ^ M33;
  const std::uint64_t M39 = M23 ^ M30;
  const std::uint64_t M40 = M35 ^ M36;
  const std::uint64_t M41 = M38 ^ M40;
  const std::uint64_t M42 = M37 ^ M39;
  const std::uint64_t M43 = M37 ^ M38;
  const std::uint64_t M44 = M39 ^ M40;
  const std::uint64_t M45 = M42 ^ M41;
  const std::uint64_t M46 = M44 & T6;
  const std::uint64_t M47 = M40 & T8;
  const std::uint64_t M48 = M39 & U7;
  const std::uint64_t M49 = M43 & T16;
  const std::uint64_t M50 = M38 & T9;
  const std::uint64_t M51 = M37 & T17;
  const std::uint64_t M52 = M42 & T15;
  const std::uint64_t M53 = M45 & T27;
  const std::uint64_t M54 = M41 & T10;
  const std::uint64_t M55 = M44 & T13;
  const std::uint64_t M56 = M40 & T23;
  const std::uint64_t M57 = M39 & T19;
  const std::uint64_t M58 = M43 & T3;
  const std::uint64_t M59 = M38 & T22;
  const std::uint64_t M60 = M37 & T20;
  const std::uint64_t M61 = M42 & T1;
  const std::uint64_t M62 = M45 & T4;
  const std::uint64_t M63 = M41 & T2;

  // Bottom linear transformation, with the affine constant folded in (~ = XNOR).
  const std::uint64_t L0 = M61 ^ M62;
  const std::uint64_t L1 = M50 ^ M56;
  const std::uint64_t L2 = M46 ^ M48;
  const std::uint64_t L3 = M47 ^ M55;
  const std::uint64_t L4 = M54 ^ M58;
  const std::uint64_t L5 = M49 ^ M61;
  const std::uint64_t L6 = M62 ^ L5;
  const std::uint64_t L7 = M46 ^ L3;
  const std::uint64_t L8 = M51 ^ M59;
  const std::uint64_t L9 = M52 ^ M53;
  const std::uint64_t L10 = M53 ^ L4;
  const std::uint64_t L11 = M60 ^ L2;
  const std::uint64_t L12 = M48 ^ M51;
  const std::uint64_t L13 = M50 ^ L0;
  const std::uint64_t L14 = M52 ^ M61;
  const std::uint64_t L15 = M55 ^ L1;
  const std::uint64_t L16 = M56 ^ L0;
  const std::uint64_t L17 = M57 ^ L1;
  const std::uint64_t L18 = M58 ^ L8;
  const std::uint64_t L19 = M63 ^ L4;
  const std::uint64_t L20 = L0 ^ L1;
  const std::uint64_t L21 = L1 ^ L7;
  const std::uint64_t L22 = L3 ^ L12;
  const std::uint64_t L23 = L18 ^ L2;
  const std::uint64_t L24 = L15 ^ L9;
  const std::uint64_t L25 = L6 ^ L10;
  const std::uint64_t L26 = L7 ^ L9;
  const std::uint64_t L27 = L8 ^ L10;
  const std::uint64_t L28 = L11 ^ L14;
  const std::uint64_t L29 = L11 ^ L17;

  q[7] = L6 ^ L24;      // S0
  q[6] = ~(L16 ^ L26);  // S1
  q[5] = ~(L19 ^ L28);  // S2
  q[4] = L6 ^ L21;      // S3
  q[3] = L20 ^ L22;     // S4
  q[2] = L25 ^ L29;     // S5
  q[1] = ~(L13 ^ L27);  // S6
  q[0] = ~(L6 ^ L23);   // S7
}

namespace {

// ---- moving between bytes and bit planes --------------------------------------------------------

// Where byte i of a block goes inside its 16-bit lane: row r = i mod 4, column c = i div 4,
// lane bit 4r + c (see the layout above).
constexpr unsigned lane_position(unsigned i) {
  return 4 * (i % 4) + i / 4;
}

// Transposes an 8 × 8 bit matrix held in a word: bit 8r + c (row r = byte r, column c = bit c)
// moves to bit 8c + r. Three "delta swaps" (Hacker's Delight 2nd ed., §7-3): first swap the
// off-diagonal bits of every 2 × 2 block, then the off-diagonal 2 × 2 blocks of every 4 × 4
// block, then the off-diagonal 4 × 4 blocks. Shifts by constants and masks only.
inline std::uint64_t transpose8x8(std::uint64_t x) {
  std::uint64_t t = (x ^ (x >> 7)) & 0x00aa00aa00aa00aa;
  x ^= t ^ (t << 7);
  t = (x ^ (x >> 14)) & 0x0000cccc0000cccc;
  x ^= t ^ (t << 14);
  t = (x ^ (x >> 28)) & 0x00000000f0f0f0f0;
  x ^= t ^ (t << 28);
  return x;
}

// The input byte that lands at plane position P (the inverse of lane_position, per block).
constexpr unsigned source_byte(unsigned pos) {
  const unsigned k = pos / 16, p = pos % 16, r = p / 4, c = p % 4;
  return 16 * k + r + 4 * c;
}
constexpr bool source_byte_inverts_lane_position() {
  for (unsigned i = 0; i < 16; ++i)
    if (source_byte(lane_position(i)) != i) return false;
  return true;
}
static_assert(source_byte_inverts_lane_position());

// Packs four blocks (64 bytes) into eight planes, eight positions at a time: gather the bytes
// for positions 8g..8g+7 into one word (byte j = position 8g + j), transpose it, and byte b of
// the result is then bit b of those eight bytes: exactly byte g of plane b. Every index is a
// public loop counter; secret bytes only flow through shifts by constants, masks and ORs.
void pack(std::uint64_t q[8], const std::uint8_t in[64]) {
  for (unsigned b = 0; b < 8; ++b) q[b] = 0;
  for (unsigned g = 0; g < 8; ++g) {
    std::uint64_t x = 0;
    for (unsigned j = 0; j < 8; ++j) x |= std::uint64_t{in[source_byte(8 * g + j)]} << (8 * j);
    x = transpose8x8(x);
    for (unsigned b = 0; b < 8; ++b) q[b] |= ((x >> (8 * b)) & 0xff) << (8 * g);
  }
}

// The inverse of pack (a transpose is its own inverse).
void unpack(std::uint8_t out[64], const std::uint64_t q[8]) {
  for (unsigned g = 0; g < 8; ++g) {
    std::uint64_t x = 0;
    for (unsigned b = 0; b < 8; ++b) x |= ((q[b] >> (8 * g)) & 0xff) << (8 * b);
    x = transpose8x8(x);
    for (unsigned j = 0; j < 8; ++j)
      out[source_byte(8 * g + j)] = static_cast<std::uint8_t>(x >> (8 * j));
  }
}

// ---- the round steps (FIPS 197 §5.1) -----------------------------------------------------------

inline void add_round_key(std::uint64_t q[8], const std::uint64_t rk[8]) {
  for (unsigned b = 0; b < 8; ++b) q[b] ^= rk[b];
}

// §5.1.2 ShiftRows: s'[r][c] = s[r][(c + r) mod 4]. Within row r's nibble, the new bit c comes
// from bit c + r: a right shift by r, with the r bits that fall off wrapping round from the left.
inline std::uint64_t shift_rows_plane(std::uint64_t x) {
  return (x & 0x000f000f000f000f) |                                           // row 0
         ((x >> 1) & 0x0070007000700070) | ((x << 3) & 0x0080008000800080) |  // row 1
         ((x >> 2) & 0x0300030003000300) | ((x << 2) & 0x0c000c000c000c00) |  // row 2
         ((x >> 3) & 0x1000100010001000) | ((x << 1) & 0xe000e000e000e000);   // row 3
}

// Row r of the result = row r+1 of x (mod 4): rotate each 16-bit lane right by 4 bits.
inline std::uint64_t next_row(std::uint64_t x) {
  return ((x >> 4) & 0x0fff0fff0fff0fff) | ((x << 12) & 0xf000f000f000f000);
}
// Row r of the result = row r+2 of x: rotate each lane by 8 bits.
inline std::uint64_t row_after_next(std::uint64_t x) {
  return ((x >> 8) & 0x00ff00ff00ff00ff) | ((x << 8) & 0xff00ff00ff00ff00);
}

// §5.1.3 MixColumns: s'[r] = {02}·s[r] ⊕ {03}·s[r+1] ⊕ s[r+2] ⊕ s[r+3] for each column.
// Rewritten as {02}·t[r] ⊕ s[r+1] ⊕ t[r+2] with t[r] = s[r] ⊕ s[r+1]: one multiplication by
// {02} ("xtime", §4.2.1) per byte, which on bit planes is a relabelling plus three XORs:
// x·(b7..b0) = (b6..b0, 0) ⊕ b7·{1b}, and {1b} has bits 0, 1, 3, 4.
inline void mix_columns(std::uint64_t q[8]) {
  std::uint64_t t[8], s1[8];
  for (unsigned b = 0; b < 8; ++b) {
    s1[b] = next_row(q[b]);
    t[b] = q[b] ^ s1[b];
  }
  const std::uint64_t hi = t[7];
  const std::uint64_t x2[8] = {hi, t[0] ^ hi, t[1], t[2] ^ hi, t[3] ^ hi, t[4], t[5], t[6]};
  for (unsigned b = 0; b < 8; ++b) q[b] = x2[b] ^ s1[b] ^ row_after_next(t[b]);
}

// One S-box use outside the bulk cipher: SubWord() of the key expansion (§5.2), four bytes in
// the low bits of the planes.
std::uint32_t sub_word(std::uint32_t w) {
  std::uint64_t q[8];
  for (unsigned b = 0; b < 8; ++b) {
    q[b] = 0;
    for (unsigned k = 0; k < 4; ++k) q[b] |= std::uint64_t{(w >> (8 * k + b)) & 1} << k;
  }
  aes_sbox_planes(q);
  std::uint32_t r = 0;
  for (unsigned b = 0; b < 8; ++b)
    for (unsigned k = 0; k < 4; ++k)
      r |= static_cast<std::uint32_t>((q[b] >> k) & 1) << (8 * k + b);
  return r;
}

}  // namespace

void aes_bitsliced_init(AesBitslicedKey& key, const std::uint8_t* raw_key, std::size_t key_len) {
  std::uint8_t w[kAesMaxRoundKeyBytes];
  const int nr = aes_expand_key(raw_key, key_len, w);
  key.rounds = static_cast<std::uint32_t>(nr);
  std::uint8_t four[64];
  for (unsigned r = 0; r <= key.rounds; ++r) {
    // The same round key for each of the four blocks.
    for (unsigned k = 0; k < 4; ++k) std::memcpy(four + 16 * k, w + 16 * r, 16);
    pack(key.planes[r], four);
  }
  ct::secure_wipe(w, sizeof w);
  ct::secure_wipe(four, sizeof four);
}

// §5.1 Cipher(): AddRoundKey, then Nr-1 full rounds, then a last round without MixColumns.
void aes_bitsliced_encrypt4(const AesBitslicedKey& key, const std::uint8_t in[64],
                            std::uint8_t out[64]) {
  std::uint64_t q[8];
  pack(q, in);
  add_round_key(q, key.planes[0]);
  for (unsigned r = 1; r < key.rounds; ++r) {
    aes_sbox_planes(q);                                              // SubBytes
    for (unsigned b = 0; b < 8; ++b) q[b] = shift_rows_plane(q[b]);  // ShiftRows
    mix_columns(q);                                                  // MixColumns
    add_round_key(q, key.planes[r]);                                 // AddRoundKey
  }
  aes_sbox_planes(q);
  for (unsigned b = 0; b < 8; ++b) q[b] = shift_rows_plane(q[b]);
  add_round_key(q, key.planes[key.rounds]);
  unpack(out, q);
  ct::secure_wipe(q, sizeof q);
}

}  // namespace glasstls::crypto::detail

namespace glasstls::crypto {

// §5.2 KeyExpansion(). Nk = key words (4 or 8), Nr = Nk + 6 rounds, 4·(Nr+1) words in all.
int aes_expand_key(const std::uint8_t* key, std::size_t key_len,
                   std::uint8_t round_keys[kAesMaxRoundKeyBytes]) {
  if (key_len != 16 && key_len != 32) return 0;
  const unsigned nk = static_cast<unsigned>(key_len / 4);
  const unsigned nr = nk + 6;
  std::uint32_t w[60];
  // Words are read big-endian so that RotWord is a rotation left by one byte.
  for (unsigned i = 0; i < nk; ++i)
    w[i] = (std::uint32_t{key[4 * i]} << 24) | (std::uint32_t{key[4 * i + 1]} << 16) |
           (std::uint32_t{key[4 * i + 2]} << 8) | std::uint32_t{key[4 * i + 3]};
  // Rcon[j] = x^(j-1) in GF(2^8) (§5.2), in the top byte; computed here rather than tabled. It
  // depends only on the public index.
  std::uint32_t rcon = 0x01;
  // sub_word works on little-endian bytes; swap around it.
  const auto bswap = [](std::uint32_t v) {
    return (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24);
  };
  for (unsigned i = nk; i < 4 * (nr + 1); ++i) {
    std::uint32_t temp = w[i - 1];
    if (i % nk == 0) {
      temp = (temp << 8) | (temp >> 24);  // RotWord
      temp = bswap(detail::sub_word(bswap(temp))) ^ (rcon << 24);
      rcon = (rcon << 1) ^ ((rcon >> 7) * 0x11b);  // xtime on a public value
    } else if (nk > 6 && i % nk == 4) {
      temp = bswap(detail::sub_word(bswap(temp)));
    }
    w[i] = w[i - nk] ^ temp;
  }
  for (unsigned i = 0; i < 4 * (nr + 1); ++i) {
    round_keys[4 * i] = static_cast<std::uint8_t>(w[i] >> 24);
    round_keys[4 * i + 1] = static_cast<std::uint8_t>(w[i] >> 16);
    round_keys[4 * i + 2] = static_cast<std::uint8_t>(w[i] >> 8);
    round_keys[4 * i + 3] = static_cast<std::uint8_t>(w[i]);
  }
  ct::secure_wipe(w, sizeof w);
  return static_cast<int>(nr);
}

std::uint8_t aes_sbox(std::uint8_t x) {
  std::uint64_t q[8];
  for (unsigned b = 0; b < 8; ++b) q[b] = (static_cast<unsigned>(x) >> b) & 1u;
  detail::aes_sbox_planes(q);
  unsigned r = 0;
  for (unsigned b = 0; b < 8; ++b) r |= static_cast<unsigned>(q[b] & 1) << b;
  return static_cast<std::uint8_t>(r);
}

}  // namespace glasstls::crypto
