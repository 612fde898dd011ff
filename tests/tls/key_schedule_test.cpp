// The TLS 1.3 key schedule (RFC 8446 §7.1) against RFC 8448's printed traces: every secret, key,
// IV, finished key and verify_data of §3's 1-RTT handshake from its x25519 shared secret and
// printed transcript hashes; §4's resumption PSK, binder key and binder; §5's handshake secrets
// after a HelloRetryRequest. Then what RFC 8448 has no trace for (KeyUpdate, the exporter, a
// SHA-384 suite), cross-checked against OpenSSL 3.0's HKDF, and the label table.
// (transcript_test.cpp computes the printed transcript hashes from the printed messages.)
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "glasstls/crypto/hash.hpp"
#include "glasstls/tls/key_schedule.hpp"
#include "support/test_support.hpp"

namespace glasstls::tls {
namespace {

using crypto::AeadAlg;
using crypto::HashAlg;
using test::hex;

Bytes bytes_of(ByteView v) {
  return Bytes(v.begin(), v.end());
}
Bytes bytes_of(const Secret& s) {
  return bytes_of(s.view());
}
Bytes bytes_of(const crypto::Digest& d) {
  return bytes_of(d.view());
}

// RFC 8448 §3: {server} extract secret "handshake": IKM, the x25519 shared secret (32 octets).
const Bytes kS3SharedSecret =
    hex("8b d4 05 4f b5 5b 9d 63 fd fb ac f9 f0 4b 9f 0d 35 e6 d6 3f 53 75 63 ef "
        "d4 62 72 90 0f 89 49 2d");

// RFC 8448 §3: {server} extract secret "early": secret (32 octets).
const Bytes kS3EarlySecret =
    hex("33 ad 0a 1c 60 7e c0 3b 09 e6 cd 98 93 68 0c e2 10 ad f3 00 aa 1f 26 60 "
        "e1 b2 2e 10 f1 70 f9 2a");

// RFC 8448 §3: {server} derive secret for handshake "tls13 derived": info (49 octets).
const Bytes kS3DerivedInfo =
    hex("00 20 0d 74 6c 73 31 33 20 64 65 72 69 76 65 64 20 e3 b0 c4 42 98 fc 1c "
        "14 9a fb f4 c8 99 6f b9 24 27 ae 41 e4 64 9b 93 4c a4 95 99 1b 78 52 b8 "
        "55");

// RFC 8448 §3: {server} derive secret for handshake "tls13 derived": expanded (32 octets).
const Bytes kS3DerivedForHandshake =
    hex("6f 26 15 a1 08 c7 02 c5 67 8f 54 fc 9d ba b6 97 16 c0 76 18 9c 48 25 0c "
        "eb ea c3 57 6c 36 11 ba");

// RFC 8448 §3: {server} extract secret "handshake": secret (32 octets).
const Bytes kS3HandshakeSecret =
    hex("1d c8 26 e9 36 06 aa 6f dc 0a ad c1 2f 74 1b 01 04 6a a6 b9 9f 69 1e d2 "
        "21 a9 f0 ca 04 3f be ac");

// RFC 8448 §3: {server} derive secret "tls13 c hs traffic": hash (32 octets).
const Bytes kS3HashThroughServerHello =
    hex("86 0c 06 ed c0 78 58 ee 8e 78 f0 e7 42 8c 58 ed d6 b4 3f 2c a3 e6 e9 5f "
        "02 ed 06 3c f0 e1 ca d8");

// RFC 8448 §3: {server} derive secret "tls13 c hs traffic": info (54 octets).
const Bytes kS3ClientHsInfo =
    hex("00 20 12 74 6c 73 31 33 20 63 20 68 73 20 74 72 61 66 66 69 63 20 86 0c "
        "06 ed c0 78 58 ee 8e 78 f0 e7 42 8c 58 ed d6 b4 3f 2c a3 e6 e9 5f 02 ed "
        "06 3c f0 e1 ca d8");

// RFC 8448 §3: {server} derive secret "tls13 c hs traffic": expanded (32 octets).
const Bytes kS3ClientHsTraffic =
    hex("b3 ed db 12 6e 06 7f 35 a7 80 b3 ab f4 5e 2d 8f 3b 1a 95 07 38 f5 2e 96 "
        "00 74 6a 0e 27 a5 5a 21");

// RFC 8448 §3: {server} derive secret "tls13 s hs traffic": expanded (32 octets).
const Bytes kS3ServerHsTraffic =
    hex("b6 7b 7d 69 0c c1 6c 4e 75 e5 42 13 cb 2d 37 b4 e9 c9 12 bc de d9 10 5d "
        "42 be fd 59 d3 91 ad 38");

// RFC 8448 §3: {server} derive secret for master "tls13 derived": expanded (32 octets).
const Bytes kS3DerivedForMaster =
    hex("43 de 77 e0 c7 77 13 85 9a 94 4d b9 db 25 90 b5 31 90 a6 5b 3e e2 e4 f1 "
        "2d d7 a0 bb 7c e2 54 b4");

// RFC 8448 §3: {server} extract secret "master": secret (32 octets).
const Bytes kS3MasterSecret =
    hex("18 df 06 84 3d 13 a0 8b f2 a4 49 84 4c 5f 8a 47 80 01 bc 4d 4c 62 79 84 "
        "d5 a4 1d a8 d0 40 29 19");

// RFC 8448 §3: {server} derive write traffic keys for handshake data: key info (13 octets).
const Bytes kS3KeyInfo = hex("00 10 09 74 6c 73 31 33 20 6b 65 79 00");

// RFC 8448 §3: {server} derive write traffic keys for handshake data: iv info (12 octets).
const Bytes kS3IvInfo = hex("00 0c 08 74 6c 73 31 33 20 69 76 00");

// RFC 8448 §3: {server} derive write traffic keys for handshake data: key expanded (16 octets).
const Bytes kS3ServerHsKey = hex("3f ce 51 60 09 c2 17 27 d0 f2 e4 e8 6e e4 03 bc");

// RFC 8448 §3: {server} derive write traffic keys for handshake data: iv expanded (12 octets).
const Bytes kS3ServerHsIv = hex("5d 31 3e b2 67 12 76 ee 13 00 0b 30");

// RFC 8448 §3: {server} derive read traffic keys for handshake data: key expanded (16 octets).
const Bytes kS3ClientHsKey = hex("db fa a6 93 d1 76 2c 5b 66 6a f5 d9 50 25 8d 01");

// RFC 8448 §3: {server} derive read traffic keys for handshake data: iv expanded (12 octets).
const Bytes kS3ClientHsIv = hex("5b d3 c7 1b 83 6e 0b 76 bb 73 26 5f");

// RFC 8448 §3: {server} calculate finished "tls13 finished": info (18 octets).
const Bytes kS3FinishedInfo = hex("00 20 0e 74 6c 73 31 33 20 66 69 6e 69 73 68 65 64 00");

// RFC 8448 §3: {server} calculate finished "tls13 finished": expanded (32 octets).
const Bytes kS3ServerFinishedKey =
    hex("00 8d 3b 66 f8 16 ea 55 9f 96 b5 37 e8 85 c3 1f c0 68 bf 49 2c 65 2f 01 "
        "f2 88 a1 d8 cd c1 9f c8");

// RFC 8448 §3: {server} calculate finished "tls13 finished": finished (32 octets).
const Bytes kS3ServerVerifyData =
    hex("9b 9b 14 1d 90 63 37 fb d2 cb dc e7 1d f4 de da 4a b4 2c 30 95 72 cb 7f "
        "ff ee 54 54 b7 8f 07 18");

// RFC 8448 §3: {server} derive secret "tls13 c ap traffic": hash (32 octets).
const Bytes kS3HashThroughServerFinished =
    hex("96 08 10 2a 0f 1c cc 6d b6 25 0b 7b 7e 41 7b 1a 00 0e aa da 3d aa e4 77 "
        "7a 76 86 c9 ff 83 df 13");

// RFC 8448 §3: {server} derive secret "tls13 c ap traffic": expanded (32 octets).
const Bytes kS3ClientApTraffic =
    hex("9e 40 64 6c e7 9a 7f 9d c0 5a f8 88 9b ce 65 52 87 5a fa 0b 06 df 00 87 "
        "f7 92 eb b7 c1 75 04 a5");

// RFC 8448 §3: {server} derive secret "tls13 s ap traffic": expanded (32 octets).
const Bytes kS3ServerApTraffic =
    hex("a1 1a f9 f0 55 31 f8 56 ad 47 11 6b 45 a9 50 32 82 04 b4 f4 4b fb 6b 3a "
        "4b 4f 1f 3f cb 63 16 43");

// RFC 8448 §3: {server} derive secret "tls13 exp master": expanded (32 octets).
const Bytes kS3ExporterMaster =
    hex("fe 22 f8 81 17 6e da 18 eb 8f 44 52 9e 67 92 c5 0c 9a 3f 89 45 2f 68 d8 "
        "ae 31 1b 43 09 d3 cf 50");

// RFC 8448 §3: {server} derive write traffic keys for application data: key expanded (16 octets).
const Bytes kS3ServerApKey = hex("9f 02 28 3b 6c 9c 07 ef c2 6b b9 f2 ac 92 e3 56");

// RFC 8448 §3: {server} derive write traffic keys for application data: iv expanded (12 octets).
const Bytes kS3ServerApIv = hex("cf 78 2b 88 dd 83 54 9a ad f1 e9 84");

// RFC 8448 §3: {client} derive write traffic keys for application data: key expanded (16 octets).
const Bytes kS3ClientApKey = hex("17 42 2d da 59 6e d5 d9 ac d8 90 e3 c6 3f 50 51");

// RFC 8448 §3: {client} derive write traffic keys for application data: iv expanded (12 octets).
const Bytes kS3ClientApIv = hex("5b 78 92 3d ee 08 57 90 33 e5 23 d9");

// RFC 8448 §3: {client} calculate finished "tls13 finished": expanded (32 octets).
const Bytes kS3ClientFinishedKey =
    hex("b8 0a d0 10 15 fb 2f 0b d6 5f f7 d4 da 5d 6b f8 3f 84 82 1d 1f 87 fd c7 "
        "d3 c7 5b 5a 7b 42 d9 c4");

// RFC 8448 §3: {client} calculate finished "tls13 finished": finished (32 octets).
const Bytes kS3ClientVerifyData =
    hex("a8 ec 43 6d 67 76 34 ae 52 5a c1 fc eb e1 1a 03 9e c1 76 94 fa c6 e9 85 "
        "27 b6 42 f2 ed d5 ce 61");

// RFC 8448 §3: {client} derive secret "tls13 res master": hash (32 octets).
const Bytes kS3HashThroughClientFinished =
    hex("20 91 45 a9 6e e8 e2 a1 22 ff 81 00 47 cc 95 26 84 65 8d 60 49 e8 64 29 "
        "42 6d b8 7c 54 ad 14 3d");

// RFC 8448 §3: {client} derive secret "tls13 res master": info (52 octets).
const Bytes kS3ResMasterInfo =
    hex("00 20 10 74 6c 73 31 33 20 72 65 73 20 6d 61 73 74 65 72 20 20 91 45 a9 "
        "6e e8 e2 a1 22 ff 81 00 47 cc 95 26 84 65 8d 60 49 e8 64 29 42 6d b8 7c "
        "54 ad 14 3d");

// RFC 8448 §3: {client} derive secret "tls13 res master": expanded (32 octets).
const Bytes kS3ResumptionMaster =
    hex("7d f2 35 f2 03 1d 2a 05 12 87 d0 2b 02 41 b0 bf da f8 6c c8 56 23 1f 2d "
        "5a ba 46 c4 34 ec 19 6c");

// RFC 8448 §3: {server} generate resumption secret "tls13 resumption": info (22 octets).
const Bytes kS3ResumptionInfo =
    hex("00 20 10 74 6c 73 31 33 20 72 65 73 75 6d 70 74 69 6f 6e 02 00 00");

// RFC 8448 §3: {server} generate resumption secret "tls13 resumption": expanded (32 octets).
const Bytes kS3ResumptionPsk =
    hex("4e cd 0e b6 ec 3b 4d 87 f5 d6 02 8f 92 2c a4 c5 85 1a 27 7f d4 13 11 c9 "
        "e6 2d 2c 94 92 e1 c4 f3");

// RFC 8448 §4: {client} extract secret "early": secret (32 octets).
const Bytes kS4EarlySecret =
    hex("9b 21 88 e9 b2 fc 6d 64 d7 1d c3 29 90 0e 20 bb 41 91 50 00 f6 78 aa 83 "
        "9c bb 79 7c b7 d8 33 2c");

// RFC 8448 §4: {client} calculate PSK binder: binder hash (32 octets).
const Bytes kS4BinderHash =
    hex("63 22 4b 2e 45 73 f2 d3 45 4c a8 4b 9d 00 9a 04 f6 be 9e 05 71 1a 83 96 "
        "47 3a ef a0 1e 92 4a 14");

// RFC 8448 §4: {client} calculate PSK binder: PRK (the binder key) (32 octets).
const Bytes kS4BinderKey =
    hex("69 fe 13 1a 3b ba d5 d6 3c 64 ee bc c3 0e 39 5b 9d 81 07 72 6a 13 d0 74 "
        "e3 89 db c8 a4 e4 72 56");

// RFC 8448 §4: {client} calculate PSK binder: expanded (its finished key) (32 octets).
const Bytes kS4BinderFinishedKey =
    hex("55 88 67 3e 72 cb 59 c8 7d 22 0c af fe 94 f2 de a9 a3 b1 60 9f 7d 50 e9 "
        "0a 48 22 7d b9 ed 7e aa");

// RFC 8448 §4: {client} calculate PSK binder: finished (the binder) (32 octets).
const Bytes kS4Binder =
    hex("3a dd 4f b2 d8 fd f8 22 a0 ca 3c f7 67 8e f5 e8 8d ae 99 01 41 c5 92 4d "
        "57 bb 6f a3 1b 9e 5f 9d");

// RFC 8448 §4: {client} derive secret "tls13 c e traffic": hash (32 octets).
const Bytes kS4HashClientHello =
    hex("08 ad 0f a0 5d 7c 72 33 b1 77 5b a2 ff 9f 4c 5b 8b 59 27 6b 7f 22 7f 13 "
        "a9 76 24 5f 5d 96 09 13");

// RFC 8448 §4: {client} derive secret "tls13 c e traffic": expanded (32 octets).
const Bytes kS4ClientEarlyTraffic =
    hex("3f bb e6 a6 0d eb 66 c3 0a 32 79 5a ba 0e ff 7e aa 10 10 55 86 e7 be 5c "
        "09 67 8d 63 b6 ca ab 62");

// RFC 8448 §4: {client} derive secret "tls13 e exp master": expanded (32 octets).
const Bytes kS4EarlyExporterMaster =
    hex("b2 02 68 66 61 09 37 d7 42 3e 5b e9 08 62 cc f2 4c 0e 60 91 18 6d 34 f8 "
        "12 08 9f f5 be 2e f7 df");

// RFC 8448 §4: {client} derive write traffic keys for early application data: key expanded (16
// octets).
const Bytes kS4EarlyKey = hex("92 02 05 a5 b7 bf 21 15 e6 fc 5c 29 42 83 4f 54");

// RFC 8448 §4: {client} derive write traffic keys for early application data: iv expanded (12
// octets).
const Bytes kS4EarlyIv = hex("6d 47 5f 09 93 c8 e5 64 61 0d b2 b9");

// RFC 8448 §4: {server} extract secret "handshake": IKM (32 octets).
const Bytes kS4SharedSecret =
    hex("f4 41 94 75 6f f9 ec 9d 25 18 06 35 d6 6e a6 82 4c 6a b3 bf 17 99 77 be "
        "37 f7 23 57 0e 7c cb 2e");

// RFC 8448 §4: {server} extract secret "handshake": secret (32 octets).
const Bytes kS4HandshakeSecret =
    hex("00 5c b1 12 fd 8e b4 cc c6 23 bb 88 a0 7c 64 b3 ed e1 60 53 63 fc 7d 0d "
        "f8 c7 ce 4f f0 fb 4a e6");

// RFC 8448 §4: {server} derive secret "tls13 c hs traffic": hash (32 octets).
const Bytes kS4HashThroughServerHello =
    hex("f7 36 cb 34 fe 25 e7 01 55 1b ee 6f d2 4c 1c c7 10 2a 7d af 94 05 cb 15 "
        "d9 7a af e1 6f 75 7d 03");

// RFC 8448 §4: {server} derive secret "tls13 c hs traffic": expanded (32 octets).
const Bytes kS4ClientHsTraffic =
    hex("2f aa c0 8f 85 1d 35 fe a3 60 4f cb 4d e8 2d c6 2c 9b 16 4a 70 97 4d 04 "
        "62 e2 7f 1a b2 78 70 0f");

// RFC 8448 §4: {server} derive secret "tls13 s hs traffic": expanded (32 octets).
const Bytes kS4ServerHsTraffic =
    hex("fe 92 7a e2 71 31 2e 8b f0 27 5b 58 1c 54 ee f0 20 45 0d c4 ec ff aa 05 "
        "a1 a3 5d 27 51 8e 78 03");

// RFC 8448 §4: {server} extract secret "master": secret (32 octets).
const Bytes kS4MasterSecret =
    hex("e2 d3 2d 4e d6 6d d3 78 97 a0 e8 0c 84 10 75 03 ce 58 bf 8a ad 4c b5 5a "
        "50 02 d7 7e cb 89 0e ce");

// RFC 8448 §5: {server} extract secret "handshake": IKM, the P-256 shared secret (32 octets).
const Bytes kS5SharedSecret =
    hex("c1 42 ce 13 ca 11 b5 c2 23 36 52 e6 3a d3 d9 78 44 f1 62 1f bf b9 de 69 "
        "d5 47 dc 8f ed ea be b4");

// RFC 8448 §5: {server} extract secret "handshake": secret (32 octets).
const Bytes kS5HandshakeSecret =
    hex("ce 02 2e 5e 6e 81 e5 07 36 d7 73 f2 d3 ad fc e8 22 0d 04 9b f5 10 f0 db "
        "fa c9 27 ef 42 43 b1 48");

// RFC 8448 §5: {server} derive secret "tls13 c hs traffic": hash (32 octets).
const Bytes kS5HashThroughServerHello =
    hex("8a a8 e8 28 ec 2f 8a 88 4f ec 95 a3 13 9d e0 1c 15 a3 da a7 ff 5b fc 3f "
        "4b fc c2 1b 43 8d 7b f8");

// RFC 8448 §5: {server} derive secret "tls13 c hs traffic": expanded (32 octets).
const Bytes kS5ClientHsTraffic =
    hex("15 8a a7 ab 88 55 07 35 82 b4 1d 67 4b 40 55 ca bc c5 34 72 8f 65 93 14 "
        "86 1b 4e 08 e2 01 15 66");

// RFC 8448 §5: {server} derive secret "tls13 s hs traffic": expanded (32 octets).
const Bytes kS5ServerHsTraffic =
    hex("34 03 e7 81 e2 af 7b 65 08 da 28 57 4f 6e 95 a1 ab f1 62 de 83 a9 79 27 "
        "c3 76 72 a4 a0 ce f8 a1");

// RFC 8448 §5: {server} extract secret "master": secret (32 octets).
const Bytes kS5MasterSecret =
    hex("11 31 54 5d 0b af 79 dd ce 9b 87 f0 69 45 78 1a 57 dd 18 ef 37 8d cd 20 "
        "60 f8 f9 a5 69 02 7e d8");

// ---- HKDF-Expand-Label (§7.1) ----------------------------------------------------------------

TEST(HkdfExpandLabel, HkdfLabelBytesMatchRfc8448) {
  // The `info` RFC 8448 prints for each expansion is our HkdfLabel encoding.
  const Bytes empty_hash = bytes_of(crypto::Hash::hash(HashAlg::sha256, ByteView()));
  EXPECT_EQ(hkdf_label(32, "derived", empty_hash), kS3DerivedInfo);
  EXPECT_EQ(hkdf_label(32, "c hs traffic", kS3HashThroughServerHello), kS3ClientHsInfo);
  EXPECT_EQ(hkdf_label(16, "key", {}), kS3KeyInfo);
  EXPECT_EQ(hkdf_label(12, "iv", {}), kS3IvInfo);
  EXPECT_EQ(hkdf_label(32, "finished", {}), kS3FinishedInfo);
  EXPECT_EQ(hkdf_label(32, "res master", kS3HashThroughClientFinished), kS3ResMasterInfo);
  EXPECT_EQ(hkdf_label(32, "resumption", hex("00 00")), kS3ResumptionInfo);
}

TEST(HkdfExpandLabel, ExpandsAndRefusesFieldsThatDoNotFit) {
  // RFC 8448 §3 {server} derive secret for handshake "tls13 derived": expanded.
  const Bytes empty_hash = bytes_of(crypto::Hash::hash(HashAlg::sha256, ByteView()));
  Bytes out(32);
  ASSERT_TRUE(hkdf_expand_label(HashAlg::sha256, kS3EarlySecret, "derived", empty_hash, out));
  EXPECT_EQ(out, kS3DerivedForHandshake);

  // §7.1: label<7..255> holds "tls13 " + Label, so Label may have 249 bytes and no more.
  const std::string label249(249, 'a');
  EXPECT_TRUE(hkdf_label(32, label249, {}));
  EXPECT_TRUE(hkdf_expand_label(HashAlg::sha256, kS3EarlySecret, label249, {}, out));
  EXPECT_FALSE(hkdf_label(32, label249 + "a", {}));
  EXPECT_FALSE(hkdf_expand_label(HashAlg::sha256, kS3EarlySecret, label249 + "a", {}, out));
  // context<0..255>.
  const Bytes context255(255, 0x11);
  EXPECT_TRUE(hkdf_label(32, "x", context255));
  EXPECT_FALSE(hkdf_label(32, "x", Bytes(256, 0x11)));
  // HKDF-Expand stops at 255 * HashLen (RFC 5869 §2.3).
  Bytes longest(255 * 32);
  EXPECT_TRUE(hkdf_expand_label(HashAlg::sha256, kS3EarlySecret, "x", {}, longest));
  Bytes too_long(255 * 32 + 1, 0xee);
  EXPECT_FALSE(hkdf_expand_label(HashAlg::sha256, kS3EarlySecret, "x", {}, too_long));
  EXPECT_EQ(too_long, Bytes(255 * 32 + 1, 0xee));  // nothing written
}

TEST(DeriveSecret, IsExpandLabelOfTheTranscriptHash) {
  const Secret handshake(HashAlg::sha256, kS3HandshakeSecret);
  EXPECT_EQ(bytes_of(derive_secret(handshake, "c hs traffic", kS3HashThroughServerHello)),
            kS3ClientHsTraffic);
  EXPECT_EQ(bytes_of(derive_secret(handshake, "s hs traffic", kS3HashThroughServerHello)),
            kS3ServerHsTraffic);
}

// ---- RFC 8448 §3: simple 1-RTT handshake ------------------------------------------------------

TEST(KeyScheduleRfc8448Section3, EveryPrintedSecret) {
  // No PSK: the Early Secret is HKDF-Extract(0, 0).
  const EarlySecret early = EarlySecret::without_psk(HashAlg::sha256);
  EXPECT_EQ(bytes_of(early.secret()), kS3EarlySecret);

  const HandshakeSecret handshake = early.handshake_secret(kS3SharedSecret);
  EXPECT_EQ(bytes_of(handshake.secret()), kS3HandshakeSecret);
  EXPECT_EQ(bytes_of(handshake.client_handshake_traffic_secret(kS3HashThroughServerHello)),
            kS3ClientHsTraffic);
  EXPECT_EQ(bytes_of(handshake.server_handshake_traffic_secret(kS3HashThroughServerHello)),
            kS3ServerHsTraffic);

  const MasterSecret master = handshake.master_secret();
  EXPECT_EQ(bytes_of(master.secret()), kS3MasterSecret);
  EXPECT_EQ(bytes_of(master.client_application_traffic_secret_0(kS3HashThroughServerFinished)),
            kS3ClientApTraffic);
  EXPECT_EQ(bytes_of(master.server_application_traffic_secret_0(kS3HashThroughServerFinished)),
            kS3ServerApTraffic);
  EXPECT_EQ(bytes_of(master.exporter_master_secret(kS3HashThroughServerFinished)),
            kS3ExporterMaster);
  EXPECT_EQ(bytes_of(master.resumption_master_secret(kS3HashThroughClientFinished)),
            kS3ResumptionMaster);
}

TEST(KeyScheduleRfc8448Section3, IntermediateDerivedSecrets) {
  // The two "derived" salts RFC 8448 prints between the stages.
  const Bytes empty_hash = bytes_of(crypto::Hash::hash(HashAlg::sha256, ByteView()));
  EXPECT_EQ(bytes_of(derive_secret(Secret(HashAlg::sha256, kS3EarlySecret), "derived", empty_hash)),
            kS3DerivedForHandshake);
  EXPECT_EQ(
      bytes_of(derive_secret(Secret(HashAlg::sha256, kS3HandshakeSecret), "derived", empty_hash)),
      kS3DerivedForMaster);
}

TEST(KeyScheduleRfc8448Section3, TrafficKeysAndIvs) {
  // TLS_AES_128_GCM_SHA256: 16-byte keys, 12-byte IVs (§7.3).
  struct Case {
    const Bytes& secret;
    const Bytes& key;
    const Bytes& iv;
  };
  const Case cases[] = {
      {kS3ServerHsTraffic, kS3ServerHsKey, kS3ServerHsIv},
      {kS3ClientHsTraffic, kS3ClientHsKey, kS3ClientHsIv},
      {kS3ServerApTraffic, kS3ServerApKey, kS3ServerApIv},
      {kS3ClientApTraffic, kS3ClientApKey, kS3ClientApIv},
  };
  for (const Case& c : cases) {
    const TrafficKeys keys = traffic_keys(Secret(HashAlg::sha256, c.secret), AeadAlg::aes_128_gcm);
    EXPECT_EQ(keys.aead, AeadAlg::aes_128_gcm);
    EXPECT_EQ(bytes_of(keys.key()), c.key);
    EXPECT_EQ(bytes_of(keys.iv), c.iv);
  }
  // A 32-byte key for AES-256-GCM / ChaCha20-Poly1305 comes from the same expansion, longer.
  const TrafficKeys k32 =
      traffic_keys(Secret(HashAlg::sha256, kS3ServerHsTraffic), AeadAlg::chacha20_poly1305);
  EXPECT_EQ(k32.key().size(), 32u);
  EXPECT_NE(bytes_of(k32.key().first(16)), kS3ServerHsKey);  // Length is part of HkdfLabel
  EXPECT_EQ(bytes_of(k32.iv), kS3ServerHsIv);                // the IV does not depend on it
}

TEST(KeyScheduleRfc8448Section3, FinishedKeysAndVerifyData) {
  const Secret server_hs(HashAlg::sha256, kS3ServerHsTraffic);
  const Secret client_hs(HashAlg::sha256, kS3ClientHsTraffic);
  EXPECT_EQ(bytes_of(finished_key(server_hs)), kS3ServerFinishedKey);
  EXPECT_EQ(bytes_of(finished_key(client_hs)), kS3ClientFinishedKey);
  // The client Finished covers ClientHello...server Finished (no client certificate).
  EXPECT_EQ(bytes_of(finished_verify_data(client_hs, kS3HashThroughServerFinished)),
            kS3ClientVerifyData);
  EXPECT_TRUE(verify_finished(client_hs, kS3HashThroughServerFinished, kS3ClientVerifyData));
}

TEST(KeyScheduleRfc8448Section3, VerifyFinishedRejectsEveryWrongValue) {
  const Secret client_hs(HashAlg::sha256, kS3ClientHsTraffic);
  // Each single-bit flip, anywhere, is a decrypt_error (§4.4.4).
  for (std::size_t i = 0; i < kS3ClientVerifyData.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      Bytes bad = kS3ClientVerifyData;
      bad[i] ^= static_cast<std::uint8_t>(1u << bit);
      const auto r = verify_finished(client_hs, kS3HashThroughServerFinished, bad);
      ASSERT_FALSE(r) << "byte " << i << " bit " << bit;
      EXPECT_EQ(r.error().alert, AlertDescription::decrypt_error);
      EXPECT_EQ(r.error().section, "RFC 8446 §4.4.4");
    }
  }
  // The right value under the wrong key, or for the wrong transcript.
  EXPECT_FALSE(verify_finished(Secret(HashAlg::sha256, kS3ServerHsTraffic),
                               kS3HashThroughServerFinished, kS3ClientVerifyData));
  EXPECT_FALSE(verify_finished(client_hs, kS3HashThroughServerHello, kS3ClientVerifyData));
  // verify_data[Hash.length]: a shorter or longer one is a decode_error.
  Bytes shorter(kS3ClientVerifyData.begin(), kS3ClientVerifyData.end() - 1);
  const auto r = verify_finished(client_hs, kS3HashThroughServerFinished, shorter);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().alert, AlertDescription::decode_error);
  Bytes longer = kS3ClientVerifyData;
  longer.push_back(0);
  EXPECT_FALSE(verify_finished(client_hs, kS3HashThroughServerFinished, longer));
}

TEST(KeyScheduleRfc8448Section3, ResumptionPskFromTicketNonce) {
  // The NewSessionTicket of §3 carries ticket_nonce = 00 00.
  const auto psk = resumption_psk(Secret(HashAlg::sha256, kS3ResumptionMaster), hex("00 00"));
  ASSERT_TRUE(psk);
  EXPECT_EQ(bytes_of(*psk), kS3ResumptionPsk);
  // A different nonce gives a different PSK; ticket_nonce<0..255>.
  const auto other = resumption_psk(Secret(HashAlg::sha256, kS3ResumptionMaster), hex("00 01"));
  ASSERT_TRUE(other);
  EXPECT_NE(bytes_of(*other), kS3ResumptionPsk);
  EXPECT_TRUE(resumption_psk(Secret(HashAlg::sha256, kS3ResumptionMaster), Bytes(255)));
  const auto too_long = resumption_psk(Secret(HashAlg::sha256, kS3ResumptionMaster), Bytes(256));
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().alert, AlertDescription::internal_error);
}

// ---- RFC 8448 §4: resumed 0-RTT handshake ---------------------------------------------------

TEST(KeyScheduleRfc8448Section4, EarlySecretBinderAndEarlyTraffic) {
  // The PSK is §3's resumption PSK (from §3's resumption master secret and ticket nonce).
  const auto psk = resumption_psk(Secret(HashAlg::sha256, kS3ResumptionMaster), hex("00 00"));
  ASSERT_TRUE(psk);
  const EarlySecret early = EarlySecret::from_psk(HashAlg::sha256, psk->view());
  EXPECT_EQ(bytes_of(early.secret()), kS4EarlySecret);

  // A ticket PSK: "res binder" (§7.1).
  const Secret binder_key = early.binder_key(PskKind::resumption);
  EXPECT_EQ(bytes_of(binder_key), kS4BinderKey);
  EXPECT_NE(bytes_of(early.binder_key(PskKind::external)), kS4BinderKey);
  EXPECT_EQ(bytes_of(finished_key(binder_key)), kS4BinderFinishedKey);
  EXPECT_EQ(bytes_of(psk_binder(binder_key, kS4BinderHash)), kS4Binder);
  EXPECT_TRUE(verify_psk_binder(binder_key, kS4BinderHash, kS4Binder));
  Bytes bad = kS4Binder;
  bad.back() ^= 0x80;
  const auto r = verify_psk_binder(binder_key, kS4BinderHash, bad);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().alert, AlertDescription::decrypt_error);
  EXPECT_FALSE(
      verify_psk_binder(binder_key, kS4BinderHash, Bytes(kS4Binder.begin(), kS4Binder.end() - 1)));

  // 0-RTT secrets and keys over the whole ClientHello (binders included).
  const Secret c_e = early.client_early_traffic_secret(kS4HashClientHello);
  EXPECT_EQ(bytes_of(c_e), kS4ClientEarlyTraffic);
  EXPECT_EQ(bytes_of(early.early_exporter_master_secret(kS4HashClientHello)),
            kS4EarlyExporterMaster);
  const TrafficKeys keys = traffic_keys(c_e, AeadAlg::aes_128_gcm);
  EXPECT_EQ(bytes_of(keys.key()), kS4EarlyKey);
  EXPECT_EQ(bytes_of(keys.iv), kS4EarlyIv);
}

TEST(KeyScheduleRfc8448Section4, HandshakeSecretsWithPskAndEcdhe) {
  // psk_dhe_ke: the Early Secret from the PSK, then the x25519 shared secret.
  const EarlySecret early = EarlySecret::from_psk(HashAlg::sha256, kS3ResumptionPsk);
  const HandshakeSecret handshake = early.handshake_secret(kS4SharedSecret);
  EXPECT_EQ(bytes_of(handshake.secret()), kS4HandshakeSecret);
  EXPECT_EQ(bytes_of(handshake.client_handshake_traffic_secret(kS4HashThroughServerHello)),
            kS4ClientHsTraffic);
  EXPECT_EQ(bytes_of(handshake.server_handshake_traffic_secret(kS4HashThroughServerHello)),
            kS4ServerHsTraffic);
  EXPECT_EQ(bytes_of(handshake.master_secret().secret()), kS4MasterSecret);
  // psk_ke (no key share) uses zeros instead, which must differ.
  EXPECT_NE(bytes_of(early.handshake_secret_without_ecdhe().secret()), kS4HandshakeSecret);
  EXPECT_EQ(bytes_of(early.handshake_secret_without_ecdhe().secret()),
            bytes_of(early.handshake_secret(Bytes(32, 0)).secret()));
}

// ---- RFC 8448 §5: HelloRetryRequest -----------------------------------------------------------

TEST(KeyScheduleRfc8448Section5, HandshakeSecretsAfterHelloRetryRequest) {
  // The transcript hash through ServerHello starts with message_hash (transcript_test.cpp
  // computes it from the printed messages); the secrets follow from the P-256 shared secret.
  const HandshakeSecret handshake =
      EarlySecret::without_psk(HashAlg::sha256).handshake_secret(kS5SharedSecret);
  EXPECT_EQ(bytes_of(handshake.secret()), kS5HandshakeSecret);
  EXPECT_EQ(bytes_of(handshake.client_handshake_traffic_secret(kS5HashThroughServerHello)),
            kS5ClientHsTraffic);
  EXPECT_EQ(bytes_of(handshake.server_handshake_traffic_secret(kS5HashThroughServerHello)),
            kS5ServerHsTraffic);
  EXPECT_EQ(bytes_of(handshake.master_secret().secret()), kS5MasterSecret);
}

// ---- Beyond RFC 8448: KeyUpdate, exporters, SHA-384 -------------------------------------------
// Expected values computed with OpenSSL 3.0 `openssl kdf ... HKDF` (EXTRACT_ONLY / EXPAND_ONLY,
// HkdfLabel bytes built by hand), independently of this code.

TEST(KeyUpdate, NextGenerationTrafficSecret) {
  // §7.2 "traffic upd" from RFC 8448 §3's server_application_traffic_secret_0.
  const Secret s0(HashAlg::sha256, kS3ServerApTraffic);
  const Secret s1 = next_application_traffic_secret(s0);
  EXPECT_EQ(bytes_of(s1), hex("51 92 1b 8a a3 00 19 76 eb 40 1d 0a 43 19 a8 51"
                              "64 16 a6 c5 60 01 a3 57 e5 d1 62 03 1e 84 f9 16"));
  // Each generation differs from the last, and the chain is deterministic.
  const Secret s2 = next_application_traffic_secret(s1);
  EXPECT_NE(bytes_of(s2), bytes_of(s1));
  EXPECT_EQ(bytes_of(next_application_traffic_secret(s1)), bytes_of(s2));
  EXPECT_EQ(s2.hash(), HashAlg::sha256);
}

TEST(Exporter, MatchesOpenSslHkdf) {
  const Secret exporter_master(HashAlg::sha256, kS3ExporterMaster);
  const auto out = export_keying_material(exporter_master, "EXPERIMENTAL glasstls test",
                                          as_bytes("context value"), 42);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, hex("29 c3 dc a0 f1 80 6b bb 01 c9 b0 57 a9 e9 bc 20 d4 ce 6c bf b1"
                      "54 be 1e 67 1c ee 9e 55 35 b9 77 ad a7 ad 36 bc d9 ce 51 9f f8"));
  // §7.5: no context and an empty context are the same value.
  const auto empty = export_keying_material(exporter_master, "EXPERIMENTAL glasstls test", {}, 32);
  ASSERT_TRUE(empty);
  EXPECT_EQ(*empty, hex("06 d4 ac 1d 57 81 3e 65 be 96 8b 1f 23 fe d4 46"
                        "2c fa 7e ba 24 dc 71 dd 34 a5 ab ed 4f 09 d9 33"));
  // Different labels give unrelated values.
  const auto other = export_keying_material(exporter_master, "EXPERIMENTAL other", {}, 32);
  ASSERT_TRUE(other);
  EXPECT_NE(*other, *empty);
}

TEST(Exporter, RefusesLabelsAndLengthsThatDoNotFit) {
  const Secret exporter_master(HashAlg::sha256, kS3ExporterMaster);
  EXPECT_TRUE(export_keying_material(exporter_master, std::string(249, 'L'), {}, 16));
  const auto long_label = export_keying_material(exporter_master, std::string(250, 'L'), {}, 16);
  ASSERT_FALSE(long_label);
  EXPECT_EQ(long_label.error().alert, AlertDescription::internal_error);
  EXPECT_TRUE(export_keying_material(exporter_master, "x", {}, 255 * 32));
  EXPECT_FALSE(export_keying_material(exporter_master, "x", {}, 255 * 32 + 1));
  const auto zero = export_keying_material(exporter_master, "x", {}, 0);
  ASSERT_TRUE(zero);
  EXPECT_TRUE(zero->empty());
}

TEST(KeyScheduleSha384, WholeChainMatchesOpenSsl) {
  // TLS_AES_256_GCM_SHA384: 48-byte secrets, 32-byte keys. Shared secret 01 02 .. 20 and the
  // transcript hash SHA-384("glasstls transcript"), both arbitrary.
  Bytes shared(32);
  for (std::size_t i = 0; i < shared.size(); ++i) shared[i] = static_cast<std::uint8_t>(i + 1);
  const Bytes th = bytes_of(crypto::Hash::hash(HashAlg::sha384, as_bytes("glasstls transcript")));

  const EarlySecret early = EarlySecret::without_psk(HashAlg::sha384);
  EXPECT_EQ(early.secret().size(), 48u);
  EXPECT_EQ(bytes_of(early.secret()),
            hex("7e e8 20 6f 55 70 02 3e 6d c7 51 9e b1 07 3b c4 e7 91 ad 37 b5 c3 82 aa"
                "10 ba 18 e2 35 7e 71 69 71 f9 36 2f 2c 2f e2 a7 6b fd 78 df ec 4e a9 b5"));
  const HandshakeSecret handshake = early.handshake_secret(shared);
  EXPECT_EQ(bytes_of(handshake.secret()),
            hex("20 a3 54 fb 90 49 f8 99 5b 72 aa 0f 1a b1 40 70 14 e4 f8 ee 3d 5a 7c f9"
                "60 50 ae 1a e8 1c 50 44 4a d0 26 c9 89 7a b0 eb ab 58 02 bf cc 57 f2 a4"));
  const Secret c_hs = handshake.client_handshake_traffic_secret(th);
  EXPECT_EQ(bytes_of(c_hs),
            hex("f7 7e 5e b9 93 d8 a4 45 15 23 c6 76 bb cc 28 19 6e c9 72 51 c7 75 a5 da"
                "01 81 62 6c 81 c6 dd b6 fe f0 db 2e ec 3d 67 bd 28 5b 9d db 43 20 64 34"));
  const TrafficKeys keys = traffic_keys(c_hs, AeadAlg::aes_256_gcm);
  EXPECT_EQ(bytes_of(keys.key()), hex("8b 56 5b 35 2e 04 89 76 12 87 d2 8a 36 6b a2 95"
                                      "b6 54 78 df 65 7f a6 d6 0a cd a5 8e 2e f6 8e 48"));
  EXPECT_EQ(bytes_of(keys.iv), hex("85 e5 16 c8 a4 b4 a1 26 c4 e0 a2 a3"));
  const MasterSecret master = handshake.master_secret();
  EXPECT_EQ(bytes_of(master.secret()),
            hex("c0 11 76 af 5b 12 06 ed fb 9d da 93 69 79 6b c3 41 48 4a 98 73 d0 8b 81"
                "20 e7 ab a9 fd 05 ac 0a 98 30 d3 d9 bb 8e 6d d2 ce 7b 69 3d 01 03 73 0d"));
  const Secret s_ap = master.server_application_traffic_secret_0(th);
  EXPECT_EQ(bytes_of(s_ap),
            hex("a6 27 50 30 16 d9 bb 6b 41 ff 18 6a 6c 98 ec b8 73 e8 79 23 11 25 b7 1a"
                "4c 82 c8 6d 90 26 aa ef 2f d1 e0 c1 ea 0b f0 b3 0a 68 33 97 6e 45 59 6f"));
  EXPECT_EQ(bytes_of(next_application_traffic_secret(s_ap)),
            hex("80 4b d5 73 4c 03 a6 c6 9e e5 ba 62 b8 1a d0 63 db fa ca 1d 45 6c 02 06"
                "c3 53 91 5d 1c 54 3f 0e c5 60 12 63 96 14 29 d7 40 b3 41 41 1d b1 80 13"));
  // Finished values are HashLen too, and verify against themselves only.
  const crypto::Digest vd = finished_verify_data(c_hs, th);
  EXPECT_EQ(vd.size, 48u);
  EXPECT_TRUE(verify_finished(c_hs, th, vd.view()));
  EXPECT_FALSE(verify_finished(c_hs, th, vd.view().first(32)));
}

// ---- The secret table and the key log ---------------------------------------------------------

TEST(SecretTable, OneRowPerSecretWithUniqueLabels) {
  const auto table = secret_table();
  ASSERT_EQ(table.size(), 10u);
  std::set<std::string_view> labels, keylog;
  for (std::size_t i = 0; i < table.size(); ++i) {
    // Rows are in enum order, so secret_info() can index by kind.
    EXPECT_EQ(static_cast<std::size_t>(table[i].kind), i);
    EXPECT_EQ(&secret_info(table[i].kind), &table[i]);
    EXPECT_TRUE(labels.insert(table[i].hkdf_label).second) << table[i].hkdf_label;
    if (!table[i].keylog_label.empty()) {
      EXPECT_TRUE(keylog.insert(table[i].keylog_label).second) << table[i].keylog_label;
    }
  }
  // RFC 8446 §7.1 labels, draft-ietf-tls-keylogfile names.
  EXPECT_EQ(secret_info(SecretKind::client_handshake_traffic).hkdf_label, "c hs traffic");
  EXPECT_EQ(secret_info(SecretKind::client_handshake_traffic).keylog_label,
            "CLIENT_HANDSHAKE_TRAFFIC_SECRET");
  EXPECT_EQ(secret_info(SecretKind::server_application_traffic_0).keylog_label,
            "SERVER_TRAFFIC_SECRET_0");
  EXPECT_EQ(secret_info(SecretKind::early_exporter_master).keylog_label, "EARLY_EXPORTER_SECRET");
  EXPECT_EQ(secret_info(SecretKind::resumption_master).hkdf_label, "res master");
  EXPECT_EQ(keylog.size(), 7u);  // the seven TLS 1.3 secrets the draft defines
}

TEST(SecretTable, KeyLogLines) {
  const Bytes client_random = hex(
      "cb 34 ec b1 e7 81 63 ba 1c 38 c6 da cb 19 6a 6d ff a2 1a 8d 99 12 ec 18 a2 ef 62 83 02 4d ec"
      "e7");  // RFC 8448 §3 ClientHello.random
  const Secret s(HashAlg::sha256, kS3ClientHsTraffic);
  const auto line = keylog_line(SecretKind::client_handshake_traffic, client_random, s);
  ASSERT_TRUE(line);
  EXPECT_EQ(*line,
            "CLIENT_HANDSHAKE_TRAFFIC_SECRET "
            "cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7 "
            "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21");
  EXPECT_FALSE(keylog_line(SecretKind::resumption_master, client_random, s));
  EXPECT_FALSE(keylog_line(SecretKind::resumption_binder_key, client_random, s));
  EXPECT_FALSE(
      keylog_line(SecretKind::client_handshake_traffic, ByteView(client_random).first(31), s));
}

TEST(Secret, KeepsItsHashAndBytes) {
  const Secret s(HashAlg::sha384, Bytes(48, 0xab));
  EXPECT_EQ(s.hash(), HashAlg::sha384);
  EXPECT_EQ(s.size(), 48u);
  EXPECT_EQ(bytes_of(s), Bytes(48, 0xab));
  const Secret copy = s;
  EXPECT_EQ(bytes_of(copy), bytes_of(s));
}

}  // namespace
}  // namespace glasstls::tls
