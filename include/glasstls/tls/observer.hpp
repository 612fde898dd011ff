// Observers: what a connection tells a curious caller while it works. The timeline, the byte
// annotations and the cost breakdown of the teaching tools are built on these callbacks.
//
// Every callback runs synchronously, on the caller's stack, inside the Connection call that caused
// it (receive, step, start, send, close). When no observer is set a connection makes no call, takes
// no timestamp and builds no string: observing costs nothing unless asked for.
//
// The views passed to a callback are valid only during the call. Secrets are passed because
// teaching needs them (the walkthrough prints them, like SSLKEYLOGFILE does); an observer that
// keeps them takes the responsibility of wiping them.
#pragma once

#include <chrono>
#include <cstddef>
#include <string_view>

#include "glasstls/core/bytes.hpp"
#include "glasstls/tls/alert.hpp"
#include "glasstls/tls/constants.hpp"
#include "glasstls/tls/key_schedule.hpp"

namespace glasstls::tls {

enum class State : std::uint8_t;

/// Which way bytes travel, seen from this connection.
enum class Direction : std::uint8_t { sent, received };
std::string_view to_string(Direction d) noexcept;

/// The kinds of crypto operation a handshake performs, for the cost breakdown.
enum class CryptoOpKind : std::uint8_t {
  key_share_generate,   // an ephemeral (EC)DHE key pair
  key_share_agree,      // the (EC)DHE shared secret
  sign,                 // CertificateVerify signature
  verify_signature,     // CertificateVerify check
  verify_chain,         // certificate path validation (signatures, names, dates, revocation)
  key_schedule,         // HKDF steps of the key schedule
  transcript_hash,      // hashing handshake messages
  finished,             // computing or checking a Finished MAC
  record_seal,          // protecting a record
  record_open,          // removing a record's protection
};
std::string_view to_string(CryptoOpKind k) noexcept;

/// One timed crypto operation: monotonic (wall) time and this thread's CPU time.
struct CryptoOp {
  CryptoOpKind kind;
  std::string_view detail;  // "x25519", "ecdsa_secp256r1_sha256", "AES-256-GCM", ...
  std::chrono::nanoseconds monotonic{0};
  std::chrono::nanoseconds thread_cpu{0};
  std::size_t bytes = 0;  // data processed, when it means something (records, hashing)
};

/// Override what you want to see; each default does nothing.
class Observer {
 public:
  virtual ~Observer() = default;
  /// The state machine moved (RFC 8446 Appendix A).
  virtual void on_state_change(State /*from*/, State /*to*/) {}
  /// A whole handshake message (4-byte header included), as it enters or leaves the transcript.
  virtual void on_handshake_message(Direction /*dir*/, HandshakeType /*type*/,
                                    ByteView /*message*/) {}
  /// A record on the wire: its outer header type, its inner type (equal when unprotected), the
  /// bytes on the wire (header included) and whether it was protected.
  virtual void on_record(Direction /*dir*/, ContentType /*outer*/, ContentType /*inner*/,
                         ByteView /*wire_bytes*/, bool /*protected_record*/) {}
  /// A secret of the key schedule was derived (RFC 8446 §7.1).
  virtual void on_secret(SecretKind /*kind*/, ByteView /*client_random*/,
                         const Secret& /*secret*/) {}
  /// An alert was sent or received.
  virtual void on_alert(Direction /*dir*/, AlertLevel /*level*/, AlertDescription /*alert*/) {}
  /// A crypto operation finished.
  virtual void on_crypto(const CryptoOp& /*op*/) {}
};

}  // namespace glasstls::tls
