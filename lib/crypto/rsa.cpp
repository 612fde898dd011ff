// RSA keys in memory and the raw primitives RSAEP/RSAVP1 (public) and RSADP/RSASP1 (private,
// RFC 8017 §5.1.2 / §5.2.1 with the CRT of §5.1.2 step 2.b), plus the checks keys must pass.
#include "glasstls/crypto/rsa.hpp"

#ifndef GLASSTLS_TEST_HOOKS
#define GLASSTLS_TEST_HOOKS 0
#endif

#include <algorithm>

#include "crypto/rsa_internal.hpp"

namespace glasstls::crypto {

using bn::Limb;
using bn::Limbs;
using detail::RsaPrivateState;
using detail::RsaPublicState;

namespace detail {
namespace {
RsaFaultHook g_fault_hook = nullptr;
RsaBlindingObserver g_blinding_observer = nullptr;
}  // namespace
bool rsa_test_hooks_active() noexcept { return GLASSTLS_TEST_HOOKS != 0; }
void set_rsa_fault_hook_for_testing(RsaFaultHook hook) noexcept { g_fault_hook = hook; }
void set_rsa_blinding_observer_for_testing(RsaBlindingObserver o) noexcept {
  g_blinding_observer = o;
}
void visit_rsa_secrets_for_testing(const RsaPrivateKey& key, void (*fn)(const void*, std::size_t)) {
  const RsaPrivateState& k = key.state();
  for (const bn::Limbs* l : {&k.d, &k.p, &k.q, &k.dp, &k.dq, &k.qinv})
    fn(l->data(), l->size() * sizeof(bn::Limb));
  k.mont_p.visit_buffers(fn);
  k.mont_q.visit_buffers(fn);
}
}  // namespace detail

namespace {

// Strips leading zero bytes (public key material, or the agreed encoding of a secret's length).
ByteView trim(ByteView v) {
  std::size_t i = 0;
  while (i < v.size() && v[i] == 0) ++i;
  return v.subspan(i);
}

Limbs load(ByteView be, std::size_t limbs) {
  Limbs out;
  (void)bn::from_bytes(out, be, limbs);
  return out;
}

// A number in [1, m) drawn uniformly from `rng` by rejection (m has `bits` bits).
Limbs random_below(const Limbs& m, std::size_t bits, RandomSource& rng) {
  Bytes buf((bits + 7) / 8);
  Limbs r;
  for (;;) {
    rng.fill(buf);
    if (bits % 8 != 0) buf[0] &= static_cast<std::uint8_t>((1u << (bits % 8)) - 1);
    (void)bn::from_bytes(r, buf, m.size());
    // Rejection on a fresh random value reveals nothing about any secret.
    const Limb ok = bn::less_than_mask(r, m) & ~bn::is_zero_mask(r);
    if (ct::declassify_value(ok) != 0) break;
  }
  ct::secure_wipe(buf.data(), buf.size());
  return r;
}

}  // namespace

// ---- RsaPublicKey ----------------------------------------------------------------------------

RsaPublicKey::RsaPublicKey(std::unique_ptr<RsaPublicState> s) : state_(std::move(s)) {}
RsaPublicKey::RsaPublicKey(const RsaPublicKey& o)
    : state_(std::make_unique<RsaPublicState>(*o.state_)) {}
RsaPublicKey& RsaPublicKey::operator=(const RsaPublicKey& o) {
  if (this != &o) state_ = std::make_unique<RsaPublicState>(*o.state_);
  return *this;
}
RsaPublicKey::RsaPublicKey(RsaPublicKey&&) noexcept = default;
RsaPublicKey& RsaPublicKey::operator=(RsaPublicKey&&) noexcept = default;
RsaPublicKey::~RsaPublicKey() = default;

Result<RsaPublicKey, RsaError> RsaPublicKey::from_parts(const RsaPublicKeyParts& parts) {
  const ByteView n = trim(parts.n), e = trim(parts.e);
  const std::size_t bits = n.empty() ? 0 : 8 * n.size() - static_cast<std::size_t>(
                                                              __builtin_clz(n[0]) - 24);
  if (bits > kRsaMaxModulusBits) return Err(RsaError::key_too_large);
  if (bits < kRsaMinModulusBits) return Err(RsaError::key_too_small);
  if ((n.back() & 1) == 0) return Err(RsaError::malformed_key);
  // e odd, 3 <= e < 2^32 (RFC 8017 §3.1 asks 3 <= e <= n-1; we also bound it to one word).
  if (e.empty() || e.size() > 4 || (e.back() & 1) == 0) return Err(RsaError::unsupported_exponent);
  const Limbs el = load(e, 1);
  if (el[0] < 3) return Err(RsaError::unsupported_exponent);
  const Limbs nl = load(n, bn::limbs_for_bits(bits));
  auto s = std::make_unique<RsaPublicState>(RsaPublicState{nl, el, bits, bn::Montgomery(nl)});
  return RsaPublicKey(std::move(s));
}

RsaPublicKeyParts RsaPublicKey::to_parts() const {
  return {bn::to_bytes_trimmed_vartime(state_->n), bn::to_bytes_trimmed_vartime(state_->e)};
}
std::size_t RsaPublicKey::modulus_bits() const noexcept { return state_->bits; }
std::size_t RsaPublicKey::modulus_bytes() const noexcept { return (state_->bits + 7) / 8; }

// ---- RsaPrivateKey ---------------------------------------------------------------------------

RsaPrivateKey::RsaPrivateKey(std::unique_ptr<RsaPrivateState> s, std::unique_ptr<RsaPublicKey> pub)
    : state_(std::move(s)), public_(std::move(pub)) {}
RsaPrivateKey::RsaPrivateKey(RsaPrivateKey&&) noexcept = default;
RsaPrivateKey& RsaPrivateKey::operator=(RsaPrivateKey&&) noexcept = default;
RsaPrivateKey::~RsaPrivateKey() = default;  // every Limbs is wiped by its allocator

Result<RsaPrivateKey, RsaError> RsaPrivateKey::from_parts(const RsaPrivateKeyParts& parts) {
  auto pub = RsaPublicKey::from_parts(parts.public_parts());
  if (!pub.ok()) return Err(pub.error());
  const RsaPublicState& ps = pub->state();
  const std::size_t L = ps.n.size();
  // The sizes of the secret numbers' encodings are treated as public (they are fixed by the
  // modulus size in every key we produce).
  const ByteView p = trim(parts.p), q = trim(parts.q);
  if (p.empty() || q.empty() || p.size() > 8 * L || q.size() > 8 * L ||
      (p.back() & 1) == 0 || (q.back() & 1) == 0)
    return Err(RsaError::malformed_key);
  const std::size_t p_bits = 8 * p.size() - static_cast<std::size_t>(__builtin_clz(p[0]) - 24);
  const std::size_t q_bits = 8 * q.size() - static_cast<std::size_t>(__builtin_clz(q[0]) - 24);
  const std::size_t Lp = bn::limbs_for_bits(p_bits), Lq = bn::limbs_for_bits(q_bits);
  if (Lp + Lq < L || p_bits < 2 || q_bits < 2) return Err(RsaError::malformed_key);

  auto s = std::make_unique<RsaPrivateState>(RsaPrivateState{
      {}, {}, {}, {}, {}, {}, p_bits, q_bits, bn::Montgomery(load(p, Lp)),
      bn::Montgomery(load(q, Lq))});
  Limb ok = ~Limb{0};
  auto load_checked = [&](Limbs& out, ByteView v, std::size_t limbs) {
    if (!bn::from_bytes(out, v, limbs)) ok = 0;
  };
  load_checked(s->d, parts.d, L);
  load_checked(s->p, parts.p, Lp);
  load_checked(s->q, parts.q, Lq);
  load_checked(s->dp, parts.dp, Lp);
  load_checked(s->dq, parts.dq, Lq);
  load_checked(s->qinv, parts.qinv, Lp);
  if (ok == 0) return Err(RsaError::malformed_key);

  // p·q = n.
  Limbs pq(Lp + Lq, 0), n_ext(Lp + Lq, 0);
  bn::mul(pq, s->p, s->q);
  std::copy(ps.n.begin(), ps.n.end(), n_ext.begin());
  ok &= bn::equal_mask(pq, n_ext);
  // dP = d mod (p−1), dQ = d mod (q−1), e·dP ≡ 1 (mod p−1), e·dQ ≡ 1 (mod q−1): the last two
  // with the first give d·e ≡ 1 modulo lcm(p−1, q−1), so d works as the private exponent.
  auto check_half = [&](const Limbs& prime, const Limbs& dx) {
    const std::size_t Lx = prime.size();
    Limbs pm1(prime), r(Lx, 0), ed(Lx + 1, 0), one(Lx, 0);
    pm1[0] ^= 1;  // prime is odd: p − 1 clears bit 0
    one[0] = 1;
    bn::mod_ct(r, s->d, pm1);
    Limb good = bn::equal_mask(r, dx);
    bn::mul_limb(ed, dx, ps.e[0]);
    bn::mod_ct(r, ed, pm1);
    good &= bn::equal_mask(r, one);
    return good;
  };
  ok &= check_half(s->p, s->dp);
  ok &= check_half(s->q, s->dq);
  // qInv < p and qInv·q ≡ 1 (mod p).
  ok &= bn::less_than_mask(s->qinv, s->p);
  {
    Limbs t(Lp + Lq, 0), r(Lp, 0), one(Lp, 0);
    one[0] = 1;
    bn::mul(t, s->qinv, s->q);
    s->mont_p.reduce(r, t);
    ok &= bn::equal_mask(r, one);
  }
  if (ct::declassify_value(ok) == 0) return Err(RsaError::malformed_key);
  return RsaPrivateKey(std::move(s), std::make_unique<RsaPublicKey>(std::move(pub.value())));
}

RsaPrivateKeyParts RsaPrivateKey::to_parts() const {
  RsaPrivateKeyParts out;
  const auto pub = public_->to_parts();
  out.n = pub.n;
  out.e = pub.e;
  out.d = bn::to_bytes_trimmed_vartime(state_->d);
  out.p = bn::to_bytes_trimmed_vartime(state_->p);
  out.q = bn::to_bytes_trimmed_vartime(state_->q);
  out.dp = bn::to_bytes_trimmed_vartime(state_->dp);
  out.dq = bn::to_bytes_trimmed_vartime(state_->dq);
  out.qinv = bn::to_bytes_trimmed_vartime(state_->qinv);
  return out;
}

// ---- The primitives --------------------------------------------------------------------------

Result<Bytes, RsaError> rsa_public_op(const RsaPublicKey& key, ByteView input) {
  const RsaPublicState& ps = key.state();
  // RFC 8017 §5.2.2 step 1: the representative must be in [0, n−1]; lengths must match exactly.
  if (input.size() != key.modulus_bytes()) return Err(RsaError::message_too_long);
  Limbs s;
  (void)bn::from_bytes(s, input, ps.n.size());
  if (ct::declassify_value(bn::less_than_mask(s, ps.n)) == 0) return Err(RsaError::message_too_long);
  Limbs m(ps.n.size(), 0);
  ps.mont_n.exp_public_vartime(m, s, ps.e);
  Bytes out(key.modulus_bytes());
  bn::to_bytes(out, m);
  return out;
}

namespace {

// m^d mod n by the CRT (RFC 8017 §5.1.2 step 2.b): m1 = c^dP mod p, m2 = c^dQ mod q,
// h = (m1 − m2)·qInv mod p, m = m2 + q·h. Constant time throughout.
void crt_exponentiate(const RsaPrivateState& k, const RsaPublicState& ps, const Limbs& c,
                      Limbs& out) {
  const std::size_t Lp = k.p.size(), Lq = k.q.size(), L = ps.n.size();
  Limbs cp(Lp, 0), cq(Lq, 0), m1(Lp, 0), m2(Lq, 0), m2p(Lp, 0), h(Lp, 0);
  k.mont_p.reduce(cp, c);  // c mod p without division
  k.mont_q.reduce(cq, c);
  k.mont_p.exp_ct_pair(m1, cp, k.dp, k.p_bits, k.mont_q, m2, cq, k.dq, k.q_bits);
#if GLASSTLS_TEST_HOOKS
  if (detail::g_fault_hook != nullptr) detail::g_fault_hook(m1);
#endif
  k.mont_p.reduce(m2p, m2);             // m2 may exceed p when q > p
  k.mont_p.sub_mod(h, m1, m2p);         // m1 − m2 mod p
  k.mont_p.mul(h, h, k.qinv);           // (m1 − m2)·qInv·R^-1
  k.mont_p.mul(h, h, k.mont_p.rr());    // ·R: back to (m1 − m2)·qInv mod p
  Limbs hq(Lp + Lq, 0);
  bn::mul(hq, h, k.q);
  bn::add(hq, hq, m2);                  // m2 + q·h < q·p = n: fits in L limbs
  out.assign(hq.begin(), hq.begin() + static_cast<std::ptrdiff_t>(L));
}

}  // namespace

Result<Bytes, RsaError> rsa_private_op(const RsaPrivateKey& key, ByteView input,
                                       RandomSource& rng) {
  const RsaPublicState& ps = key.public_key().state();
  const RsaPrivateState& k = key.state();
  const std::size_t L = ps.n.size();
  if (input.size() != key.public_key().modulus_bytes()) return Err(RsaError::message_too_long);
  Limbs m;
  (void)bn::from_bytes(m, input, L);
  // The input is public (a ciphertext or an encoded message digest): its range check may branch.
  if (ct::declassify_value(bn::less_than_mask(m, ps.n)) == 0) return Err(RsaError::message_too_long);

  // Base blinding (Kocher 1996; RFC 8017 §5.1.2 note): c' = r^e·m, s' = c'^d = r·m^d,
  // s = s'·r^-1. r^-1 comes from a variable-time inversion of u = r·t for a second random t:
  // u is uniformly random and independent of r, so the inversion's timing reveals nothing,
  // and r^-1 = t·u^-1.
  Limbs r, t, u(L, 0), u_inv(L, 0), r_inv(L, 0), blind(L, 0), mb(L, 0), s(L, 0);
  for (;;) {
    r = random_below(ps.n, ps.bits, rng);
    t = random_below(ps.n, ps.bits, rng);
    ps.mont_n.mul(u, r, t);
    ps.mont_n.mul(u, u, ps.mont_n.rr());
    ct::declassify(u.data(), u.size() * sizeof(Limb));  // uniformly random, see above
    if (bn::inverse_odd_vartime(u_inv, u, ps.n)) break;  // fails only if r or t shares a factor
  }
  ps.mont_n.mul(r_inv, u_inv, t);
  ps.mont_n.mul(r_inv, r_inv, ps.mont_n.rr());
  ps.mont_n.exp_public_vartime(blind, r, ps.e);  // variable time in e only
  ps.mont_n.mul(mb, m, blind);
  ps.mont_n.mul(mb, mb, ps.mont_n.rr());
#if GLASSTLS_TEST_HOOKS
  if (detail::g_blinding_observer != nullptr) {
    Bytes view(key.public_key().modulus_bytes());
    bn::to_bytes(view, mb);
    detail::g_blinding_observer(view);
    ct::secure_wipe(view.data(), view.size());
  }
#endif

  crt_exponentiate(k, ps, mb, s);
  ps.mont_n.mul(s, s, r_inv);
  ps.mont_n.mul(s, s, ps.mont_n.rr());

  // Fault check (Boneh, DeMillo, Lipton 1997): release s only if s^e = m.
  Limbs check(L, 0);
  ps.mont_n.exp_public_vartime(check, s, ps.e);
  if (ct::declassify_value(bn::equal_mask(check, m)) == 0) return Err(RsaError::fault_detected);
  Bytes out(key.public_key().modulus_bytes());
  bn::to_bytes(out, s);
  return out;
}

}  // namespace glasstls::crypto
