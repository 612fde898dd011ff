// Proofs that the checks of a handshake passed, as types.
//
// A connection reaches Connected only through a ConnectedProof, and a ConnectedProof can only be
// made from the tokens below, which only HandshakeChecks can construct — each token's constructor
// is private and HandshakeChecks is its one friend. So "forgot to check the Finished" or "skipped
// the CertificateVerify" is not a bug waiting for a test: it does not compile.
// (tests/tls/compile_fail shows that constructing a token elsewhere is refused by the compiler.)
//
//   client:  ConnectedProof::client(FinishedVerified, CertificateVerified, ChainVerified)
//   server:  ConnectedProof::server(FinishedVerified)   (no client certificates yet)
#pragma once

#include <span>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/result.hpp"
#include "glasstls/tls/alert.hpp"
#include "glasstls/tls/constants.hpp"
#include "glasstls/tls/key_schedule.hpp"
#include "glasstls/x509/signature.hpp"
#include "glasstls/x509/verify.hpp"

namespace glasstls::tls {

class HandshakeChecks;
struct Finished;
struct CertificateVerify;

/// The peer's Finished matched (RFC 8446 §4.4.4).
class FinishedVerified {
 private:
  FinishedVerified() = default;
  friend class HandshakeChecks;
};

/// The peer's CertificateVerify signature verified with its leaf's key (§4.4.3).
class CertificateVerified {
 private:
  CertificateVerified() = default;
  friend class HandshakeChecks;
};

/// The peer's chain was validated to a trust anchor for the expected name (or the caller turned
/// that off with Policy::insecure_skip_certificate_verification).
class ChainVerified {
 private:
  ChainVerified() = default;
  friend class HandshakeChecks;
};

/// The checks, and the only code that can issue the tokens.
class HandshakeChecks {
 public:
  /// §4.4.4: verify_data must equal HMAC(finished_key, transcript hash), in constant time.
  [[nodiscard]] static Result<FinishedVerified, TlsError> finished(const Secret& base_key,
                                                                  ByteView transcript_hash,
                                                                  const Finished& received);
  /// §4.4.3: the signature over the CertificateVerify content, with a scheme we offered and that
  /// fits the key.
  [[nodiscard]] static Result<CertificateVerified, TlsError> certificate_verify(
      const x509::PublicKey& leaf_key, const CertificateVerify& received, bool from_server,
      ByteView transcript_hash, std::span<const SignatureScheme> offered,
      const x509::SignaturePolicy& policy);
  /// The validator's verdict: a token when it found a path, else the alert its diagnosis maps to.
  [[nodiscard]] static Result<ChainVerified, TlsError> chain(const x509::VerifyResult& result);
  /// The insecure knob: a token without validation. Only Policy::
  /// insecure_skip_certificate_verification leads here.
  static ChainVerified chain_not_verified_insecure();
};

/// What the Connected state is built from.
class ConnectedProof {
 public:
  static ConnectedProof client(FinishedVerified, CertificateVerified, ChainVerified) {
    return ConnectedProof();
  }
  static ConnectedProof server(FinishedVerified) { return ConnectedProof(); }

 private:
  ConnectedProof() = default;
};

}  // namespace glasstls::tls
