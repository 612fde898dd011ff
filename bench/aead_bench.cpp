// The glasstls side of every AEAD seal benchmark (AES-GCM and ChaCha20-Poly1305): the key is
// expanded once, each record gets a fresh nonce and a 5-byte record header as AAD, as in TLS.
#include <array>
#include <cstdint>
#include <vector>

#include "bench.hpp"
#include "glasstls/crypto/aead.hpp"

namespace glasstls::bench {

namespace {
constexpr std::array<std::uint8_t, 5> kRecordHeader = {0x17, 0x03, 0x03, 0x40, 0x11};
}  // namespace

void bm_aead_seal(benchmark::State& state, crypto::AeadAlg alg, std::size_t size,
                  const crypto::AeadImplementation* impl) {
  const auto key = input(crypto::aead_key_size(alg), 1);
  const auto pt = input(size);
  std::vector<std::uint8_t> out(size + crypto::kAeadTagSize);
  auto aead = crypto::Aead::create(alg, key, *impl);
  if (!aead.ok()) {
    state.SkipWithError("Aead::create failed");
    return;
  }
  std::array<std::uint8_t, 12> nonce{};
  std::uint64_t seq = 0;
  for (auto _ : state) {
    next_nonce(nonce, seq++);
    auto st = aead->seal(nonce, kRecordHeader, pt, out);
    benchmark::DoNotOptimize(st);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  set_bytes(state, size);
}

}  // namespace glasstls::bench
