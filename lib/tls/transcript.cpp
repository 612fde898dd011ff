// The transcript hash, RFC 8446 §4.4.1: buffered until the suite fixes the hash, then a running
// hash; message_hash in place of ClientHello1 after a HelloRetryRequest.
#include "glasstls/tls/transcript.hpp"

#include <string>

#include "glasstls/tls/constants.hpp"

namespace glasstls::tls {

Transcript::Transcript(crypto::HashAlg hash) : hash_(hash), state_(crypto::Hash(hash)) {}

void Transcript::absorb(ByteView bytes) {
  if (state_) {
    state_->update(bytes);
  } else {
    buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
  }
}

Result<Unit, TlsError> Transcript::set_hash(crypto::HashAlg hash) {
  if (hash_) {
    if (*hash_ == hash) return Unit{};
    return Err(tls_error(AlertDescription::internal_error,
                         std::string("transcript hash already ") +
                             std::string(crypto::hash_name(*hash_)) + ", cannot become " +
                             std::string(crypto::hash_name(hash)),
                         "RFC 8446 §4.4.1"));
  }
  hash_ = hash;
  state_.emplace(hash);
  // The messages seen before the suite was chosen (the first ClientHello) are hashed now.
  state_->update(buffer_);
  buffer_.clear();
  buffer_.shrink_to_fit();
  return Unit{};
}

Result<Unit, TlsError> Transcript::add(ByteView message) {
  // §4: struct { HandshakeType msg_type; uint24 length; ... } Handshake;
  // "including the handshake message header carrying the handshake message type and length
  // fields, but not including record layer headers" (§4.4.1).
  if (message.size() < 4) {
    return Err(tls_error(AlertDescription::internal_error,
                         "transcript given " + std::to_string(message.size()) +
                             " bytes, shorter than a handshake header",
                         "RFC 8446 §4.4.1"));
  }
  const std::size_t length =
      (std::size_t{message[1]} << 16) | (std::size_t{message[2]} << 8) | std::size_t{message[3]};
  if (length != message.size() - 4) {
    return Err(tls_error(AlertDescription::internal_error,
                         "transcript given a handshake message whose header says " +
                             std::to_string(length) + " bytes but " +
                             std::to_string(message.size() - 4) +
                             " follow (a record header, or a partial message?)",
                         "RFC 8446 §4.4.1"));
  }
  absorb(message);
  ++messages_;
  return Unit{};
}

Result<crypto::Digest, TlsError> Transcript::current() const {
  if (!state_) {
    return Err(tls_error(AlertDescription::internal_error,
                         "transcript hash requested before the cipher suite chose the hash",
                         "RFC 8446 §4.4.1"));
  }
  crypto::Hash copy = *state_;  // finish a copy: the running state goes on
  return copy.finish();
}

Result<Unit, TlsError> Transcript::replace_client_hello1_with_message_hash() {
  if (!state_) {
    return Err(tls_error(AlertDescription::internal_error,
                         "message_hash needs the hash the HelloRetryRequest chose; set_hash first",
                         "RFC 8446 §4.4.1"));
  }
  if (messages_ != 1) {
    return Err(tls_error(AlertDescription::internal_error,
                         "message_hash replaces ClientHello1, the only message before "
                         "HelloRetryRequest; the transcript holds " +
                             std::to_string(messages_),
                         "RFC 8446 §4.4.1"));
  }
  const crypto::Digest client_hello1_hash = state_->finish();  // finish() also resets the state
  auto restarted = from_client_hello1_hash(*hash_, client_hello1_hash.view());
  if (!restarted) return Err(std::move(restarted).error());
  *this = std::move(restarted).value();
  return Unit{};
}

Result<Transcript, TlsError> Transcript::from_client_hello1_hash(crypto::HashAlg hash,
                                                                 ByteView client_hello1_hash) {
  const std::size_t hash_len = crypto::digest_size(hash);
  if (client_hello1_hash.size() != hash_len) {
    return Err(tls_error(AlertDescription::internal_error,
                         "Hash(ClientHello1) of " + std::to_string(client_hello1_hash.size()) +
                             " bytes for a " + std::to_string(hash_len) + "-byte hash",
                         "RFC 8446 §4.4.1"));
  }
  // §4.4.1: Hash(message_hash ||        /* Handshake type */
  //              00 00 Hash.length  ||  /* Handshake message length (bytes) */
  //              Hash(ClientHello1) ||  /* Hash of ClientHello1 */
  //              HelloRetryRequest  || ... || Mn)
  const std::uint8_t header[4] = {static_cast<std::uint8_t>(HandshakeType::message_hash), 0, 0,
                                  static_cast<std::uint8_t>(hash_len)};
  Transcript t(hash);
  t.absorb(header);
  t.absorb(client_hello1_hash);
  t.messages_ = 1;
  return t;
}

}  // namespace glasstls::tls
