// Handshake messages out of handshake records (RFC 8446 §5.1): a message may be split across
// several records, and one record may carry several messages; the record boundaries mean nothing
// to the handshake — except at a key change, where none may be crossed.
//
//     struct {
//         HandshakeType msg_type;    /* handshake type */
//         uint24 length;             /* remaining bytes in message */
//         select (Handshake.msg_type) { ... };
//     } Handshake;                                                            (§4)
//
//     HandshakeReassembler reassembler(limits);
//     if (auto ok = reassembler.add(record_content); !ok) return alert(ok.error());
//     while (auto msg = reassembler.next()) handle(*msg);   // type, and the bytes with header
//     ...                                                    // after ServerHello, before the
//     if (auto ok = reassembler.key_change(); !ok) ...       // handshake keys are installed
//
// The reassembler knows nothing of message types: which message may come when is the state
// machine's question. It guards only sizes (Limits::max_handshake_message) and boundaries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/result.hpp"
#include "glasstls/tls/alert.hpp"
#include "glasstls/tls/constants.hpp"
#include "glasstls/tls/limits.hpp"

namespace glasstls::tls {

/// One complete handshake message: its type and its bytes, 4-byte header included (the form the
/// transcript hash takes, §4.4.1).
struct HandshakeBytes {
  HandshakeType type = HandshakeType::client_hello;
  Bytes bytes;

  /// The message body after the 4-byte header.
  ByteView body() const noexcept { return ByteView(bytes).subspan(kHandshakeHeaderSize); }
};

/// Joins the content of handshake records into messages.
class HandshakeReassembler {
 public:
  explicit HandshakeReassembler(const Limits& limits = {}) : limits_(limits) {}

  /// Adds the content of one handshake record (plaintext fragment, or opened content).
  /// Errors, after which the reassembler stays failed: an empty record → unexpected_message
  /// (§5.1: "Implementations MUST NOT send zero-length fragments of Handshake types");
  /// a message whose length exceeds Limits::max_handshake_message → illegal_parameter (§6.2).
  [[nodiscard]] Result<Unit, TlsError> add(ByteView record_content);
  /// The next complete message, in order; nothing when none is complete.
  std::optional<HandshakeBytes> next();

  /// The caller is about to change the keys of this direction. §5.1: "Handshake messages MUST
  /// NOT span key changes" — any byte still here (a partial message, or a whole message that came
  /// in the same record as the last one before the change) → unexpected_message.
  [[nodiscard]] Result<Unit, TlsError> key_change();

  /// Complete messages waiting in next().
  std::size_t pending_messages() const noexcept { return complete_.size(); }
  /// Bytes of a message not yet complete.
  std::size_t partial_bytes() const noexcept { return partial_.size(); }
  /// True when nothing is buffered at all.
  bool empty() const noexcept { return complete_.empty() && partial_.empty(); }

 private:
  Limits limits_;
  Bytes partial_;
  std::deque<HandshakeBytes> complete_;
  std::optional<TlsError> failed_;
};

}  // namespace glasstls::tls
