// Constant-time checks for the TLS 1.3 wire layer: the key schedule on a secret (EC)DHE shared
// secret and PSK, Finished and binder checks, and record protection with secret keys and secret
// plaintext — including finding the content type under the padding (RFC 8446 §5.4), whose
// position the protocol reveals only as the content length.
#include <array>
#include <cstdint>

#include "ct_harness.hpp"
#include "glasstls/crypto/aead.hpp"
#include "glasstls/tls/key_schedule.hpp"
#include "glasstls/tls/record.hpp"

using namespace glasstls;
using glasstls::cttest::declassify;
using glasstls::cttest::secret;

namespace {
std::array<std::uint8_t, 32> secret_bytes(std::uint8_t seed) {
  std::array<std::uint8_t, 32> a{};
  for (std::size_t i = 0; i < a.size(); ++i) a[i] = static_cast<std::uint8_t>(i * 29 + seed);
  secret(std::span(a));
  return a;
}
const std::array<std::uint8_t, 32> kTranscriptHash{1, 2, 3};  // public
}  // namespace

GLASSTLS_CT_CHECK(tls_key_schedule_on_secret_inputs) {
  const auto shared = secret_bytes(3);
  const auto psk = secret_bytes(5);
  for (const auto& early : {tls::EarlySecret::without_psk(crypto::HashAlg::sha256),
                            tls::EarlySecret::from_psk(crypto::HashAlg::sha256, psk)}) {
    const tls::Secret binder = early.binder_key(tls::PskKind::resumption);
    const tls::HandshakeSecret hs = early.handshake_secret(shared);
    const tls::Secret c_hs = hs.client_handshake_traffic_secret(kTranscriptHash);
    const tls::MasterSecret ms = hs.master_secret();
    const tls::Secret c_ap = ms.client_application_traffic_secret_0(kTranscriptHash);
    tls::TrafficKeys keys = tls::traffic_keys(c_ap, crypto::AeadAlg::aes_128_gcm);
    const tls::Secret next = tls::next_application_traffic_secret(c_ap);
    // Finished and binder checks: only the verdict is revealed.
    crypto::Digest verify_data = tls::finished_verify_data(c_hs, kTranscriptHash);
    declassify(verify_data.bytes.data(), verify_data.size);  // it goes on the wire
    if (!tls::verify_finished(c_hs, kTranscriptHash, verify_data.view()).ok())
      cttest::fail("tls_key_schedule_on_secret_inputs", "Finished did not verify");
    crypto::Digest wrong = verify_data;
    wrong.bytes[0] ^= 1;
    if (tls::verify_finished(c_hs, kTranscriptHash, wrong.view()).ok())
      cttest::fail("tls_key_schedule_on_secret_inputs", "a wrong Finished verified");
    crypto::Digest b = tls::psk_binder(binder, kTranscriptHash);
    declassify(b.bytes.data(), b.size);
    if (!tls::verify_psk_binder(binder, kTranscriptHash, b.view()).ok())
      cttest::fail("tls_key_schedule_on_secret_inputs", "the binder did not verify");
    (void)keys;
    (void)next;
  }
}

GLASSTLS_CT_CHECK(tls_record_seal_and_open_portable) {
  const auto key = secret_bytes(7);
  auto iv = secret_bytes(11);
  const crypto::AeadImplementation* impl =
      crypto::aead_implementation(crypto::AeadAlg::aes_128_gcm, "portable");
  if (impl == nullptr) {
    cttest::fail("tls_record_seal_and_open_portable", "no portable AES-GCM");
    return;
  }
  auto sender = tls::RecordProtection::create(
      crypto::AeadAlg::aes_128_gcm, std::span(key).first(16), std::span(iv).first(12), *impl);
  auto receiver = tls::RecordProtection::create(
      crypto::AeadAlg::aes_128_gcm, std::span(key).first(16), std::span(iv).first(12), *impl);
  if (!sender.ok() || !receiver.ok()) {
    cttest::fail("tls_record_seal_and_open_portable", "create failed");
    return;
  }
  // Secret content of several lengths, padded, so the content type sits at different places.
  std::array<std::uint8_t, 100> content{};
  for (std::size_t i = 0; i < content.size(); ++i) content[i] = static_cast<std::uint8_t>(i + 1);
  secret(std::span(content));
  for (std::size_t len : {std::size_t{0}, std::size_t{1}, std::size_t{37}, std::size_t{100}}) {
    auto record = sender->seal(tls::ContentType::application_data, std::span(content).first(len),
                               tls::Padding::fixed(13));
    if (!record.ok()) {
      cttest::fail("tls_record_seal_and_open_portable", "seal failed");
      return;
    }
    declassify(record->data(), record->size());  // ciphertext and tag go on the wire
    auto opened = receiver->open(*record);
    if (!opened.ok()) {
      cttest::fail("tls_record_seal_and_open_portable", "open failed");
      return;
    }
    declassify(opened->content.data(), opened->content.size());
    if (opened->content.size() != len || opened->type != tls::ContentType::application_data)
      cttest::fail("tls_record_seal_and_open_portable", "wrong content after open");
  }
}
