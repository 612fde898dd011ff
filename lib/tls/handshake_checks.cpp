// The checks that issue the handshake's proof tokens (handshake_proof.hpp), and the (EC)DHE key
// exchange of RFC 8446 §4.2.8 with the groups glasstls implements.
#include <string>

#include "glasstls/core/ct.hpp"

#include "connection_internal.hpp"
#include "glasstls/tls/credentials.hpp"
#include "glasstls/tls/handshake_proof.hpp"
#include "glasstls/tls/messages.hpp"

namespace glasstls::tls {

Result<FinishedVerified, TlsError> HandshakeChecks::finished(const Secret& base_key,
                                                            ByteView transcript_hash,
                                                            const Finished& received) {
  auto r = verify_finished(base_key, transcript_hash, received.verify_data);
  if (!r.ok()) return Err(std::move(r).error());
  return FinishedVerified();
}

Result<CertificateVerified, TlsError> HandshakeChecks::certificate_verify(
    const x509::PublicKey& leaf_key, const CertificateVerify& received, bool from_server,
    ByteView transcript_hash, std::span<const SignatureScheme> offered,
    const x509::SignaturePolicy& policy) {
  const Bytes content =
      certificate_verify_content(from_server ? Signer::server : Signer::client, transcript_hash);
  auto r = verify_certificate_verify(leaf_key, received.algorithm, content, received.signature,
                                     offered, policy);
  if (!r.ok()) return Err(std::move(r).error());
  return CertificateVerified();
}

Result<ChainVerified, TlsError> HandshakeChecks::chain(const x509::VerifyResult& result) {
  if (result.ok()) return ChainVerified();
  const x509::Diagnosis& d = *result.diagnosis;
  // §4.4.2.4: "If the server supplies a certificate chain that cannot be validated, the client
  // MUST abort the handshake with an appropriate certificate-related alert" — which one, §6.2.
  return Err(tls_error(alert_for(d.error), detail::describe(d), "RFC 8446 §4.4.2.4"));
}

ChainVerified HandshakeChecks::chain_not_verified_insecure() { return ChainVerified(); }

namespace detail {

std::string describe(const x509::Diagnosis& d) {
  std::string s = "certificate ";
  s += std::to_string(d.index);
  if (!d.subject.empty()) s += " (" + d.subject + ")";
  s += ": ";
  s += x509::to_string(d.error);
  if (!d.message.empty()) s += ": " + d.message;
  return s;
}

bool group_supported(NamedGroup group) noexcept {
  return group == NamedGroup::x25519 || group == NamedGroup::secp256r1 ||
         group == NamedGroup::secp384r1;
}

KeyShare generate_key_share(NamedGroup group, crypto::RandomSource& rng) {
  KeyShare share;
  share.group = group;
  switch (group) {
    case NamedGroup::x25519: {
      // §4.2.8.2: the 32-byte u-coordinate (RFC 7748).
      crypto::X25519KeyPair kp = crypto::x25519_generate(rng);
      share.public_bytes.assign(kp.public_key.begin(), kp.public_key.end());
      ct::declassify(share.public_bytes.data(), share.public_bytes.size());  // sent in the clear
      share.key = kp;
      return share;
    }
    case NamedGroup::secp256r1:
    case NamedGroup::secp384r1: {
      // §4.2.8.2: UncompressedPointRepresentation, 0x04 ‖ X ‖ Y.
      const auto curve =
          group == NamedGroup::secp256r1 ? crypto::EcCurve::p256 : crypto::EcCurve::p384;
      crypto::EcPrivateKey key = crypto::EcPrivateKey::generate(curve, rng);
      const ByteView pub = key.public_key().uncompressed();
      share.public_bytes.assign(pub.begin(), pub.end());
      ct::declassify(share.public_bytes.data(), share.public_bytes.size());  // sent in the clear
      share.key = key;
      return share;
    }
    default:
      fail(AlertDescription::internal_error, "group " + tls::to_string(group) + " not implemented",
           "RFC 8446 §4.2.7");
  }
}

Bytes agree(const KeyShare& share, ByteView peer) {
  if (const auto* x = std::get_if<crypto::X25519KeyPair>(&share.key)) {
    if (peer.size() != crypto::kX25519KeySize) {
      fail(AlertDescription::illegal_parameter,
           "an x25519 key share must be 32 bytes, got " + std::to_string(peer.size()),
           "RFC 8446 §4.2.8.2");
    }
    auto secret = crypto::x25519(x->private_key, peer.first<32>());
    if (!secret.ok()) {
      // §7.4.2: an all-zero shared secret means a low-order point; abort.
      fail(AlertDescription::illegal_parameter,
           "the x25519 shared secret is all zeros (a low-order public key)", "RFC 8446 §7.4.2");
    }
    Bytes out(secret->begin(), secret->end());
    ct::secure_wipe(MutableByteView(*secret));
    return out;
  }
  const auto& key = std::get<crypto::EcPrivateKey>(share.key);
  auto secret = crypto::ecdh(key, peer);
  if (!secret.ok()) {
    // §4.2.8.2: peers MUST validate each other's public key; an invalid one is illegal_parameter.
    fail(AlertDescription::illegal_parameter,
         "invalid " + tls::to_string(share.group) + " key share: " +
             std::string(crypto::ec_error_message(secret.error())),
         "RFC 8446 §4.2.8.2");
  }
  // §7.4.2: the shared secret is the x-coordinate, full length.
  const ByteView x = secret->view();
  return Bytes(x.begin(), x.end());
}

}  // namespace detail
}  // namespace glasstls::tls
