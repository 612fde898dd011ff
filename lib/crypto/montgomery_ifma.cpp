// Constant-time modular exponentiation with AVX-512 IFMA (see montgomery_ifma.hpp).
//
// Numbers are held in radix 2^52: N limbs of 52 bits in 64-bit lanes, eight lanes per ZMM
// register, with at least one spare lane above limb N − 1 (the moved-up copies a_up, m_up). The multiplication is "almost Montgomery" (AMM; Gueron and Krasnov, "Software
// Implementation of Modular Exponentiation, Using Advanced Vector Instructions Architectures",
// WAIFI 2012, and Gueron–Drucker's AVX-512 IFMA follow-up): with R = 2^(52·N) > 4m, inputs below
// 2m give an output below 2m, so no conditional subtraction is needed inside the loop; the one
// final reduction happens at the end (by mask).
//
// One AMM, row by row (i = 0..N−1), for acc = (a·b + y·m)/R:
//   acc += lo52(a·b[i]) + hi52(a_up·b[i])    (a_up = a moved up one limb: the high half of
//                                              a_l·b[i] belongs to limb l + 1)
//   y = acc[0]·(−m^-1) mod 2^52;  acc += lo52(m·y) + hi52(m_up·y)
//   acc >>= one limb (acc[0]'s low 52 bits are now zero; its carry moves into the new acc[0])
// Lanes are not carried during the rows (each grows by < 4·2^52 per row, so < 2^60 at the end);
// one carry pass at the end normalises them back to 52 bits.
#include "crypto/montgomery_ifma.hpp"

#include <algorithm>
#include <array>

#include "glasstls/core/cpu.hpp"

#if !defined(GLASSTLS_PORTABLE_BUILD) && defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define GLASSTLS_HAVE_RSA_IFMA 1
// GCC 12's AVX-512 headers pass an "undefined" vector as the merge source of some intrinsics
// (alignr, the 128-bit extract) and trip -Wuninitialized inside the header itself.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#include <immintrin.h>
#endif

namespace glasstls::crypto::bn {

#if defined(GLASSTLS_HAVE_RSA_IFMA)

#define GLASSTLS_IFMA_TARGET __attribute__((target("avx512f,avx512ifma")))
// The loops over instances (K) and vectors (V) below are unrolled (#pragma GCC unroll) so the
// accumulators live in ZMM registers rather than on the stack.

namespace {

constexpr Limb kMask52 = (Limb{1} << 52) - 1;

// 64-bit limbs (L of them) to N 52-bit limbs in V·8 lanes (zero padded).
template <std::size_t N, std::size_t V>
void to_radix52(std::array<Limb, 8 * V>& out, std::span<const Limb> in) {
  out.fill(0);
  for (std::size_t j = 0; j < N; ++j) {
    const std::size_t bit = 52 * j, w = bit / 64, s = bit % 64;  // public positions
    Limb v = w < in.size() ? in[w] >> s : 0;
    if (s > 12 && w + 1 < in.size()) v |= in[w + 1] << (64 - s);
    out[j] = v & kMask52;
  }
}

template <std::size_t N, std::size_t V>
void from_radix52(std::span<Limb> out, const std::array<Limb, 8 * V>& in) {
  for (Limb& x : out) x = 0;
  for (std::size_t j = 0; j < N; ++j) {
    const std::size_t bit = 52 * j, w = bit / 64, s = bit % 64;
    if (w < out.size()) out[w] |= in[j] << s;
    if (s > 12 && w + 1 < out.size()) out[w + 1] |= in[j] >> (64 - s);
  }
}

template <std::size_t V>
struct Vec {
  __m512i r[V];
};

template <std::size_t N, std::size_t V>
GLASSTLS_IFMA_TARGET inline Vec<V> load(const std::array<Limb, 8 * V>& a) {
  Vec<V> v;
  for (std::size_t k = 0; k < V; ++k) v.r[k] = _mm512_loadu_si512(a.data() + 8 * k);
  return v;
}

// K independent AMMs at once (K = 1, or 2 for the two CRT halves): out[j] = AMM(a[j], b[j])
// = a·b·R^-1 mod m[j], almost (< 2m), normalised to 52-bit limbs. Each row's y depends on the
// previous row through a long latency chain (extract, multiply, broadcast, multiply-add,
// shift); interleaving two independent products hides most of it (OpenSSL's rsaz "x2" code does
// the same). `b_limbs[j]` is b[j] in memory, its limbs broadcast one per row.
template <std::size_t N, std::size_t V, std::size_t K>
GLASSTLS_IFMA_TARGET void amm(Vec<V>* out, const Vec<V>* a, const Limb* const* b_limbs,
                              const Vec<V>* m, const Limb* m0, const Limb* k0) {
  __m512i acc[K][V], a_up[K][V], m_up[K][V];
  Limb a0[K], a_lane0[K];
  const __m512i zero = _mm512_setzero_si512();
  #pragma GCC unroll 8
  for (std::size_t j = 0; j < K; ++j) {
    #pragma GCC unroll 8
    for (std::size_t k = 0; k < V; ++k) {
      acc[j][k] = _mm512_setzero_si512();
      // a and m moved up one limb (lane l holds limb l − 1): the high halves hi52(a_l·b[i])
      // belong one limb above the low halves, so they can be added before the shift.
      a_up[j][k] = _mm512_alignr_epi64(a[j].r[k], k == 0 ? zero : a[j].r[k - 1], 7);
      m_up[j][k] = _mm512_alignr_epi64(m[j].r[k], k == 0 ? zero : m[j].r[k - 1], 7);
    }
    a0[j] = 0;  // acc lane 0, tracked in a scalar register to find y quickly
    a_lane0[j] = static_cast<Limb>(_mm_cvtsi128_si64(_mm512_castsi512_si128(a[j].r[0])));
  }
  for (std::size_t i = 0; i < N; ++i) {
    #pragma GCC unroll 8
    for (std::size_t j = 0; j < K; ++j) {
      const Limb bi = b_limbs[j][i];
      const __m512i bv = _mm512_set1_epi64(static_cast<long long>(bi));
      // The a·b[i] terms do not depend on y: they overlap with finding it.
      #pragma GCC unroll 8
      for (std::size_t k = 0; k < V; ++k) {
        acc[j][k] = _mm512_madd52lo_epu64(acc[j][k], a[j].r[k], bv);
        acc[j][k] = _mm512_madd52hi_epu64(acc[j][k], a_up[j][k], bv);
      }
      // Lane 0 after adding lo52(a0·bi), in scalar so y need not wait for the vector unit.
      const Limb t0 = a0[j] + ((a_lane0[j] * bi) & kMask52);
      const Limb y = (t0 * k0[j]) & kMask52;
      const __m512i yv = _mm512_set1_epi64(static_cast<long long>(y));
      #pragma GCC unroll 8
      for (std::size_t k = 0; k < V; ++k) {
        const __m512i lo = _mm512_madd52lo_epu64(acc[j][k], m[j].r[k], yv);
        const __m512i hi = _mm512_madd52hi_epu64(zero, m_up[j][k], yv);
        acc[j][k] = _mm512_add_epi64(lo, hi);
      }
      // Lane 0 is now ≡ 0 mod 2^52; its carry joins the next limb after the shift.
      const Limb carry = (t0 + ((m0[j] * y) & kMask52)) >> 52;
      #pragma GCC unroll 8
      for (std::size_t k = 0; k + 1 < V; ++k)
        acc[j][k] = _mm512_alignr_epi64(acc[j][k + 1], acc[j][k], 1);
      acc[j][V - 1] = _mm512_alignr_epi64(zero, acc[j][V - 1], 1);
      acc[j][0] = _mm512_add_epi64(acc[j][0],
                                   _mm512_maskz_set1_epi64(1, static_cast<long long>(carry)));
      a0[j] = static_cast<Limb>(_mm_cvtsi128_si64(_mm512_castsi512_si128(acc[j][0])));
    }
  }
  // Normalise: carry each lane's bits above 52 into the next (sequential, fixed length).
  #pragma GCC unroll 8
  for (std::size_t j = 0; j < K; ++j) {
    alignas(64) std::array<Limb, 8 * V> t;
    #pragma GCC unroll 8
    for (std::size_t k = 0; k < V; ++k) _mm512_store_si512(t.data() + 8 * k, acc[j][k]);
    Limb c = 0;
    for (std::size_t l = 0; l < N; ++l) {
      const Limb v = t[l] + c;
      t[l] = v & kMask52;
      c = v >> 52;
    }
    #pragma GCC unroll 8
    for (std::size_t k = 0; k < V; ++k) out[j].r[k] = _mm512_load_si512(t.data() + 8 * k);
    ct::secure_wipe(t.data(), sizeof t);
  }
}

// out[j] = AMM(a[j], b[j]) with b in registers.
template <std::size_t N, std::size_t V, std::size_t K>
GLASSTLS_IFMA_TARGET void amm_vec(Vec<V>* out, const Vec<V>* a, const Vec<V>* b, const Vec<V>* m,
                                  const Limb* m0, const Limb* k0) {
  alignas(64) std::array<std::array<Limb, 8 * V>, K> bl;
  const Limb* ptrs[K];
  for (std::size_t j = 0; j < K; ++j) {
    for (std::size_t k = 0; k < V; ++k) _mm512_store_si512(bl[j].data() + 8 * k, b[j].r[k]);
    ptrs[j] = bl[j].data();
  }
  amm<N, V, K>(out, a, ptrs, m, m0, k0);
  ct::secure_wipe(bl.data(), sizeof bl);
}

// One exponentiation's inputs.
struct ExpJob {
  std::span<Limb> out;
  std::span<const Limb> base, exp;
  std::size_t exp_bits;
  std::span<const Limb> m, rr;
};

// K exponentiations side by side, all with L-limb moduli (N radix-2^52 limbs).
template <std::size_t N, std::size_t V, std::size_t K>
GLASSTLS_IFMA_TARGET void exp_impl(const ExpJob* jobs) {
  const std::size_t L = jobs[0].m.size();
  Vec<V> m[K], rrv[K], b[K];
  Limb m0[K], k0[K];
  alignas(64) std::array<Limb, 8 * V> buf;
  std::size_t exp_bits = 0;
  for (std::size_t j = 0; j < K; ++j) {
    const ExpJob& job = jobs[j];
    exp_bits = std::max(exp_bits, job.exp_bits);
    // RR52 = 2^(2·52·N) mod m = rr64 · 2^(2·(52N − 64L)) mod m, by masked doublings.
    Limbs rr(job.rr.begin(), job.rr.end()), diff(L, 0);
    for (std::size_t k = 0; k < 2 * (52 * N - 64 * L); ++k) {
      const Limb top = rr[L - 1] >> 63;
      for (std::size_t i = L; i-- > 1;) rr[i] = (rr[i] << 1) | (rr[i - 1] >> 63);
      rr[0] <<= 1;
      const Limb borrow = sub(diff, rr, job.m);
      select(ct::mask_from_bit(top) | ~ct::mask_from_bit(borrow), rr, diff);
    }
    // k0 = −m^-1 mod 2^52 (Newton's iteration mod 2^64, then truncated).
    Limb inv = job.m[0];
    for (int i = 0; i < 6; ++i) inv *= 2 - job.m[0] * inv;
    k0[j] = (0 - inv) & kMask52;
    m0[j] = job.m[0] & kMask52;
    to_radix52<N, V>(buf, job.m);
    m[j] = load<N, V>(buf);
    to_radix52<N, V>(buf, rr);
    rrv[j] = load<N, V>(buf);
    to_radix52<N, V>(buf, job.base);
    b[j] = load<N, V>(buf);
  }

  constexpr std::size_t kWindow = 5, kTable = 32;
  std::array<std::array<Vec<V>, K>, kTable> table;
  alignas(64) std::array<Limb, 8 * V> one{};
  one[0] = 1;
  const Limb* ones[K];
  for (std::size_t j = 0; j < K; ++j) ones[j] = one.data();
  amm<N, V, K>(table[0].data(), rrv, ones, m, m0, k0);  // R mod m (one, Montgomery form)
  amm_vec<N, V, K>(table[1].data(), b, rrv, m, m0, k0);  // base·R
  for (std::size_t t = 2; t < kTable; ++t)
    amm_vec<N, V, K>(table[t].data(), table[t - 1].data(), table[1].data(), m, m0, k0);

  auto exp_bit = [&](std::size_t j, std::size_t i) -> Limb {  // i is a public position
    return i / 64 < jobs[j].exp.size() ? (jobs[j].exp[i / 64] >> (i % 64)) & 1 : 0;
  };
  Vec<V> acc[K], pick[K];
  for (std::size_t j = 0; j < K; ++j) acc[j] = table[0][j];
  const std::size_t windows = (exp_bits + kWindow - 1) / kWindow;
  for (std::size_t w = windows; w-- > 0;) {
    for (std::size_t s = 0; s < kWindow; ++s) amm_vec<N, V, K>(acc, acc, acc, m, m0, k0);
    for (std::size_t j = 0; j < K; ++j) {
      Limb index = 0;
      for (std::size_t s = kWindow; s-- > 0;) index = (index << 1) | exp_bit(j, w * kWindow + s);
#pragma GCC unroll 8
      for (std::size_t k = 0; k < V; ++k) pick[j].r[k] = _mm512_setzero_si512();
      for (std::size_t t = 0; t < kTable; ++t) {  // read every entry; keep the one at `index`
        const __m512i hit = _mm512_set1_epi64(static_cast<long long>(ct::equal(t, index)));
#pragma GCC unroll 8
        for (std::size_t k = 0; k < V; ++k)
          pick[j].r[k] = _mm512_or_si512(pick[j].r[k], _mm512_and_si512(table[t][j].r[k], hit));
      }
    }
    amm_vec<N, V, K>(acc, acc, pick, m, m0, k0);
  }
  // Leave Montgomery form (AMM by 1 gives a value ≤ m), then subtract m once by mask.
  amm<N, V, K>(acc, acc, ones, m, m0, k0);
  for (std::size_t j = 0; j < K; ++j) {
    for (std::size_t k = 0; k < V; ++k) _mm512_store_si512(buf.data() + 8 * k, acc[j].r[k]);
    Limbs r(L, 0), diff(L, 0);
    from_radix52<N, V>(r, buf);
    const Limb borrow = sub(diff, r, jobs[j].m);
    select(~ct::mask_from_bit(borrow), r, diff);
    for (std::size_t i = 0; i < L; ++i) jobs[j].out[i] = r[i];
  }
  ct::secure_wipe(buf.data(), sizeof buf);
  ct::secure_wipe(table.data(), sizeof table);
  ct::secure_wipe(acc, sizeof acc);
  ct::secure_wipe(pick, sizeof pick);
  ct::secure_wipe(b, sizeof b);
}

template <std::size_t K>
void dispatch(const ExpJob* jobs) {
  switch (jobs[0].m.size()) {
    case 8: return exp_impl<10, 2, K>(jobs);   // 520 ≥ 512 + 2 bits (R > 4m)
    case 16: return exp_impl<20, 3, K>(jobs);  // 1040 ≥ 1024 + 2
    case 24: return exp_impl<30, 4, K>(jobs);  // 1560 ≥ 1536 + 2
    case 32: return exp_impl<40, 6, K>(jobs);  // 2080 ≥ 2048 + 2 (a spare vector: see a_up)
    default: return;
  }
}

bool cpu_has_ifma() {
  // AVX512_IFMA with the OS saving ZMM state (detected once in core/cpu.cpp).
  return cpu_features().avx512ifma;
}

}  // namespace

bool ifma_exp_available() noexcept {
  static const bool ok = cpu_has_ifma() && !portable_forced();
  return ok;
}

bool ifma_exp_supports(std::size_t L) noexcept {
  return L == 8 || L == 16 || L == 24 || L == 32;
}

void exp_ct_ifma(std::span<Limb> out, std::span<const Limb> base, std::span<const Limb> exp,
                 std::size_t exp_bits, std::span<const Limb> m, std::span<const Limb> rr) {
  const ExpJob job{out, base, exp, exp_bits, m, rr};
  dispatch<1>(&job);
}

void exp_ct_ifma_x2(std::span<Limb> out1, std::span<const Limb> base1, std::span<const Limb> exp1,
                    std::size_t exp_bits1, std::span<const Limb> m1, std::span<const Limb> rr1,
                    std::span<Limb> out2, std::span<const Limb> base2, std::span<const Limb> exp2,
                    std::size_t exp_bits2, std::span<const Limb> m2, std::span<const Limb> rr2) {
  const ExpJob jobs[2] = {{out1, base1, exp1, exp_bits1, m1, rr1},
                          {out2, base2, exp2, exp_bits2, m2, rr2}};
  dispatch<2>(jobs);
}

#else  // no IFMA path in this build

bool ifma_exp_available() noexcept { return false; }
bool ifma_exp_supports(std::size_t) noexcept { return false; }
void exp_ct_ifma(std::span<Limb>, std::span<const Limb>, std::span<const Limb>, std::size_t,
                 std::span<const Limb>, std::span<const Limb>) {}
void exp_ct_ifma_x2(std::span<Limb>, std::span<const Limb>, std::span<const Limb>, std::size_t,
                    std::span<const Limb>, std::span<const Limb>, std::span<Limb>,
                    std::span<const Limb>, std::span<const Limb>, std::size_t,
                    std::span<const Limb>, std::span<const Limb>) {}

#endif

}  // namespace glasstls::crypto::bn
