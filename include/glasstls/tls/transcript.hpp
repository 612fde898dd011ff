// The transcript hash (RFC 8446 §4.4.1): a running hash of every handshake message so far, each
// with its 4-byte handshake header and never with a record header,
//
//     Transcript-Hash(M1, M2, ... Mn) = Hash(M1 || M2 || ... || Mn)
//
// that the key schedule (§7.1), CertificateVerify (§4.4.3), Finished (§4.4.4) and PSK binders
// (§4.2.11.2) bind themselves to.
//
// Two wrinkles, both handled here:
//  * The first ClientHello is sent (or received) before the cipher suite, and so the hash, is
//    chosen. Until set_hash() is called, messages are buffered; set_hash() hashes the buffer.
//  * After a HelloRetryRequest, ClientHello1 is replaced by the synthetic message
//
//        struct { HandshakeType msg_type = message_hash (254);  uint24 length = Hash.length;
//                 opaque hash[Hash.length] = Hash(ClientHello1); }
//
//    so a server can keep just Hash(ClientHello1) in its cookie (§4.2.2).
//
//     Transcript t;
//     t.add(client_hello);                      // buffered: no hash yet
//     t.set_hash(crypto::HashAlg::sha256);      // ServerHello chose TLS_AES_128_GCM_SHA256
//     t.add(server_hello);
//     crypto::Digest h = *t.current();          // Transcript-Hash(ClientHello, ServerHello)
#pragma once

#include <cstddef>
#include <optional>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/result.hpp"
#include "glasstls/crypto/hash.hpp"
#include "glasstls/tls/alert.hpp"

namespace glasstls::tls {

/// The running transcript hash of one handshake. Holds no secrets (handshake messages and their
/// hash are public).
class Transcript {
 public:
  /// A transcript whose hash is not known yet: messages are buffered until set_hash().
  Transcript() = default;
  /// A transcript whose hash is already known.
  explicit Transcript(crypto::HashAlg hash);

  /// Fixes the hash (the negotiated suite's, §4.4.1 "based on the negotiated hash") and hashes
  /// whatever was buffered. Setting the same hash again does nothing; a different one is an
  /// internal_error.
  [[nodiscard]] Result<Unit, TlsError> set_hash(crypto::HashAlg hash);

  /// Appends one whole handshake message: its 4-byte header (msg_type, uint24 length) and body.
  /// The header's length must match the body (§4), which also catches a record header passed by
  /// mistake; otherwise internal_error and nothing is added.
  [[nodiscard]] Result<Unit, TlsError> add(ByteView handshake_message);

  /// Transcript-Hash of the messages so far; the running state is not disturbed (a copy of the
  /// hash state is finished). internal_error before the hash is known.
  [[nodiscard]] Result<crypto::Digest, TlsError> current() const;

  /// §4.4.1 HelloRetryRequest rule: replaces ClientHello1, which must be the only message so far,
  /// by message_hash (0xFE, 00 00 Hash.length, Hash(ClientHello1)). Call it after set_hash() and
  /// before adding the HelloRetryRequest.
  [[nodiscard]] Result<Unit, TlsError> replace_client_hello1_with_message_hash();

  /// A stateless server's view (§4.2.2): the transcript after a HelloRetryRequest restarts from
  /// message_hash built from Hash(ClientHello1) kept in the cookie. Fails for a hash of the wrong
  /// length.
  [[nodiscard]] static Result<Transcript, TlsError> from_client_hello1_hash(
      crypto::HashAlg hash, ByteView client_hello1_hash);

  bool hash_known() const noexcept { return state_.has_value(); }
  /// The hash, once set.
  std::optional<crypto::HashAlg> hash() const noexcept { return hash_; }
  /// How many messages have been added (message_hash counts as one).
  std::size_t message_count() const noexcept { return messages_; }

 private:
  void absorb(ByteView bytes);

  std::optional<crypto::HashAlg> hash_;
  std::optional<crypto::Hash> state_;  // present once the hash is known
  Bytes buffer_;                       // messages added before that
  std::size_t messages_ = 0;
};

}  // namespace glasstls::tls
