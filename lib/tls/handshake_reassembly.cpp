// HandshakeReassembler: §5.1's rules for handshake messages on records — split across records,
// several per record, never zero-length fragments, never across a key change — and the size cap
// every buffer of a peer's bytes needs.
#include "glasstls/tls/handshake_reassembly.hpp"

#include <algorithm>
#include <string>

namespace glasstls::tls {

Result<Unit, TlsError> HandshakeReassembler::add(ByteView record_content) {
  if (failed_) return Err(*failed_);
  // §5.1: "Implementations MUST NOT send zero-length fragments of Handshake types, even if those
  // fragments contain padding." Receiving one is a record of a kind the peer may not send:
  // unexpected_message (§5, §6.2).
  if (record_content.empty()) {
    failed_ = tls_error(AlertDescription::unexpected_message, "zero-length handshake fragment",
                        "RFC 8446 §5.1");
    return Err(*failed_);
  }
  std::size_t at = 0;
  while (at < record_content.size()) {
    // Complete the 4-byte header first, then the body; never buffer more than one message.
    if (partial_.size() < kHandshakeHeaderSize) {
      const std::size_t n =
          std::min(kHandshakeHeaderSize - partial_.size(), record_content.size() - at);
      partial_.insert(partial_.end(), record_content.begin() + static_cast<std::ptrdiff_t>(at),
                      record_content.begin() + static_cast<std::ptrdiff_t>(at + n));
      at += n;
      if (partial_.size() < kHandshakeHeaderSize) break;
    }
    const std::size_t length =
        (std::size_t{partial_[1]} << 16) | (std::size_t{partial_[2]} << 8) | partial_[3];
    // The length decodes but is more than this endpoint accepts: §6.2 illegal_parameter, "A field
    // in the handshake was incorrectly formatted or inconsistent with other fields" — the alert
    // OpenSSL and BoringSSL send for an excessive message size. (decode_error would claim the
    // bytes do not parse; record_overflow is about records, not messages.)
    if (length > limits_.max_handshake_message) {
      failed_ = tls_error(AlertDescription::illegal_parameter,
                          "handshake message of type " + std::to_string(partial_[0]) + " claims " +
                              std::to_string(length) + " bytes; the limit is " +
                              std::to_string(limits_.max_handshake_message),
                          "RFC 8446 §6.2");
      return Err(*failed_);
    }
    const std::size_t want = kHandshakeHeaderSize + length;
    const std::size_t n = std::min(want - partial_.size(), record_content.size() - at);
    partial_.insert(partial_.end(), record_content.begin() + static_cast<std::ptrdiff_t>(at),
                    record_content.begin() + static_cast<std::ptrdiff_t>(at + n));
    at += n;
    if (partial_.size() == want) {
      HandshakeBytes msg;
      msg.type = static_cast<HandshakeType>(partial_[0]);
      msg.bytes = std::move(partial_);
      partial_.clear();
      complete_.push_back(std::move(msg));
    }
  }
  return Unit{};
}

std::optional<HandshakeBytes> HandshakeReassembler::next() {
  if (complete_.empty()) return std::nullopt;
  HandshakeBytes msg = std::move(complete_.front());
  complete_.pop_front();
  return msg;
}

Result<Unit, TlsError> HandshakeReassembler::key_change() {
  if (failed_) return Err(*failed_);
  // §5.1: "Handshake messages MUST NOT span key changes. Implementations MUST verify that all
  // messages immediately preceding a key change align with a record boundary; if not, then they
  // MUST terminate the connection with an "unexpected_message" alert."
  if (!empty()) {
    failed_ = tls_error(AlertDescription::unexpected_message,
                        std::to_string(complete_.size()) + " whole and " +
                            std::to_string(partial_.size()) +
                            " partial-message bytes received under the old keys at a key change",
                        "RFC 8446 §5.1");
    return Err(*failed_);
  }
  return Unit{};
}

}  // namespace glasstls::tls
