// ClientHello (RFC 8446 §4.1.2) and the PSK binder arithmetic of §4.2.11.2.
//
//     struct {
//         ProtocolVersion legacy_version = 0x0303;    /* TLS v1.2 */
//         Random random;
//         opaque legacy_session_id<0..32>;
//         CipherSuite cipher_suites<2..2^16-2>;
//         opaque legacy_compression_methods<1..2^8-1>;
//         Extension extensions<8..2^16-1>;
//     } ClientHello;
//
// A binder is an HMAC over the ClientHello "truncated" just before the binders list, so the
// client encodes the hello with placeholder binders, hashes the prefix, and patches the real
// binders in; the server hashes the same prefix of what it received. The pre_shared_key
// extension is the last one (§4.2.11) and its binders list is the last field in it, so the
// prefix is the whole message minus the binders list and its 2-byte length.
#include <algorithm>

#include "message_codec.hpp"

namespace glasstls::tls {

bool offers_tls13(const ClientHello& ch) {
  const Extension* e = find_extension(ch.extensions, ExtensionType::supported_versions);
  if (e == nullptr) return false;
  auto versions = decode_supported_versions_client_hello(e->data);
  if (!versions) return false;
  for (ProtocolVersion v : versions->versions) {
    if (v == ProtocolVersion::tls13) return true;
  }
  return false;
}

Result<ClientHello, TlsError> decode_client_hello(ByteView body) {
  return detail::decode_body<ClientHello>(body, "ClientHello", [](WireReader& r) {
    ClientHello ch;
    ch.legacy_version = r.u16("legacy_version");
    const ByteView random = r.bytes(32, "random");
    if (r.ok()) std::copy(random.begin(), random.end(), ch.random.begin());
    ch.legacy_session_id = to_bytes(r.vector(1, 0, 32, "legacy_session_id"));
    WireReader suites = r.sub(2, 2, 65534, "cipher_suites");
    if (suites.remaining() % 2 != 0) suites.fail("", "odd length for a list of 2-byte suites");
    while (suites.ok() && !suites.at_end())
      ch.cipher_suites.push_back(static_cast<CipherSuite>(suites.u16("cipher_suite")));
    const std::size_t compression_at = r.offset();
    const ByteView compression = r.vector(1, 1, 255, "legacy_compression_methods");
    ch.extensions = detail::read_extension_block(r, 8, 65535, HandshakeType::client_hello);
    // §4.1.2: "For every TLS 1.3 ClientHello, this vector MUST contain exactly one byte, set to
    // zero ... If a TLS 1.3 ClientHello is received with any other value in this field, the
    // server MUST abort the handshake with an "illegal_parameter" alert." A TLS 1.3 ClientHello
    // is one offering 1.3 in supported_versions; an older client's hello decodes, so the server
    // can answer it with protocol_version (§4.2.1) instead.
    if (r.ok() && (compression.size() != 1 || compression[0] != 0) && offers_tls13(ch)) {
      r.fail("legacy_compression_methods",
             "not exactly {0} (null compression) in a TLS 1.3 ClientHello; the field is at byte " +
                 std::to_string(compression_at),
             AlertDescription::illegal_parameter, "RFC 8446 §4.1.2");
    }
    // §4.2.11: "The "pre_shared_key" extension MUST be the last extension in the ClientHello ...
    // Servers MUST check that it is the last extension and otherwise fail the handshake with an
    // "illegal_parameter" alert."
    if (r.ok() && find_extension(ch.extensions, ExtensionType::pre_shared_key) &&
        ch.extensions.back().type != ExtensionType::pre_shared_key)
      r.fail("extensions", "pre_shared_key is not the last extension",
             AlertDescription::illegal_parameter, "RFC 8446 §4.2.11");
    return ch;
  });
}

Result<Bytes, TlsError> encode(const ClientHello& m) {
  return detail::encode_message(HandshakeType::client_hello, [&](WireWriter& w) {
    w.u16(m.legacy_version);
    w.bytes(m.random);
    w.opaque(1, m.legacy_session_id);
    w.vector(2, [&](WireWriter& suites) {
      for (CipherSuite s : m.cipher_suites) suites.u16(static_cast<std::uint16_t>(s));
    });
    w.vector(1, [](WireWriter& methods) { methods.u8(0); });  // §4.1.2: exactly {null}
    detail::write_extension_block(w, m.extensions);
  });
}

namespace {

/// Decodes a whole ClientHello message and its pre_shared_key; fills `binders_offset`.
Result<OfferedPsks, TlsError> read_offered_psks(ByteView message, std::size_t& binders_offset) {
  auto header = decode_handshake_header(message);
  if (!header) return Err(std::move(header).error());
  if (header->type != HandshakeType::client_hello || message.size() != 4 + header->length)
    return Err(tls_error(AlertDescription::internal_error, "not one whole ClientHello message",
                         "RFC 8446 §4.2.11.2"));
  auto ch = decode_client_hello(message.subspan(kHandshakeHeaderSize));
  if (!ch) return Err(std::move(ch).error());
  if (ch->extensions.empty() || ch->extensions.back().type != ExtensionType::pre_shared_key)
    return Err(tls_error(AlertDescription::missing_extension,
                         "ClientHello has no pre_shared_key extension", "RFC 8446 §4.2.11"));
  auto psks = decode_offered_psks(ch->extensions.back().data);
  if (!psks) return Err(std::move(psks).error());
  // The binders list: a 2-byte length, then each binder with its 1-byte length.
  std::size_t binders_length = 2;
  for (const Bytes& b : psks->binders) binders_length += 1 + b.size();
  binders_offset = message.size() - binders_length;
  return psks;
}

}  // namespace

Result<std::size_t, TlsError> client_hello_binders_offset(ByteView client_hello) {
  std::size_t offset = 0;
  auto psks = read_offered_psks(client_hello, offset);
  if (!psks) return Err(std::move(psks).error());
  return offset;
}

Result<Unit, TlsError> patch_client_hello_binders(MutableByteView client_hello,
                                                  std::span<const Bytes> binders) {
  std::size_t offset = 0;
  auto psks = read_offered_psks(client_hello, offset);
  if (!psks) return Err(std::move(psks).error());
  if (psks->binders.size() != binders.size())
    return Err(tls_error(AlertDescription::internal_error,
                         std::to_string(binders.size()) + " binders for " +
                             std::to_string(psks->binders.size()) + " placeholders",
                         "RFC 8446 §4.2.11.2"));
  std::size_t at = offset + 2;  // past the binders list's length
  for (std::size_t i = 0; i < binders.size(); ++i) {
    if (binders[i].size() != psks->binders[i].size())
      return Err(tls_error(AlertDescription::internal_error,
                           "binder " + std::to_string(i) + " is " +
                               std::to_string(binders[i].size()) + " bytes, placeholder " +
                               std::to_string(psks->binders[i].size()),
                           "RFC 8446 §4.2.11.2"));
    std::copy(binders[i].begin(), binders[i].end(),
              client_hello.begin() + static_cast<std::ptrdiff_t>(at + 1));
    at += 1 + binders[i].size();
  }
  return Unit{};
}

}  // namespace glasstls::tls
