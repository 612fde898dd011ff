// The handshake messages after the hellos (RFC 8446 §4.3–§4.6): EncryptedExtensions,
// CertificateRequest, Certificate, CertificateVerify (and the content it signs), Finished,
// EndOfEarlyData, NewSessionTicket, KeyUpdate. Each struct's RFC definition is above it in
// include/glasstls/tls/messages.hpp.
#include <string>

#include "glasstls/core/ct.hpp"
#include "message_codec.hpp"

namespace glasstls::tls {

using AD = AlertDescription;

// ---- EndOfEarlyData (§4.5): struct {} EndOfEarlyData;

Result<EndOfEarlyData, TlsError> decode_end_of_early_data(ByteView body) {
  return detail::decode_body<EndOfEarlyData>(body, "EndOfEarlyData",
                                             [](WireReader&) { return EndOfEarlyData{}; });
}

Result<Bytes, TlsError> encode(const EndOfEarlyData&) {
  return detail::encode_message(HandshakeType::end_of_early_data, [](WireWriter&) {});
}

// ---- EncryptedExtensions (§4.3.1)

Result<EncryptedExtensions, TlsError> decode_encrypted_extensions(ByteView body) {
  return detail::decode_body<EncryptedExtensions>(body, "EncryptedExtensions", [](WireReader& r) {
    return EncryptedExtensions{
        detail::read_extension_block(r, 0, 65535, HandshakeType::encrypted_extensions)};
  });
}

Result<Bytes, TlsError> encode(const EncryptedExtensions& m) {
  return detail::encode_message(HandshakeType::encrypted_extensions, [&](WireWriter& w) {
    detail::write_extension_block(w, m.extensions);
  });
}

// ---- CertificateRequest (§4.3.2)

Result<CertificateRequest, TlsError> decode_certificate_request(ByteView body) {
  return detail::decode_body<CertificateRequest>(body, "CertificateRequest", [](WireReader& r) {
    CertificateRequest m;
    m.certificate_request_context = to_bytes(r.vector(1, 0, 255, "certificate_request_context"));
    m.extensions = detail::read_extension_block(r, 2, 65535, HandshakeType::certificate_request);
    return m;
  });
}

Result<Bytes, TlsError> encode(const CertificateRequest& m) {
  return detail::encode_message(HandshakeType::certificate_request, [&](WireWriter& w) {
    w.opaque(1, m.certificate_request_context);
    detail::write_extension_block(w, m.extensions);
  });
}

// ---- Certificate (§4.4.2)

Result<Certificate, TlsError> decode_certificate(ByteView body, const Limits& limits) {
  return detail::decode_body<Certificate>(body, "Certificate", [&limits](WireReader& r) {
    Certificate m;
    m.certificate_request_context = to_bytes(r.vector(1, 0, 255, "certificate_request_context"));
    WireReader list = r.sub(3, 0, 0xffffff, "certificate_list");
    std::size_t chain_bytes = 0;
    while (list.ok() && !list.at_end()) {
      // Local resource bounds (limits.hpp), refused as a certificate glasstls will not accept.
      if (m.certificate_list.size() == limits.max_certificate_chain_length) {
        list.fail("",
                  "more than " + std::to_string(limits.max_certificate_chain_length) +
                      " certificates (Limits::max_certificate_chain_length)",
                  AlertDescription::bad_certificate, "RFC 8446 §6.2");
        break;
      }
      CertificateEntry e;
      e.cert_data = to_bytes(list.vector(3, 1, 0xffffff, "cert_data"));
      chain_bytes += e.cert_data.size();
      if (list.ok() && chain_bytes > limits.max_certificate_chain_bytes) {
        list.fail("cert_data",
                  "the chain exceeds " + std::to_string(limits.max_certificate_chain_bytes) +
                      " bytes (Limits::max_certificate_chain_bytes)",
                  AlertDescription::bad_certificate, "RFC 8446 §6.2");
        break;
      }
      e.extensions = detail::read_extension_block(list, 0, 65535, HandshakeType::certificate);
      if (list.ok()) m.certificate_list.push_back(std::move(e));
    }
    return m;
  });
}

Result<Bytes, TlsError> encode(const Certificate& m) {
  return detail::encode_message(HandshakeType::certificate, [&](WireWriter& w) {
    w.opaque(1, m.certificate_request_context);
    w.vector(3, [&](WireWriter& list) {
      for (const CertificateEntry& e : m.certificate_list) {
        list.opaque(3, e.cert_data);
        detail::write_extension_block(list, e.extensions);
      }
    });
  });
}

// ---- CertificateVerify (§4.4.3)

Result<CertificateVerify, TlsError> decode_certificate_verify(ByteView body) {
  return detail::decode_body<CertificateVerify>(body, "CertificateVerify", [](WireReader& r) {
    CertificateVerify m;
    m.algorithm = static_cast<SignatureScheme>(r.u16("algorithm"));
    m.signature = to_bytes(r.vector(2, 0, 65535, "signature"));
    return m;
  });
}

Result<Bytes, TlsError> encode(const CertificateVerify& m) {
  return detail::encode_message(HandshakeType::certificate_verify, [&](WireWriter& w) {
    w.u16(static_cast<std::uint16_t>(m.algorithm));
    w.opaque(2, m.signature);
  });
}

Bytes certificate_verify_content(Signer signer, ByteView transcript_hash) {
  // §4.4.3: "The digital signature is then computed over the concatenation of:
  //   -  A string that consists of octet 32 (0x20) repeated 64 times
  //   -  The context string
  //   -  A single 0 byte which serves as the separator
  //   -  The content to be signed"
  // with the context string "TLS 1.3, server CertificateVerify" or "TLS 1.3, client
  // CertificateVerify".
  const std::string_view context = signer == Signer::server
                                       ? std::string_view("TLS 1.3, server CertificateVerify")
                                       : std::string_view("TLS 1.3, client CertificateVerify");
  WireWriter w;
  for (int i = 0; i < 64; ++i) w.u8(0x20);
  w.bytes(as_bytes(context));
  w.u8(0x00);
  w.bytes(transcript_hash);
  return w.take();
}

// ---- Finished (§4.4.4)

Result<Finished, TlsError> decode_finished(ByteView body, std::size_t hash_length) {
  return detail::decode_body<Finished>(body, "Finished", [&](WireReader& r) {
    // struct { opaque verify_data[Hash.length]; }: a fixed size, so a wrong length is a
    // malformed message.
    if (hash_length == 0 ? body.empty() : body.size() != hash_length)
      r.fail("verify_data",
             std::to_string(body.size()) + " bytes, Hash.length is " +
                 (hash_length == 0 ? std::string("at least 1") : std::to_string(hash_length)),
             AD::decode_error, "RFC 8446 §4.4.4");
    return Finished{to_bytes(r.rest())};
  });
}

Result<Bytes, TlsError> encode(const Finished& m) {
  return detail::encode_message(HandshakeType::finished,
                                [&](WireWriter& w) { w.bytes(m.verify_data); });
}

bool finished_matches(const Finished& received, ByteView expected) noexcept {
  // §4.4.4: verify_data is an HMAC; compare without an early exit (lengths are public).
  if (received.verify_data.size() != expected.size()) return false;
  return ct::memory_equal(received.verify_data, expected);
}

// ---- NewSessionTicket (§4.6.1)

Result<NewSessionTicket, TlsError> decode_new_session_ticket(ByteView body) {
  return detail::decode_body<NewSessionTicket>(body, "NewSessionTicket", [](WireReader& r) {
    NewSessionTicket m;
    m.ticket_lifetime = r.u32("ticket_lifetime");
    m.ticket_age_add = r.u32("ticket_age_add");
    m.ticket_nonce = to_bytes(r.vector(1, 0, 255, "ticket_nonce"));
    m.ticket = to_bytes(r.vector(2, 1, 65535, "ticket"));
    m.extensions = detail::read_extension_block(r, 0, 65534, HandshakeType::new_session_ticket);
    return m;
  });
}

Result<Bytes, TlsError> encode(const NewSessionTicket& m) {
  return detail::encode_message(HandshakeType::new_session_ticket, [&](WireWriter& w) {
    w.u32(m.ticket_lifetime);
    w.u32(m.ticket_age_add);
    w.opaque(1, m.ticket_nonce);
    w.opaque(2, m.ticket);
    detail::write_extension_block(w, m.extensions);
  });
}

// ---- KeyUpdate (§4.6.3)

Result<KeyUpdate, TlsError> decode_key_update(ByteView body) {
  return detail::decode_body<KeyUpdate>(body, "KeyUpdate", [](WireReader& r) {
    const std::uint8_t v = r.u8("request_update");
    // §4.6.3: "If an implementation receives any other value, it MUST terminate the connection
    // with an "illegal_parameter" alert."
    if (r.ok() && v > 1)
      r.fail("request_update", "value " + std::to_string(v) + " is neither 0 nor 1",
             AD::illegal_parameter, "RFC 8446 §4.6.3");
    return KeyUpdate{static_cast<KeyUpdateRequest>(v)};
  });
}

Result<Bytes, TlsError> encode(const KeyUpdate& m) {
  return detail::encode_message(HandshakeType::key_update, [&](WireWriter& w) {
    w.u8(static_cast<std::uint8_t>(m.request_update));
  });
}

}  // namespace glasstls::tls
