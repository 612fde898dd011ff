// The record layer (RFC 8446 §5) beyond the RFC 8448 trace: padding (§5.4), every error path with
// its alert, sequence numbers and their wrap (§5.3), usage limits (§5.5), framing of a byte
// stream (§5.1), ChangeCipherSpec (§5), truncation (§6.1), fragmentation, and random mutation.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <random>

#include "glasstls/core/endian.hpp"
#include "glasstls/tls/record.hpp"
#include "support/test_support.hpp"

namespace glasstls::tls {
namespace {

using crypto::AeadAlg;
using test::hex;

constexpr AeadAlg kAlgs[] = {AeadAlg::aes_128_gcm, AeadAlg::aes_256_gcm,
                             AeadAlg::chacha20_poly1305};

Bytes key_for(AeadAlg alg) {
  return Bytes(crypto::aead_key_size(alg), 0x42);
}
const Bytes kIv = hex("000102030405060708090a0b");

RecordProtection make(AeadAlg alg = AeadAlg::aes_256_gcm) {
  auto p = RecordProtection::create(alg, key_for(alg), kIv);
  EXPECT_TRUE(p.ok());
  return std::move(p).value();
}

// Builds a record by hand: header(23, 0x0303, len) ‖ AEAD(inner) under the nonce for `seq`, so
// the receiver's checks on the inner plaintext can be reached with contents seal() refuses.
Bytes raw_record(AeadAlg alg, std::uint64_t seq, const Bytes& inner) {
  auto aead = crypto::Aead::create(alg, key_for(alg));
  EXPECT_TRUE(aead.ok());
  std::array<std::uint8_t, 12> nonce{};
  std::copy(kIv.begin(), kIv.end(), nonce.begin());
  std::array<std::uint8_t, 8> s{};
  store_be64(s.data(), seq);
  for (std::size_t i = 0; i < 8; ++i) nonce[4 + i] ^= s[i];
  const std::size_t len = inner.size() + crypto::kAeadTagSize;
  Bytes rec = {23, 3, 3, static_cast<std::uint8_t>(len >> 8), static_cast<std::uint8_t>(len)};
  rec.resize(5 + len);
  EXPECT_EQ(aead->seal(nonce, ByteView(rec).first(5), inner, MutableByteView(rec).subspan(5)),
            crypto::AeadStatus::ok);
  return rec;
}

// ---- RecordProtection -------------------------------------------------------------------------

TEST(RecordProtection, RoundTripEveryAeadAndType) {
  for (AeadAlg alg : kAlgs) {
    auto w = make(alg), r = make(alg);
    for (ContentType t :
         {ContentType::handshake, ContentType::alert, ContentType::application_data}) {
      const Bytes content = hex("01 02 03 00 00");  // trailing zeros of content are kept
      auto rec = w.seal(t, content);
      ASSERT_TRUE(rec.ok());
      // §5.2: opaque_type 23, legacy_record_version 0x0303, length = inner + 16-byte tag.
      EXPECT_EQ(hex_encode(ByteView(*rec).first(5)), "1703030016");
      auto out = r.open(*rec);
      ASSERT_TRUE(out.ok()) << out.error().to_string();
      EXPECT_EQ(out->type, t);
      EXPECT_EQ(out->content, content);
    }
    EXPECT_EQ(w.sequence_number(), 3u);
    EXPECT_EQ(r.records(), 3u);
  }
}

// §5.3: the nonce changes with every record, so the same content seals differently each time.
TEST(RecordProtection, SequenceNumberChangesTheNonce) {
  auto w = make();
  auto a = w.seal(ContentType::application_data, hex("aa"));
  auto b = w.seal(ContentType::application_data, hex("aa"));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_EQ(*a, raw_record(AeadAlg::aes_256_gcm, 0, hex("aa 17")));
  EXPECT_EQ(*b, raw_record(AeadAlg::aes_256_gcm, 1, hex("aa 17")));
}

TEST(RecordProtection, EmptyApplicationDataAllowedEmptyHandshakeNot) {
  auto w = make(), r = make();
  auto rec = w.seal(ContentType::application_data, {});
  ASSERT_TRUE(rec.ok());
  EXPECT_EQ(rec->size(), 5u + 1 + 16);
  auto out = r.open(*rec);
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(out->content.empty());
  // §5.1: no zero-length handshake fragments, padding or not.
  auto hs = w.seal(ContentType::handshake, {}, Padding::fixed(10));
  ASSERT_FALSE(hs.ok());
  EXPECT_EQ(hs.error().alert, AlertDescription::internal_error);
  EXPECT_EQ(hs.error().section, "RFC 8446 §5.1");
}

TEST(RecordProtection, PaddingPolicies) {
  EXPECT_EQ(Padding::none().amount(10), 0u);
  EXPECT_EQ(Padding::fixed(7).amount(10), 7u);
  EXPECT_EQ(Padding::to_multiple_of(16).amount(10), 5u);  // 10 + 1 + 5 = 16
  EXPECT_EQ(Padding::to_multiple_of(16).amount(15), 0u);  // 15 + 1 = 16 already
  EXPECT_EQ(Padding::to_multiple_of(1).amount(10), 0u);
  EXPECT_EQ(Padding::to_multiple_of(0).amount(10), 0u);
  // Clamped to the inner-plaintext limit: 2^14 + 1 in all.
  EXPECT_EQ(Padding::fixed(1000).amount(kMaxPlaintext), 0u);
  EXPECT_EQ(Padding::fixed(1000).amount(kMaxPlaintext - 10), 10u);
  EXPECT_EQ(Padding::to_multiple_of(4096).amount(kMaxPlaintext - 10), 9u);  // to 16384
  EXPECT_EQ(Padding::to_multiple_of(1000).amount(kMaxPlaintext - 1), 1u);   // 616 clamped to 1
  EXPECT_EQ(Padding::fixed(50).amount(60, 64), 3u);  // a record_size_limit of 64

  auto w = make(), r = make();
  for (Padding p : {Padding::fixed(0), Padding::fixed(1), Padding::fixed(300),
                    Padding::to_multiple_of(256), Padding::fixed(100000)}) {
    const Bytes content = hex("16 03 00");
    auto rec = w.seal(ContentType::handshake, content, p);
    ASSERT_TRUE(rec.ok());
    EXPECT_EQ(rec->size(), 5 + content.size() + 1 + p.amount(content.size()) + 16);
    auto out = r.open(*rec);
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(out->type, ContentType::handshake);
    EXPECT_EQ(out->content, content);
  }
  // The largest record: 2^14 bytes of content + type, padding clamped to nothing.
  const Bytes big(kMaxPlaintext, 0x33);
  auto rec = w.seal(ContentType::application_data, big, Padding::fixed(255));
  ASSERT_TRUE(rec.ok());
  EXPECT_EQ(rec->size(), 5 + kMaxInnerPlaintext + 16);
  EXPECT_EQ(r.open(*rec)->content, big);
}

TEST(RecordProtection, SealRefusesOversizedContent) {
  auto w = make();
  auto rec = w.seal(ContentType::application_data, Bytes(kMaxPlaintext + 1));
  ASSERT_FALSE(rec.ok());
  EXPECT_EQ(rec.error().alert, AlertDescription::internal_error);
  auto small = w.seal(ContentType::application_data, Bytes(64), Padding::none(), 64);
  ASSERT_FALSE(small.ok());  // 64 + 1 > a record_size_limit of 64
  EXPECT_EQ(w.sequence_number(), 0u);
}

// §5.4: the content type is the last non-zero byte; padding of any length is stripped.
TEST(RecordProtection, OpenStripsPaddingWrittenByAnyone) {
  auto r = make();
  Bytes inner = hex("68 65 6c 6c 6f 15");  // "hello", alert
  inner.resize(inner.size() + 1000, 0);
  auto out = r.open(raw_record(AeadAlg::aes_256_gcm, 0, inner));
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->type, ContentType::alert);
  EXPECT_EQ(out->content, hex("68 65 6c 6c 6f"));
}

// The masked word-wise scan of §5.4 agrees with the plain backward scan on every shape of
// padding (lengths around the 8-byte word size, zeros everywhere, non-zero bytes anywhere).
TEST(RecordProtection, FindContentTypeMatchesPlainScan) {
  std::mt19937_64 rng(54);
  // Lengths across several 32-byte blocks and every tail length.
  for (std::size_t len = 0; len < 140; ++len) {
    for (int round = 0; round < 40; ++round) {
      Bytes inner(len, 0);
      const std::size_t nonzeros = len == 0 ? 0 : rng() % 4;
      for (std::size_t k = 0; k < nonzeros; ++k)
        inner[rng() % len] = static_cast<std::uint8_t>(1 + rng() % 255);
      std::optional<std::size_t> expected;
      for (std::size_t i = len; i > 0; --i) {
        if (inner[i - 1] != 0) {
          expected = i - 1;
          break;
        }
      }
      const auto got = detail::find_content_type(inner);
      ASSERT_EQ(got.found, expected.has_value()) << len;
      if (expected) {
        EXPECT_EQ(got.index, *expected) << len;
      }
    }
  }
}

TEST(RecordProtection, OpenErrorsCarryTheirAlerts) {
  const AeadAlg alg = AeadAlg::aes_256_gcm;
  struct Case {
    const char* name;
    Bytes record;
    AlertDescription alert;
  };
  Bytes overflow_inner(kMaxInnerPlaintext + 1, 0);
  overflow_inner[0] = 0x17;
  Bytes ct_overflow = {23, 3, 3, 0x41, 0x01};  // 2^14 + 257
  ct_overflow.resize(5 + 0x4101, 0);
  Bytes wrong_type = raw_record(alg, 0, hex("01 17"));
  wrong_type[0] = 22;
  Bytes bad_length = raw_record(alg, 0, hex("01 17"));
  bad_length.pop_back();
  Bytes flipped = raw_record(alg, 0, hex("01 17"));
  flipped[7] ^= 1;
  Bytes header_flipped = raw_record(alg, 0, hex("01 17"));
  header_flipped[2] = 1;  // the header is the AAD: legacy_record_version 0x0301 fails the tag
  const Case cases[] = {
      {"all-zero inner plaintext", raw_record(alg, 0, Bytes(20, 0)),
       AlertDescription::unexpected_message},
      {"empty inner plaintext", raw_record(alg, 0, {}), AlertDescription::unexpected_message},
      {"inner plaintext 2^14 + 2", raw_record(alg, 0, overflow_inner),
       AlertDescription::record_overflow},
      {"ciphertext 2^14 + 257", ct_overflow, AlertDescription::record_overflow},
      {"protected change_cipher_spec", raw_record(alg, 0, hex("01 14")),
       AlertDescription::unexpected_message},
      {"unknown inner type", raw_record(alg, 0, hex("01 63 00")),
       AlertDescription::unexpected_message},
      {"outer type handshake", wrong_type, AlertDescription::unexpected_message},
      {"length mismatch", bad_length, AlertDescription::decode_error},
      {"short header", hex("17 03 03"), AlertDescription::decode_error},
      {"shorter than the tag", hex("17 03 03 00 03 01 02 03"), AlertDescription::bad_record_mac},
      {"flipped ciphertext bit", flipped, AlertDescription::bad_record_mac},
      {"flipped header (AAD)", header_flipped, AlertDescription::bad_record_mac},
      {"wrong sequence number", raw_record(alg, 1, hex("01 17")), AlertDescription::bad_record_mac},
  };
  for (const auto& c : cases) {
    auto r = make(alg);
    auto out = r.open(c.record);
    ASSERT_FALSE(out.ok()) << c.name;
    EXPECT_EQ(out.error().alert, c.alert) << c.name << ": " << out.error().to_string();
    EXPECT_FALSE(out.error().reason.empty());
  }
  // The largest legal inner plaintext (2^14 + 1) opens.
  Bytes max_inner(kMaxInnerPlaintext, 0);
  max_inner[kMaxPlaintext] = 0x17;
  auto r = make(alg);
  auto ok = r.open(raw_record(alg, 0, max_inner));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->content.size(), kMaxPlaintext);
}

// §5.3: "Sequence numbers MUST NOT wrap."
TEST(RecordProtection, SequenceNumberDoesNotWrap) {
  auto w = make(AeadAlg::chacha20_poly1305), r = make(AeadAlg::chacha20_poly1305);
  const std::uint64_t last = std::numeric_limits<std::uint64_t>::max();
  detail::set_sequence_number(w, last - 1);
  detail::set_sequence_number(r, last - 1);
  for (int i = 0; i < 2; ++i) {
    auto rec = w.seal(ContentType::application_data, hex("00 01"));
    ASSERT_TRUE(rec.ok()) << i;
    ASSERT_TRUE(r.open(*rec).ok()) << i;
  }
  auto wrapped = w.seal(ContentType::application_data, hex("00"));
  ASSERT_FALSE(wrapped.ok());
  EXPECT_EQ(wrapped.error().alert, AlertDescription::internal_error);
  EXPECT_EQ(wrapped.error().section, "RFC 8446 §5.3");
  auto opened = r.open(raw_record(AeadAlg::chacha20_poly1305, 0, hex("00 17")));
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().section, "RFC 8446 §5.3");
}

// §5.5: one table; AES-GCM asks for a KeyUpdate before 2^24.5 records and refuses at the limit.
TEST(RecordProtection, UsageLimits) {
  ASSERT_EQ(aead_usage_limits().size(), 3u);
  for (AeadAlg alg : kAlgs) {
    EXPECT_EQ(aead_usage_limit(alg).alg, alg);
    EXPECT_LT(aead_usage_limit(alg).update_at, aead_usage_limit(alg).max_records);
  }
  const auto& gcm = aead_usage_limit(AeadAlg::aes_128_gcm);
  EXPECT_EQ(gcm.max_records, 23726566u);  // floor(2^24.5)
  EXPECT_EQ(aead_usage_limit(AeadAlg::chacha20_poly1305).update_at, std::uint64_t{1} << 62);

  auto w = make(AeadAlg::aes_128_gcm);
  EXPECT_FALSE(w.key_update_needed());
  detail::set_sequence_number(w, gcm.update_at - 1);
  EXPECT_FALSE(w.key_update_needed());
  ASSERT_TRUE(w.seal(ContentType::application_data, hex("01")).ok());
  EXPECT_TRUE(w.key_update_needed());
  detail::set_sequence_number(w, gcm.max_records - 1);
  ASSERT_TRUE(w.seal(ContentType::application_data, hex("01")).ok());
  auto over = w.seal(ContentType::application_data, hex("01"));
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().section, "RFC 8446 §5.5");

  auto c = make(AeadAlg::chacha20_poly1305);
  detail::set_sequence_number(c, gcm.max_records);  // far below the ChaCha20-Poly1305 limits
  EXPECT_FALSE(c.key_update_needed());
  EXPECT_TRUE(c.seal(ContentType::application_data, hex("01")).ok());
}

TEST(RecordProtection, CreateChecksLengthsAndMoves) {
  auto bad_iv = RecordProtection::create(AeadAlg::aes_128_gcm, Bytes(16), Bytes(8));
  ASSERT_FALSE(bad_iv.ok());
  EXPECT_EQ(bad_iv.error().alert, AlertDescription::internal_error);
  auto bad_key = RecordProtection::create(AeadAlg::aes_128_gcm, Bytes(32), kIv);
  ASSERT_FALSE(bad_key.ok());
  EXPECT_EQ(bad_key.error().alert, AlertDescription::internal_error);
  // A moved protection keeps its key, IV and sequence number.
  auto w = make(), r = make();
  ASSERT_TRUE(w.seal(ContentType::alert, hex("01 00")).ok());
  RecordProtection moved = std::move(w);
  EXPECT_EQ(moved.sequence_number(), 1u);
  auto rec = moved.seal(ContentType::alert, hex("01 00"));
  ASSERT_TRUE(rec.ok());
  EXPECT_EQ(*rec, raw_record(AeadAlg::aes_256_gcm, 1, hex("01 00 15")));
}

// Every implementation of the AEAD gives the same records (cross-implementation, §5.2).
TEST(RecordProtection, EveryImplementationAgrees) {
  for (AeadAlg alg : kAlgs) {
    const Bytes expected = raw_record(alg, 0, hex("41 42 43 17 00 00"));
    for (const auto& impl : crypto::aead_implementations(alg)) {
      if (!impl.available()) continue;
      auto w = RecordProtection::create(alg, key_for(alg), kIv, impl);
      ASSERT_TRUE(w.ok());
      auto rec = w->seal(ContentType::application_data, hex("41 42 43"), Padding::fixed(2));
      ASSERT_TRUE(rec.ok());
      EXPECT_EQ(*rec, expected) << impl.name;
    }
  }
}

// Random mutation of sealed records: never a crash, never accepted, always bad_record_mac or a
// length error (decode_error / record_overflow) or, for a mutated header type, unexpected_message.
TEST(RecordProtection, RandomMutationIsAlwaysRejected) {
  std::mt19937_64 rng(8446);
  auto w = make(AeadAlg::aes_128_gcm);
  for (int i = 0; i < 400; ++i) {
    const Bytes content = test::random_bytes(rng, rng() % 300);
    auto rec = w.seal(ContentType::application_data, content, Padding::fixed(rng() % 20));
    ASSERT_TRUE(rec.ok());
    Bytes m = *rec;
    const int flips = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < flips; ++f)
      m[rng() % m.size()] ^= static_cast<std::uint8_t>(1 + rng() % 255);
    if (rng() % 4 == 0) m.resize(rng() % (m.size() + 1));  // truncated as well
    auto r = make(AeadAlg::aes_128_gcm);
    detail::set_sequence_number(r, w.sequence_number() - 1);
    auto out = r.open(m);
    if (m == *rec) continue;  // flips that cancelled out
    ASSERT_FALSE(out.ok()) << i;
    const auto a = out.error().alert;
    EXPECT_TRUE(a == AlertDescription::bad_record_mac || a == AlertDescription::decode_error ||
                a == AlertDescription::record_overflow || a == AlertDescription::unexpected_message)
        << out.error().to_string();
    if (a == AlertDescription::unexpected_message) {
      EXPECT_TRUE(!m.empty() && m[0] != 23);  // only from a mutated header type
    }
  }
}

// ---- RecordReader -----------------------------------------------------------------------------

std::vector<Record> read_all(RecordReader& reader, ByteView stream, std::size_t chunk) {
  std::vector<Record> out;
  for (std::size_t at = 0; at < stream.size();) {
    const std::size_t n = std::min(chunk, stream.size() - at);
    const std::size_t taken = reader.feed(stream.subspan(at, n));
    at += taken;
    for (int guard = 0; guard < 100000; ++guard) {
      auto rec = reader.next();
      EXPECT_TRUE(rec.ok());
      if (!rec.ok() || !rec->has_value()) break;
      out.push_back(std::move(**rec));
    }
    if (taken == 0) ADD_FAILURE() << "reader took nothing after draining";
    if (taken == 0) break;
  }
  return out;
}

TEST(RecordReader, SplitsAStreamInAnyChunking) {
  Bytes stream = write_plaintext_records(ContentType::handshake, Bytes(40000, 0x11));
  const Bytes alert = write_plaintext_records(ContentType::alert, hex("02 28"));
  stream.insert(stream.end(), alert.begin(), alert.end());
  auto w = make();
  auto app = w.seal(ContentType::application_data, Bytes(kMaxPlaintext, 5), Padding::fixed(200));
  ASSERT_TRUE(app.ok());
  stream.insert(stream.end(), app->begin(), app->end());
  for (std::size_t chunk :
       {std::size_t{1}, std::size_t{7}, std::size_t{4096}, std::size_t{100000}}) {
    RecordReader reader;
    auto recs = read_all(reader, stream, chunk);
    ASSERT_EQ(recs.size(), 5u) << chunk;  // 16384 + 16384 + 7232, the alert, the ciphertext
    EXPECT_EQ(recs[0].fragment().size(), kMaxPlaintext);
    EXPECT_EQ(recs[2].fragment().size(), 40000 - 2 * kMaxPlaintext);
    EXPECT_EQ(recs[3].type, ContentType::alert);
    EXPECT_EQ(recs[4].type, ContentType::application_data);
    EXPECT_EQ(recs[4].bytes, *app);
    EXPECT_EQ(reader.buffered(), 0u);
  }
}

TEST(RecordReader, BuffersAtMostOneRecord) {
  RecordReader reader;
  const Bytes lots(3 * RecordReader::kCapacity, 0);
  EXPECT_EQ(reader.feed(lots), RecordReader::kCapacity);
  EXPECT_EQ(reader.feed(lots), 0u);
  EXPECT_EQ(reader.buffered(), RecordReader::kCapacity);
}

Result<std::optional<Record>, TlsError> feed_one(RecordReader& reader, const Bytes& bytes) {
  EXPECT_EQ(reader.feed(bytes), bytes.size());
  return reader.next();
}

TEST(RecordReader, LengthAndTypeErrors) {
  struct Case {
    const char* name;
    Bytes header;
    AlertDescription alert;
  };
  const Case cases[] = {
      {"plaintext 2^14 + 1", hex("16 03 03 40 01"), AlertDescription::record_overflow},
      {"alert 2^14 + 1", hex("15 03 03 40 01"), AlertDescription::record_overflow},
      {"ciphertext 2^14 + 257", hex("17 03 03 41 01"), AlertDescription::record_overflow},
      {"type 0", hex("00 03 03 00 01"), AlertDescription::unexpected_message},
      {"type 24 (heartbeat)", hex("18 03 03 00 01"), AlertDescription::unexpected_message},
      {"type 255", hex("ff 03 03 00 01"), AlertDescription::unexpected_message},
  };
  for (const auto& c : cases) {
    RecordReader reader;
    auto rec = feed_one(reader, c.header);  // the header alone is enough to refuse
    ASSERT_FALSE(rec.ok()) << c.name;
    EXPECT_EQ(rec.error().alert, c.alert) << c.name;
    auto again = reader.next();  // the reader stays failed
    ASSERT_FALSE(again.ok());
  }
  // The limits themselves are accepted (legacy_record_version ignored, §5.1).
  RecordReader reader;
  Bytes max_plain = hex("16 99 99 40 00");
  max_plain.resize(5 + kMaxPlaintext, 1);
  auto rec = feed_one(reader, max_plain);
  ASSERT_TRUE(rec.ok());
  ASSERT_TRUE(rec->has_value());
  EXPECT_EQ((*rec)->fragment().size(), kMaxPlaintext);
  Bytes max_ct = hex("17 03 03 41 00");
  max_ct.resize(5 + kMaxCiphertext, 1);
  rec = feed_one(reader, max_ct);
  ASSERT_TRUE(rec.ok());
  ASSERT_TRUE(rec->has_value());
}

TEST(RecordReader, ChangeCipherSpecRules) {
  struct Case {
    const char* name;
    Bytes record;
    bool in_handshake;
    bool dropped;
  };
  const Case cases[] = {
      {"0x01 during the handshake", hex("14 03 03 00 01 01"), true, true},
      {"0x01 before or after the handshake", hex("14 03 03 00 01 01"), false, false},
      {"value 0x02", hex("14 03 03 00 01 02"), true, false},
      {"value 0x00", hex("14 03 03 00 01 00"), true, false},
      {"two bytes", hex("14 03 03 00 02 01 01"), true, false},
      {"empty", hex("14 03 03 00 00"), true, false},
  };
  for (const auto& c : cases) {
    RecordReader reader;
    reader.set_handshake_in_progress(c.in_handshake);
    auto rec = feed_one(reader, c.record);
    if (c.dropped) {
      ASSERT_TRUE(rec.ok()) << c.name;
      EXPECT_FALSE(rec->has_value()) << c.name;
      EXPECT_EQ(reader.change_cipher_specs_dropped(), 1u);
    } else {
      ASSERT_FALSE(rec.ok()) << c.name;
      EXPECT_EQ(rec.error().alert, AlertDescription::unexpected_message) << c.name;
      EXPECT_EQ(rec.error().section, "RFC 8446 §5") << c.name;
    }
  }
  // A CCS between two handshake records is skipped; the next record comes out.
  RecordReader reader;
  reader.set_handshake_in_progress(true);
  Bytes stream = hex("14 03 03 00 01 01");
  const Bytes hs = write_plaintext_records(ContentType::handshake, hex("14 00 00 00"));
  stream.insert(stream.end(), hs.begin(), hs.end());
  auto rec = feed_one(reader, stream);
  ASSERT_TRUE(rec.ok());
  ASSERT_TRUE(rec->has_value());
  EXPECT_EQ((*rec)->type, ContentType::handshake);
}

TEST(RecordReader, EmptyRecordFloodIsBounded) {
  Limits limits;
  limits.max_empty_records = 3;
  RecordReader reader(limits);
  reader.set_handshake_in_progress(true);
  Bytes stream;
  for (int i = 0; i < 4; ++i) {
    const Bytes ccs = hex("14 03 03 00 01 01");
    stream.insert(stream.end(), ccs.begin(), ccs.end());
  }
  auto rec = feed_one(reader, stream);
  ASSERT_FALSE(rec.ok());
  EXPECT_EQ(rec.error().alert, AlertDescription::unexpected_message);
  EXPECT_EQ(reader.change_cipher_specs_dropped(), 3u);
  // Three empty records and then content: fine.
  RecordReader ok_reader(limits);
  Bytes s2 = hex("17 03 03 00 00 17 03 03 00 00 17 03 03 00 00 16 03 03 00 01 01");
  auto r1 = feed_one(ok_reader, s2);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(r1.ok());
    ASSERT_TRUE(r1->has_value());
    r1 = ok_reader.next();
  }
  ASSERT_TRUE(r1.ok());
  ASSERT_TRUE(r1->has_value());
  EXPECT_EQ((*r1)->type, ContentType::handshake);
}

// §6.1: EOF without close_notify is a truncation the caller can tell from a clean close.
TEST(RecordReader, EndOfStream) {
  RecordReader reader;
  EXPECT_EQ(reader.end_of_stream(), StreamEnd::truncated);
  EXPECT_EQ(reader.feed(hex("17 03 03 00 10 01 02")), 7u);
  ASSERT_TRUE(reader.next().ok());
  EXPECT_EQ(reader.end_of_stream(), StreamEnd::truncated_mid_record);
  reader.set_close_notify_received();
  EXPECT_EQ(reader.end_of_stream(), StreamEnd::truncated_mid_record);  // still a partial record
  const TlsError e = reader.truncation_error();
  EXPECT_EQ(e.section, "RFC 8446 §6.1");
  EXPECT_NE(e.reason.find("7 bytes"), std::string::npos) << e.reason;
  RecordReader clean;
  clean.set_close_notify_received();
  EXPECT_EQ(clean.end_of_stream(), StreamEnd::clean_close);
  EXPECT_NE(to_string(StreamEnd::truncated), to_string(StreamEnd::clean_close));
}

// ---- Writers ----------------------------------------------------------------------------------

TEST(RecordWriter, PlaintextFragmentation) {
  EXPECT_TRUE(write_plaintext_records(ContentType::handshake, {}).empty());
  // §5.1: an initial ClientHello may carry legacy_record_version 0x0301.
  EXPECT_EQ(
      write_plaintext_records(ContentType::handshake, hex("01 00 00 00"), kMaxPlaintext, 0x0301),
      hex("16 03 01 00 04 01 00 00 00"));
  EXPECT_EQ(write_plaintext_records(ContentType::handshake, hex("01 02 03"), 2),
            hex("16 03 03 00 02 01 02 16 03 03 00 01 03"));
  // A max_fragment above 2^14 is clamped to 2^14.
  const Bytes out =
      write_plaintext_records(ContentType::application_data, Bytes(kMaxPlaintext + 1, 9), 100000);
  EXPECT_EQ(out.size(), 2 * 5 + kMaxPlaintext + 1);
  EXPECT_EQ(hex_encode(ByteView(out).first(5)), "1703034000");
}

TEST(RecordWriter, SealedFragmentationWithRecordSizeLimit) {
  EXPECT_EQ(max_fragment_for_record_size_limit(64), 63u);
  EXPECT_EQ(max_fragment_for_record_size_limit(16385), kMaxPlaintext);
  EXPECT_EQ(max_fragment_for_record_size_limit(65535), kMaxPlaintext);

  std::mt19937_64 rng(5);
  const Bytes data = test::random_bytes(rng, 1000);
  for (std::size_t limit : {std::size_t{64}, std::size_t{513}, std::size_t{16385}}) {
    const std::size_t frag = max_fragment_for_record_size_limit(static_cast<std::uint16_t>(limit));
    auto w = make(), r = make();
    auto out =
        seal_records(w, ContentType::application_data, data, frag, Padding::to_multiple_of(128));
    ASSERT_TRUE(out.ok());
    RecordReader reader;
    auto recs = read_all(reader, *out, 1 << 20);
    EXPECT_EQ(recs.size(), (data.size() + frag - 1) / frag);
    Bytes joined;
    for (const auto& rec : recs) {
      // RFC 8449 §4: the inner plaintext (content, type, padding) stays within the limit.
      EXPECT_LE(rec.fragment().size() - 16, limit);
      auto o = r.open(rec.bytes);
      ASSERT_TRUE(o.ok());
      joined.insert(joined.end(), o->content.begin(), o->content.end());
    }
    EXPECT_EQ(joined, data);
  }
  auto w = make();
  auto empty_app = seal_records(w, ContentType::application_data, {});
  ASSERT_TRUE(empty_app.ok());
  EXPECT_EQ(empty_app->size(), 5u + 1 + 16);
  auto empty_hs = seal_records(w, ContentType::handshake, {});
  ASSERT_TRUE(empty_hs.ok());
  EXPECT_TRUE(empty_hs->empty());
}

}  // namespace
}  // namespace glasstls::tls
