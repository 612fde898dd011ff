// HandshakeReassembler (RFC 8446 §5.1): messages split across records, several per record, one
// byte at a time, the key-change boundary, zero-length fragments and the size limit.
#include <gtest/gtest.h>

#include <random>

#include "glasstls/tls/handshake_reassembly.hpp"
#include "support/test_support.hpp"

namespace glasstls::tls {
namespace {

using test::hex;

Bytes message(HandshakeType type, std::size_t body_len, std::uint8_t fill = 0xab) {
  Bytes m = {static_cast<std::uint8_t>(type), static_cast<std::uint8_t>(body_len >> 16),
             static_cast<std::uint8_t>(body_len >> 8), static_cast<std::uint8_t>(body_len)};
  m.resize(4 + body_len, fill);
  return m;
}

std::vector<HandshakeBytes> drain(HandshakeReassembler& r) {
  std::vector<HandshakeBytes> out;
  for (int guard = 0; guard < 1000; ++guard) {
    auto m = r.next();
    if (!m) break;
    out.push_back(std::move(*m));
  }
  return out;
}

// RFC 8448 §3's server flight after ServerHello: EncryptedExtensions, Certificate,
// CertificateVerify, Finished in one record — here with stand-in bodies of the printed lengths
// (40, 445, 136 and 36 octets with their headers).
TEST(HandshakeReassembly, SeveralMessagesPerRecord) {
  Bytes record;
  const std::pair<HandshakeType, std::size_t> flight[] = {{HandshakeType::encrypted_extensions, 36},
                                                          {HandshakeType::certificate, 441},
                                                          {HandshakeType::certificate_verify, 132},
                                                          {HandshakeType::finished, 32}};
  for (auto [t, n] : flight) {
    const Bytes m = message(t, n);
    record.insert(record.end(), m.begin(), m.end());
  }
  ASSERT_EQ(record.size(), 657u);  // RFC 8448 §3: payload (657 octets)
  HandshakeReassembler r;
  ASSERT_TRUE(r.add(record).ok());
  EXPECT_EQ(r.pending_messages(), 4u);
  auto msgs = drain(r);
  ASSERT_EQ(msgs.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(msgs[i].type, flight[i].first);
    EXPECT_EQ(msgs[i].body().size(), flight[i].second);
    EXPECT_EQ(msgs[i].bytes, message(flight[i].first, flight[i].second));
  }
  EXPECT_TRUE(r.empty());
  EXPECT_TRUE(r.key_change().ok());
}

TEST(HandshakeReassembly, OneByteAtATimeAndRandomSplits) {
  Bytes stream;
  const Bytes a = message(HandshakeType::certificate, 20000, 1);  // more than one record
  const Bytes b = message(HandshakeType::finished, 0);            // an empty body is fine
  const Bytes c = message(HandshakeType::new_session_ticket, 3, 2);
  for (const Bytes* m : {&a, &b, &c}) stream.insert(stream.end(), m->begin(), m->end());

  HandshakeReassembler one;
  std::vector<HandshakeBytes> got;
  for (std::uint8_t byte : stream) {
    ASSERT_TRUE(one.add(ByteView(&byte, 1)).ok());
    for (auto& m : drain(one)) got.push_back(std::move(m));
  }
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].bytes, a);
  EXPECT_EQ(got[1].bytes, b);
  EXPECT_TRUE(got[1].body().empty());
  EXPECT_EQ(got[2].bytes, c);

  std::mt19937_64 rng(51);
  for (int round = 0; round < 50; ++round) {
    HandshakeReassembler r;
    std::size_t at = 0;
    while (at < stream.size()) {
      const std::size_t n = std::min<std::size_t>(1 + rng() % 5000, stream.size() - at);
      ASSERT_TRUE(r.add(ByteView(stream).subspan(at, n)).ok());
      at += n;
    }
    auto msgs = drain(r);
    ASSERT_EQ(msgs.size(), 3u);
    EXPECT_EQ(msgs[0].bytes, a);
    EXPECT_EQ(msgs[2].bytes, c);
  }
}

// §5.1: "Implementations MUST NOT send zero-length fragments of Handshake types".
TEST(HandshakeReassembly, ZeroLengthFragmentIsUnexpectedMessage) {
  HandshakeReassembler r;
  auto e = r.add({});
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().alert, AlertDescription::unexpected_message);
  EXPECT_EQ(e.error().section, "RFC 8446 §5.1");
  EXPECT_FALSE(r.add(message(HandshakeType::finished, 32)).ok());  // stays failed
}

// §5.1: "Handshake messages MUST NOT span key changes."
TEST(HandshakeReassembly, KeyChangeBoundary) {
  // A partial message at the key change.
  HandshakeReassembler partial;
  const Bytes sh = message(HandshakeType::server_hello, 86);
  ASSERT_TRUE(partial.add(ByteView(sh).first(50)).ok());
  auto e = partial.key_change();
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().alert, AlertDescription::unexpected_message);
  EXPECT_EQ(e.error().section, "RFC 8446 §5.1");

  // ServerHello and EncryptedExtensions in one plaintext record: EncryptedExtensions came under
  // the old (null) keys.
  HandshakeReassembler coalesced;
  Bytes rec = sh;
  const Bytes ee = message(HandshakeType::encrypted_extensions, 2);
  rec.insert(rec.end(), ee.begin(), ee.end());
  ASSERT_TRUE(coalesced.add(rec).ok());
  auto first = coalesced.next();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->type, HandshakeType::server_hello);
  auto e2 = coalesced.key_change();
  ASSERT_FALSE(e2.ok());
  EXPECT_EQ(e2.error().alert, AlertDescription::unexpected_message);

  // Aligned: ServerHello alone, key change, then the encrypted flight.
  HandshakeReassembler aligned;
  ASSERT_TRUE(aligned.add(sh).ok());
  ASSERT_TRUE(aligned.next());
  ASSERT_TRUE(aligned.key_change().ok());
  ASSERT_TRUE(aligned.add(ee).ok());
  ASSERT_TRUE(aligned.next());
}

// A message longer than Limits::max_handshake_message is refused as soon as its header is read
// (illegal_parameter, §6.2), without buffering its body.
TEST(HandshakeReassembly, SizeLimit) {
  Limits limits;
  limits.max_handshake_message = 1000;
  HandshakeReassembler ok(limits);
  ASSERT_TRUE(ok.add(message(HandshakeType::certificate, 1000)).ok());
  EXPECT_EQ(ok.pending_messages(), 1u);

  HandshakeReassembler r(limits);
  ASSERT_TRUE(r.add(hex("0b 00")).ok());  // header split across records
  auto e = r.add(hex("03 e9"));           // 1001 bytes
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().alert, AlertDescription::illegal_parameter);
  EXPECT_EQ(e.error().section, "RFC 8446 §6.2");
  EXPECT_LE(r.partial_bytes(), 4u);

  HandshakeReassembler huge;  // default limits: a 16 MB claim is refused at once
  auto e2 = huge.add(hex("0b ff ff ff 00"));
  ASSERT_FALSE(e2.ok());
  EXPECT_EQ(e2.error().alert, AlertDescription::illegal_parameter);
}

}  // namespace
}  // namespace glasstls::tls
