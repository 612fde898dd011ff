// RFC 8448 §3 ("Simple 1-RTT Handshake", TLS_AES_128_GCM_SHA256): every protected record of the
// trace, sealed from its printed payload and opened from its printed bytes, byte for byte, with
// the traffic keys and IVs the trace prints; likewise every record of §5 (HelloRetryRequest), and
// §7's ChangeCipherSpec. The values are typed in from RFC 8448; the test reads no file. The records
// the handshake replay also uses come from rfc8448_vectors.hpp.
#include <gtest/gtest.h>

#include "glasstls/tls/record.hpp"
#include "rfc8448_vectors.hpp"
#include "support/test_support.hpp"

namespace glasstls::tls {
namespace {

using crypto::AeadAlg;
using test::hex;

// RFC 8448 §3: "{server} derive write traffic keys for handshake data", key.
const Bytes kServerHsKey = hex("3f ce 51 60 09 c2 17 27 d0 f2 e4 e8 6e e4 03 bc");
// RFC 8448 §3: same block, iv.
const Bytes kServerHsIv = hex("5d 31 3e b2 67 12 76 ee 13 00 0b 30");
// RFC 8448 §3: "{server} derive read traffic keys for handshake data", key.
const Bytes kClientHsKey = hex("db fa a6 93 d1 76 2c 5b 66 6a f5 d9 50 25 8d 01");
// RFC 8448 §3: same block, iv.
const Bytes kClientHsIv = hex("5b d3 c7 1b 83 6e 0b 76 bb 73 26 5f");
// RFC 8448 §3: "{server} derive write traffic keys for application data", key.
const Bytes kServerApKey = hex("9f 02 28 3b 6c 9c 07 ef c2 6b b9 f2 ac 92 e3 56");
// RFC 8448 §3: same block, iv.
const Bytes kServerApIv = hex("cf 78 2b 88 dd 83 54 9a ad f1 e9 84");
// RFC 8448 §3: "{client} derive write traffic keys for application data", key.
const Bytes kClientApKey = hex("17 42 2d da 59 6e d5 d9 ac d8 90 e3 c6 3f 50 51");
// RFC 8448 §3: same block, iv.
const Bytes kClientApIv = hex("5b 78 92 3d ee 08 57 90 33 e5 23 d9");
// RFC 8448 §3: "{server} send handshake record", payload (657 octets).
const Bytes kServerHsPayload =
    hex("08 00 00 24 00 22 00 0a 00 14 00 12 00 1d 00 17 00 18 00 19 01 00 01 01"
        "01 02 01 03 01 04 00 1c 00 02 40 01 00 00 00 00 0b 00 01 b9 00 00 01 b5"
        "00 01 b0 30 82 01 ac 30 82 01 15 a0 03 02 01 02 02 01 02 30 0d 06 09 2a"
        "86 48 86 f7 0d 01 01 0b 05 00 30 0e 31 0c 30 0a 06 03 55 04 03 13 03 72"
        "73 61 30 1e 17 0d 31 36 30 37 33 30 30 31 32 33 35 39 5a 17 0d 32 36 30"
        "37 33 30 30 31 32 33 35 39 5a 30 0e 31 0c 30 0a 06 03 55 04 03 13 03 72"
        "73 61 30 81 9f 30 0d 06 09 2a 86 48 86 f7 0d 01 01 01 05 00 03 81 8d 00"
        "30 81 89 02 81 81 00 b4 bb 49 8f 82 79 30 3d 98 08 36 39 9b 36 c6 98 8c"
        "0c 68 de 55 e1 bd b8 26 d3 90 1a 24 61 ea fd 2d e4 9a 91 d0 15 ab bc 9a"
        "95 13 7a ce 6c 1a f1 9e aa 6a f9 8c 7c ed 43 12 09 98 e1 87 a8 0e e0 cc"
        "b0 52 4b 1b 01 8c 3e 0b 63 26 4d 44 9a 6d 38 e2 2a 5f da 43 08 46 74 80"
        "30 53 0e f0 46 1c 8c a9 d9 ef bf ae 8e a6 d1 d0 3e 2b d1 93 ef f0 ab 9a"
        "80 02 c4 74 28 a6 d3 5a 8d 88 d7 9f 7f 1e 3f 02 03 01 00 01 a3 1a 30 18"
        "30 09 06 03 55 1d 13 04 02 30 00 30 0b 06 03 55 1d 0f 04 04 03 02 05 a0"
        "30 0d 06 09 2a 86 48 86 f7 0d 01 01 0b 05 00 03 81 81 00 85 aa d2 a0 e5"
        "b9 27 6b 90 8c 65 f7 3a 72 67 17 06 18 a5 4c 5f 8a 7b 33 7d 2d f7 a5 94"
        "36 54 17 f2 ea e8 f8 a5 8c 8f 81 72 f9 31 9c f3 6b 7f d6 c5 5b 80 f2 1a"
        "03 01 51 56 72 60 96 fd 33 5e 5e 67 f2 db f1 02 70 2e 60 8c ca e6 be c1"
        "fc 63 a4 2a 99 be 5c 3e b7 10 7c 3c 54 e9 b9 eb 2b d5 20 3b 1c 3b 84 e0"
        "a8 b2 f7 59 40 9b a3 ea c9 d9 1d 40 2d cc 0c c8 f8 96 12 29 ac 91 87 b4"
        "2b 4d e1 00 00 0f 00 00 84 08 04 00 80 5a 74 7c 5d 88 fa 9b d2 e5 5a b0"
        "85 a6 10 15 b7 21 1f 82 4c d4 84 14 5a b3 ff 52 f1 fd a8 47 7b 0b 7a bc"
        "90 db 78 e2 d3 3a 5c 14 1a 07 86 53 fa 6b ef 78 0c 5e a2 48 ee aa a7 85"
        "c4 f3 94 ca b6 d3 0b be 8d 48 59 ee 51 1f 60 29 57 b1 54 11 ac 02 76 71"
        "45 9e 46 44 5c 9e a5 8c 18 1e 81 8e 95 b8 c3 fb 0b f3 27 84 09 d3 be 15"
        "2a 3d a5 04 3e 06 3d da 65 cd f5 ae a2 0d 53 df ac d4 2f 74 f3 14 00 00"
        "20 9b 9b 14 1d 90 63 37 fb d2 cb dc e7 1d f4 de da 4a b4 2c 30 95 72 cb"
        "7f ff ee 54 54 b7 8f 07 18");
// RFC 8448 §3: same, complete record (679 octets).
const Bytes& kServerHsRecord = rfc8448::s3::kServerFlightRecord;
// RFC 8448 §3: "{client} send handshake record", payload (36 octets).
const Bytes kClientFinishedPayload =
    hex("14 00 00 20 a8 ec 43 6d 67 76 34 ae 52 5a c1 fc eb e1 1a 03 9e c1 76 94"
        "fa c6 e9 85 27 b6 42 f2 ed d5 ce 61");
// RFC 8448 §3: same, complete record (58 octets).
const Bytes& kClientFinishedRecord = rfc8448::s3::kClientFinishedRecord;
// RFC 8448 §3: "{server} send handshake record" (NewSessionTicket), payload (205 octets).
const Bytes kTicketPayload =
    hex("04 00 00 c9 00 00 00 1e fa d6 aa c5 02 00 00 00 b2 2c 03 5d 82 93 59 ee"
        "5f f7 af 4e c9 00 00 00 00 26 2a 64 94 dc 48 6d 2c 8a 34 cb 33 fa 90 bf"
        "1b 00 70 ad 3c 49 88 83 c9 36 7c 09 a2 be 78 5a bc 55 cd 22 60 97 a3 a9"
        "82 11 72 83 f8 2a 03 a1 43 ef d3 ff 5d d3 6d 64 e8 61 be 7f d6 1d 28 27"
        "db 27 9c ce 14 50 77 d4 54 a3 66 4d 4e 6d a4 d2 9e e0 37 25 a6 a4 da fc"
        "d0 fc 67 d2 ae a7 05 29 51 3e 3d a2 67 7f a5 90 6c 5b 3f 7d 8f 92 f2 28"
        "bd a4 0d da 72 14 70 f9 fb f2 97 b5 ae a6 17 64 6f ac 5c 03 27 2e 97 07"
        "27 c6 21 a7 91 41 ef 5f 7d e6 50 5e 5b fb c3 88 e9 33 43 69 40 93 93 4a"
        "e4 d3 57 00 08 00 2a 00 04 00 00 04 00");
// RFC 8448 §3: same, complete record (227 octets).
const Bytes kTicketRecord =
    hex("17 03 03 00 de 3a 6b 8f 90 41 4a 97 d6 95 9c 34 87 68 0d e5 13 4a 2b 24"
        "0e 6c ff ac 11 6e 95 d4 1d 6a f8 f6 b5 80 dc f3 d1 1d 63 c7 58 db 28 9a"
        "01 59 40 25 2f 55 71 3e 06 1d c1 3e 07 88 91 a3 8e fb cf 57 53 ad 8e f1"
        "70 ad 3c 73 53 d1 6d 9d a7 73 b9 ca 7f 2b 9f a1 b6 c0 d4 a3 d0 3f 75 e0"
        "9c 30 ba 1e 62 97 2a c4 6f 75 f7 b9 81 be 63 43 9b 29 99 ce 13 06 46 15"
        "13 98 91 d5 e4 c5 b4 06 f1 6e 3f c1 81 a7 7c a4 75 84 00 25 db 2f 0a 77"
        "f8 1b 5a b0 5b 94 c0 13 46 75 5f 69 23 2c 86 51 9d 86 cb ee ac 87 aa c3"
        "47 d1 43 f9 60 5d 64 f6 50 db 4d 02 3e 70 e9 52 ca 49 fe 51 37 12 1c 74"
        "bc 26 97 68 7e 24 87 46 d6 df 35 30 05 f3 bc e1 86 96 12 9c 81 53 55 6b"
        "3b 6c 67 79 b3 7b f1 59 85 68 4f");
// RFC 8448 §3: "{client}/{server} send application_data record", payload (50 octets).
const Bytes kAppPayload =
    hex("00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13 14 15 16 17"
        "18 19 1a 1b 1c 1d 1e 1f 20 21 22 23 24 25 26 27 28 29 2a 2b 2c 2d 2e 2f"
        "30 31");
// RFC 8448 §3: "{client} send application_data record", complete record (72 octets).
const Bytes kClientAppRecord =
    hex("17 03 03 00 43 a2 3f 70 54 b6 2c 94 d0 af fa fe 82 28 ba 55 cb ef ac ea"
        "42 f9 14 aa 66 bc ab 3f 2b 98 19 a8 a5 b4 6b 39 5b d5 4a 9a 20 44 1e 2b"
        "62 97 4e 1f 5a 62 92 a2 97 70 14 bd 1e 3d ea e6 3a ee bb 21 69 49 15 e4");
// RFC 8448 §3: "{server} send application_data record", complete record (72 octets).
const Bytes kServerAppRecord =
    hex("17 03 03 00 43 2e 93 7e 11 ef 4a c7 40 e5 38 ad 36 00 5f c4 a4 69 32 fc"
        "32 25 d0 5f 82 aa 1b 36 e3 0e fa f9 7d 90 e6 df fc 60 2d cb 50 1a 59 a8"
        "fc c4 9c 4b f2 e5 f0 a2 1c 00 47 c2 ab f3 32 54 0d d0 32 e1 67 c2 95 5d");
// RFC 8448 §3: "{client} send alert record" (payload 01 00), complete record (24 octets).
const Bytes kClientAlertRecord =
    hex("17 03 03 00 13 c9 87 27 60 65 56 66 b7 4d 7f f1 15 3e fd 6d b6 d0 b0 e3");
// RFC 8448 §3: "{server} send alert record" (payload 01 00), complete record (24 octets).
const Bytes kServerAlertRecord =
    hex("17 03 03 00 13 b5 8f d6 71 66 eb f5 99 d2 47 20 cf be 7e fa 7a 88 64 a9");

RecordProtection make(const Bytes& key, const Bytes& iv) {
  auto p = RecordProtection::create(AeadAlg::aes_128_gcm, key, iv);
  EXPECT_TRUE(p.ok());
  return std::move(p).value();
}

// Seals `payload` as the next record under `writer` and opens the printed record under `reader`
// (a fresh pair per direction, so both use the same sequence number).
void check_record(RecordProtection& writer, RecordProtection& reader, ContentType type,
                  const Bytes& payload, const Bytes& record) {
  const std::uint64_t seq = writer.sequence_number();
  auto sealed = writer.seal(type, payload);
  ASSERT_TRUE(sealed.ok()) << sealed.error().to_string();
  EXPECT_EQ(hex_encode(*sealed), hex_encode(record)) << "sequence number " << seq;
  auto opened = reader.open(record);
  ASSERT_TRUE(opened.ok()) << opened.error().to_string();
  EXPECT_EQ(opened->type, type);
  EXPECT_EQ(hex_encode(opened->content), hex_encode(payload));
  EXPECT_EQ(writer.sequence_number(), seq + 1);
  EXPECT_EQ(reader.sequence_number(), seq + 1);
}

// RFC 8448 §3: "{server} send handshake record" — EncryptedExtensions, Certificate,
// CertificateVerify and Finished in one 679-octet record, sequence number 0 of the server's
// handshake key.
TEST(RecordRfc8448, ServerEncryptedHandshakeRecord) {
  auto w = make(kServerHsKey, kServerHsIv), r = make(kServerHsKey, kServerHsIv);
  ASSERT_EQ(kServerHsPayload.size(), 657u);
  ASSERT_EQ(kServerHsRecord.size(), 679u);
  check_record(w, r, ContentType::handshake, kServerHsPayload, kServerHsRecord);
}

// RFC 8448 §3: "{client} send handshake record" — the client's Finished, sequence number 0 of
// the client's handshake key.
TEST(RecordRfc8448, ClientFinishedRecord) {
  auto w = make(kClientHsKey, kClientHsIv), r = make(kClientHsKey, kClientHsIv);
  check_record(w, r, ContentType::handshake, kClientFinishedPayload, kClientFinishedRecord);
}

// RFC 8448 §3, server application traffic key: NewSessionTicket (sequence number 0), the 50-byte
// application data record (1) and close_notify (2).
TEST(RecordRfc8448, ServerApplicationRecords) {
  auto w = make(kServerApKey, kServerApIv), r = make(kServerApKey, kServerApIv);
  check_record(w, r, ContentType::handshake, kTicketPayload, kTicketRecord);
  check_record(w, r, ContentType::application_data, kAppPayload, kServerAppRecord);
  check_record(w, r, ContentType::alert, hex("01 00"), kServerAlertRecord);  // close_notify
  EXPECT_EQ(w.records(), 3u);
}

// RFC 8448 §3, client application traffic key: application data (0) and close_notify (1).
TEST(RecordRfc8448, ClientApplicationRecords) {
  auto w = make(kClientApKey, kClientApIv), r = make(kClientApKey, kClientApIv);
  check_record(w, r, ContentType::application_data, kAppPayload, kClientAppRecord);
  check_record(w, r, ContentType::alert, hex("01 00"), kClientAlertRecord);  // close_notify
}

// The records of RFC 8448 §3 are each bound to their sequence number: opened out of order, or
// under the other direction's key, they fail with bad_record_mac (§5.2, §5.3).
TEST(RecordRfc8448, WrongSequenceOrKeyIsBadRecordMac) {
  auto r = make(kServerApKey, kServerApIv);
  auto out_of_order = r.open(kServerAppRecord);  // sequence number 1 opened as 0
  ASSERT_FALSE(out_of_order.ok());
  EXPECT_EQ(out_of_order.error().alert, AlertDescription::bad_record_mac);
  EXPECT_EQ(r.sequence_number(), 0u);
  auto c = make(kClientApKey, kClientApIv);
  auto wrong_key = c.open(kServerAppRecord);
  ASSERT_FALSE(wrong_key.ok());
  EXPECT_EQ(wrong_key.error().alert, AlertDescription::bad_record_mac);
}

// The records come off the wire through the RecordReader too: the client's whole receive side
// of RFC 8448 §3 after ServerHello, fed one byte at a time.
TEST(RecordRfc8448, ReaderSplitsTheServerFlightByteByByte) {
  Bytes stream = kServerHsRecord;
  stream.insert(stream.end(), kTicketRecord.begin(), kTicketRecord.end());
  stream.insert(stream.end(), kServerAppRecord.begin(), kServerAppRecord.end());
  stream.insert(stream.end(), kServerAlertRecord.begin(), kServerAlertRecord.end());
  RecordReader reader;
  reader.set_handshake_in_progress(true);
  std::vector<Record> records;
  for (std::uint8_t b : stream) {
    ASSERT_EQ(reader.feed(ByteView(&b, 1)), 1u);
    auto rec = reader.next();
    ASSERT_TRUE(rec.ok());
    if (rec->has_value()) records.push_back(std::move(**rec));
  }
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[0].bytes, kServerHsRecord);
  EXPECT_EQ(records[3].bytes, kServerAlertRecord);
  auto hs = make(kServerHsKey, kServerHsIv), ap = make(kServerApKey, kServerApIv);
  EXPECT_EQ(hs.open(records[0].bytes)->content, kServerHsPayload);
  EXPECT_EQ(ap.open(records[1].bytes)->content, kTicketPayload);
  EXPECT_EQ(ap.open(records[2].bytes)->content, kAppPayload);
  auto alert = ap.open(records[3].bytes);
  ASSERT_TRUE(alert.ok());
  EXPECT_EQ(alert->type, ContentType::alert);
  EXPECT_EQ(reader.end_of_stream(), StreamEnd::truncated);
  reader.set_close_notify_received();
  EXPECT_EQ(reader.end_of_stream(), StreamEnd::clean_close);
}

// RFC 8448 §7 (compatibility mode): "{server} send change_cipher_spec record", complete record
// (6 octets) 14 03 03 00 01 01 — dropped by the reader during the handshake.
TEST(RecordRfc8448, CompatibilityModeChangeCipherSpecIsDropped) {
  const Bytes ccs = hex("14 03 03 00 01 01");
  EXPECT_EQ(write_plaintext_records(ContentType::change_cipher_spec, hex("01")), ccs);
  RecordReader reader;
  reader.set_handshake_in_progress(true);
  ASSERT_EQ(reader.feed(ccs), ccs.size());
  auto rec = reader.next();
  ASSERT_TRUE(rec.ok());
  EXPECT_FALSE(rec->has_value());
  EXPECT_EQ(reader.change_cipher_specs_dropped(), 1u);
  EXPECT_EQ(reader.buffered(), 0u);
}

// ---- RFC 8448 §5 (HelloRetryRequest, TLS_AES_128_GCM_SHA256) ----------------------------------

// RFC 8448 §5: "{server} derive write traffic keys for handshake data", key.
const Bytes kHrrServerHsKey = hex("46 46 bf ac 17 12 c4 26 cd 78 d8 a2 4a 8a 6f 6b");
// RFC 8448 §5: same block, iv.
const Bytes kHrrServerHsIv = hex("c7 d3 95 c0 8d 62 f2 97 d1 37 68 ea");
// RFC 8448 §5: "{server} derive read traffic keys for handshake data", key.
const Bytes kHrrClientHsKey = hex("2f 1f 91 86 63 d5 90 e7 42 11 49 a2 9d 94 b0 b6");
// RFC 8448 §5: same block, iv.
const Bytes kHrrClientHsIv = hex("41 4d 54 85 23 5e 1a 68 87 93 bd 74");
// RFC 8448 §5: "{server} derive write traffic keys for application data", key.
const Bytes kHrrServerApKey = hex("f2 7a 5d 97 bd 25 55 0c 48 23 b0 f3 e5 d2 93 88");
// RFC 8448 §5: same block, iv.
const Bytes kHrrServerApIv = hex("0d d6 31 f7 b7 1c bb c7 97 c3 5f e7");
// RFC 8448 §5: "{client} derive write traffic keys for application data", key.
const Bytes kHrrClientApKey = hex("a7 eb 2a 05 25 eb 43 31 d5 8f cb f9 f7 ca 2e 9c");
// RFC 8448 §5: same block, iv.
const Bytes kHrrClientApIv = hex("86 e8 be 22 7c 1b d2 b3 e3 9c b4 44");
// RFC 8448 §5: "{client} send handshake record" (ClientHello 1), payload (180 octets).
const Bytes& kHrrClientHello1 = rfc8448::s5::kClientHello1;
// RFC 8448 §5: same, complete record (185 octets).
const Bytes& kHrrClientHello1Record = rfc8448::s5::kClientHello1Record;
// RFC 8448 §5: "{server} send handshake record" (HelloRetryRequest), payload (176 octets).
const Bytes& kHrrRetryRequest = rfc8448::s5::kHelloRetryRequest;
// RFC 8448 §5: same, complete record (181 octets).
const Bytes& kHrrRetryRequestRecord = rfc8448::s5::kHelloRetryRequestRecord;
// RFC 8448 §5: "{client} send handshake record" (ClientHello 2), payload (512 octets).
const Bytes& kHrrClientHello2 = rfc8448::s5::kClientHello2;
// RFC 8448 §5: same, complete record (517 octets).
const Bytes& kHrrClientHello2Record = rfc8448::s5::kClientHello2Record;
// RFC 8448 §5: "{server} send handshake record" (ServerHello), payload (123 octets).
const Bytes& kHrrServerHello = rfc8448::s5::kServerHello;
// RFC 8448 §5: same, complete record (128 octets).
const Bytes& kHrrServerHelloRecord = rfc8448::s5::kServerHelloRecord;
// RFC 8448 §5: "{server} send handshake record" (EncryptedExtensions..Finished), payload (645
// octets).
const Bytes kHrrServerHsPayload =
    hex("08 00 00 18 00 16 00 0a 00 08 00 06 00 17 00 18 00 1d 00 1c 00 02 40 01"
        "00 00 00 00 0b 00 01 b9 00 00 01 b5 00 01 b0 30 82 01 ac 30 82 01 15 a0"
        "03 02 01 02 02 01 02 30 0d 06 09 2a 86 48 86 f7 0d 01 01 0b 05 00 30 0e"
        "31 0c 30 0a 06 03 55 04 03 13 03 72 73 61 30 1e 17 0d 31 36 30 37 33 30"
        "30 31 32 33 35 39 5a 17 0d 32 36 30 37 33 30 30 31 32 33 35 39 5a 30 0e"
        "31 0c 30 0a 06 03 55 04 03 13 03 72 73 61 30 81 9f 30 0d 06 09 2a 86 48"
        "86 f7 0d 01 01 01 05 00 03 81 8d 00 30 81 89 02 81 81 00 b4 bb 49 8f 82"
        "79 30 3d 98 08 36 39 9b 36 c6 98 8c 0c 68 de 55 e1 bd b8 26 d3 90 1a 24"
        "61 ea fd 2d e4 9a 91 d0 15 ab bc 9a 95 13 7a ce 6c 1a f1 9e aa 6a f9 8c"
        "7c ed 43 12 09 98 e1 87 a8 0e e0 cc b0 52 4b 1b 01 8c 3e 0b 63 26 4d 44"
        "9a 6d 38 e2 2a 5f da 43 08 46 74 80 30 53 0e f0 46 1c 8c a9 d9 ef bf ae"
        "8e a6 d1 d0 3e 2b d1 93 ef f0 ab 9a 80 02 c4 74 28 a6 d3 5a 8d 88 d7 9f"
        "7f 1e 3f 02 03 01 00 01 a3 1a 30 18 30 09 06 03 55 1d 13 04 02 30 00 30"
        "0b 06 03 55 1d 0f 04 04 03 02 05 a0 30 0d 06 09 2a 86 48 86 f7 0d 01 01"
        "0b 05 00 03 81 81 00 85 aa d2 a0 e5 b9 27 6b 90 8c 65 f7 3a 72 67 17 06"
        "18 a5 4c 5f 8a 7b 33 7d 2d f7 a5 94 36 54 17 f2 ea e8 f8 a5 8c 8f 81 72"
        "f9 31 9c f3 6b 7f d6 c5 5b 80 f2 1a 03 01 51 56 72 60 96 fd 33 5e 5e 67"
        "f2 db f1 02 70 2e 60 8c ca e6 be c1 fc 63 a4 2a 99 be 5c 3e b7 10 7c 3c"
        "54 e9 b9 eb 2b d5 20 3b 1c 3b 84 e0 a8 b2 f7 59 40 9b a3 ea c9 d9 1d 40"
        "2d cc 0c c8 f8 96 12 29 ac 91 87 b4 2b 4d e1 00 00 0f 00 00 84 08 04 00"
        "80 33 ab 13 d4 46 27 07 23 1b 5d ca e6 c8 19 0b 63 d1 da bc 74 f2 8c 39"
        "53 70 da 0b 07 e5 b8 30 66 d0 24 6a 31 ac d9 5d f4 75 bf d7 99 a4 a7 0d"
        "33 ad 93 d3 a3 17 a9 b2 c0 d2 37 a5 68 5b 21 9e 77 41 12 e3 91 a2 47 60"
        "7d 1a ef f1 bb d0 a3 9f 38 2e e1 a5 fe 88 ae 99 ec 59 22 8e 64 97 e4 5d"
        "48 ce 27 5a 6d 5e f4 0d 16 9f b6 f9 d3 3b 05 2e d3 dc dd 6b 5a 48 ba af"
        "ff bc b2 90 12 84 15 bd 38 14 00 00 20 88 63 e6 bf b0 42 0a 92 7f a2 7f"
        "34 33 6a 70 ae 42 6e 96 8e 3e b8 84 94 5b 96 85 6d ba 39 76 d1");
// RFC 8448 §5: same, complete record (667 octets).
const Bytes& kHrrServerHsRecord = rfc8448::s5::kServerFlightRecord;
// RFC 8448 §5: "{client} send handshake record" (Finished), payload (36 octets).
const Bytes kHrrClientFinished =
    hex("14 00 00 20 23 f5 2f db 07 09 a5 5b d7 f7 9b 99 1f 25 48 40 87 bc fd 4d"
        "43 80 b1 23 26 a5 2a 28 b2 e3 68 e1");
// RFC 8448 §5: same, complete record (58 octets).
const Bytes& kHrrClientFinishedRecord = rfc8448::s5::kClientFinishedRecord;
// RFC 8448 §5: "{client} send alert record" (payload 01 00), complete record (24 octets).
const Bytes kHrrClientAlertRecord =
    hex("17 03 03 00 13 2e a6 cd f7 49 19 60 23 e2 b3 a4 94 91 69 55 36 42 60 47");
// RFC 8448 §5: "{server} send alert record" (payload 01 00), complete record (24 octets).
const Bytes kHrrServerAlertRecord =
    hex("17 03 03 00 13 51 9f c5 07 5c b0 88 43 49 75 9f f9 ef 6f 01 1b b4 c6 f2");

// RFC 8448 §5: the four plaintext handshake records, written from their payloads byte for byte —
// the first ClientHello with legacy_record_version 0x0301, the later ones with 0x0303 (§5.1) —
// and split back by the reader.
TEST(RecordRfc8448, HelloRetryRequestPlaintextRecords) {
  EXPECT_EQ(
      write_plaintext_records(ContentType::handshake, kHrrClientHello1, kMaxPlaintext, 0x0301),
      kHrrClientHello1Record);
  EXPECT_EQ(write_plaintext_records(ContentType::handshake, kHrrRetryRequest),
            kHrrRetryRequestRecord);
  EXPECT_EQ(write_plaintext_records(ContentType::handshake, kHrrClientHello2),
            kHrrClientHello2Record);
  EXPECT_EQ(write_plaintext_records(ContentType::handshake, kHrrServerHello),
            kHrrServerHelloRecord);
  RecordReader reader;
  Bytes stream = kHrrClientHello1Record;
  stream.insert(stream.end(), kHrrClientHello2Record.begin(), kHrrClientHello2Record.end());
  ASSERT_EQ(reader.feed(stream), stream.size());
  for (const Bytes* payload : {&kHrrClientHello1, &kHrrClientHello2}) {
    auto rec = reader.next();
    ASSERT_TRUE(rec.ok());
    ASSERT_TRUE(rec->has_value());
    EXPECT_EQ((*rec)->type, ContentType::handshake);
    EXPECT_EQ(to_bytes((*rec)->fragment()), *payload);
  }
}

// RFC 8448 §5: every protected record — the server's encrypted flight, the client's Finished and
// both close_notify alerts, each the first record (sequence number 0) under its key.
TEST(RecordRfc8448, HelloRetryRequestProtectedRecords) {
  {
    auto w = make(kHrrServerHsKey, kHrrServerHsIv), r = make(kHrrServerHsKey, kHrrServerHsIv);
    check_record(w, r, ContentType::handshake, kHrrServerHsPayload, kHrrServerHsRecord);
  }
  {
    auto w = make(kHrrClientHsKey, kHrrClientHsIv), r = make(kHrrClientHsKey, kHrrClientHsIv);
    check_record(w, r, ContentType::handshake, kHrrClientFinished, kHrrClientFinishedRecord);
  }
  {
    auto w = make(kHrrClientApKey, kHrrClientApIv), r = make(kHrrClientApKey, kHrrClientApIv);
    check_record(w, r, ContentType::alert, hex("01 00"), kHrrClientAlertRecord);
  }
  {
    auto w = make(kHrrServerApKey, kHrrServerApIv), r = make(kHrrServerApKey, kHrrServerApIv);
    check_record(w, r, ContentType::alert, hex("01 00"), kHrrServerAlertRecord);
  }
}

}  // namespace
}  // namespace glasstls::tls
