// Record protection (RFC 8446 §5.2–§5.5): RecordProtection seals and opens TLSCiphertext records
// for one direction. Framing a byte stream into records is record_reader.cpp.
//
// The per-record nonce (§5.3):
//
//     nonce = write_iv XOR (0x00000000 ‖ uint64 sequence_number, big-endian)
//
// The additional data (§5.2) is the record header as it is on the wire:
//
//     additional_data = TLSCiphertext.opaque_type ‖ legacy_record_version ‖ length
//
// where length counts the encrypted record including the 16-byte tag.
#include "glasstls/tls/record.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <string>

#include "glasstls/core/ct.hpp"
#include "glasstls/core/endian.hpp"
#include "record_internal.hpp"

namespace glasstls::tls {
namespace {

constexpr std::uint16_t kLegacyRecordVersion = 0x0303;  // §5.1, §5.2: TLS v1.2 on the wire

Err<TlsError> fail(AlertDescription alert, std::string reason, std::string_view section) {
  return Err(tls_error(alert, std::move(reason), section));
}

// §5.5, in one table. AES-GCM: "up to 2^24.5 full-size records (about 24 million) may be
// encrypted on a given connection while keeping a safety margin of approximately 2^-57";
// floor(2^24.5) = 23,726,566. ChaCha20-Poly1305: "the record sequence number would wrap before
// the safety limit is reached", so the hard stop is the §5.3 wrap itself; glasstls still asks for
// a key update at 2^62 records. update_at is 7/8 of the AES-GCM limit.
constexpr std::uint64_t kAesGcmMaxRecords = 23'726'566;
constexpr std::array<AeadUsageLimit, 3> kUsageLimits = {{
    {crypto::AeadAlg::aes_128_gcm, kAesGcmMaxRecords, kAesGcmMaxRecords / 8 * 7},
    {crypto::AeadAlg::aes_256_gcm, kAesGcmMaxRecords, kAesGcmMaxRecords / 8 * 7},
    {crypto::AeadAlg::chacha20_poly1305, std::numeric_limits<std::uint64_t>::max(),
     std::uint64_t{1} << 62},
}};

}  // namespace

std::span<const AeadUsageLimit> aead_usage_limits() noexcept {
  return kUsageLimits;
}

const AeadUsageLimit& aead_usage_limit(crypto::AeadAlg alg) noexcept {
  for (const auto& row : kUsageLimits)
    if (row.alg == alg) return row;
  return kUsageLimits[0];  // unreachable: every AeadAlg has a row (the test checks)
}

std::size_t Padding::amount(std::size_t content_length, std::size_t max_inner) const noexcept {
  // §5.4: content ‖ type ‖ zeros must stay within max_inner bytes.
  const std::size_t used = content_length + 1;
  if (used >= max_inner) return 0;
  const std::size_t room = max_inner - used;
  std::size_t want = 0;
  switch (kind_) {
    case Kind::none:
      break;
    case Kind::multiple:
      if (n_ > 1) want = (n_ - used % n_) % n_;
      break;
    case Kind::fixed:
      want = n_;
      break;
  }
  return std::min(want, room);
}

// ---- RecordProtection --------------------------------------------------------------------------

RecordProtection::RecordProtection(crypto::Aead aead, ByteView iv) noexcept
    : aead_(std::move(aead)) {
  std::copy(iv.begin(), iv.end(), iv_.begin());
}

Result<RecordProtection, TlsError> RecordProtection::create(crypto::AeadAlg alg, ByteView key,
                                                            ByteView iv) {
  return create(alg, key, iv, crypto::aead_default(alg));
}

Result<RecordProtection, TlsError> RecordProtection::create(
    crypto::AeadAlg alg, ByteView key, ByteView iv, const crypto::AeadImplementation& impl) {
  // §5.3: the IV is iv_length = max(8, AEAD nonce length) = 12 bytes for every TLS 1.3 AEAD.
  if (iv.size() != kIvSize)
    return fail(AlertDescription::internal_error,
                "write_iv of " + std::to_string(iv.size()) + " bytes, 12 needed", "RFC 8446 §5.3");
  auto aead = crypto::Aead::create(alg, key, impl);
  if (!aead.ok())
    return fail(AlertDescription::internal_error,
                std::string(crypto::aead_name(alg)) +
                    " key: " + std::string(crypto::to_string(aead.error())),
                "RFC 8446 §7.3");
  return RecordProtection(std::move(aead).value(), iv);
}

RecordProtection::RecordProtection(RecordProtection&& other) noexcept
    : aead_(std::move(other.aead_)),
      iv_(other.iv_),
      seq_(other.seq_),
      records_(other.records_),
      exhausted_(other.exhausted_) {
  ct::secure_wipe(other.iv_.data(), other.iv_.size());
}

RecordProtection& RecordProtection::operator=(RecordProtection&& other) noexcept {
  if (this != &other) {
    aead_ = std::move(other.aead_);
    iv_ = other.iv_;
    seq_ = other.seq_;
    records_ = other.records_;
    exhausted_ = other.exhausted_;
    ct::secure_wipe(other.iv_.data(), other.iv_.size());
  }
  return *this;
}

RecordProtection::~RecordProtection() {
  ct::secure_wipe(iv_.data(), iv_.size());
}

bool RecordProtection::key_update_needed() const noexcept {
  return records_ >= aead_usage_limit(alg()).update_at;
}

std::array<std::uint8_t, RecordProtection::kIvSize> RecordProtection::nonce() const noexcept {
  // §5.3: "1. The 64-bit record sequence number is encoded in network byte order and padded to
  // the left with zeros to iv_length. 2. The padded sequence number is XORed with either the
  // static client_write_iv or server_write_iv".
  std::array<std::uint8_t, kIvSize> n = iv_;
  std::array<std::uint8_t, 8> seq{};
  store_be64(seq.data(), seq_);
  for (std::size_t i = 0; i < seq.size(); ++i) n[kIvSize - 8 + i] ^= seq[i];
  return n;
}

Result<Unit, TlsError> RecordProtection::check_sequence() const {
  // §5.3: "Sequence numbers MUST NOT wrap. If a TLS implementation would need to wrap a sequence
  // number, it MUST either rekey (Section 4.6.3) or terminate the connection."
  if (exhausted_)
    return fail(AlertDescription::internal_error,
                "sequence number 2^64 - 1 already used; a KeyUpdate was needed", "RFC 8446 §5.3");
  return Unit{};
}

void RecordProtection::advance() noexcept {
  ++records_;
  if (seq_ == std::numeric_limits<std::uint64_t>::max())
    exhausted_ = true;
  else
    ++seq_;
}

Result<Bytes, TlsError> RecordProtection::seal(ContentType type, ByteView content, Padding padding,
                                               std::size_t max_inner) {
  if (auto ok = check_sequence(); !ok) return Err(std::move(ok).error());
  // §5.5: "Implementations SHOULD do a key update ... prior to reaching these limits."
  // (A max_records of 2^64 - 1 means "no limit before the wrap": the check above governs.)
  const std::uint64_t max_records = aead_usage_limit(alg()).max_records;
  if (max_records != std::numeric_limits<std::uint64_t>::max() && records_ >= max_records)
    return fail(AlertDescription::internal_error,
                "the " + std::string(crypto::aead_name(alg())) + " key has protected " +
                    std::to_string(records_) + " records, its limit; a KeyUpdate was needed",
                "RFC 8446 §5.5");
  max_inner = std::min(max_inner, kMaxInnerPlaintext);
  if (max_inner == 0 || content.size() > max_inner - 1)
    return fail(AlertDescription::internal_error,
                std::to_string(content.size()) + " bytes of content do not fit in " +
                    std::to_string(max_inner) + " bytes of TLSInnerPlaintext",
                "RFC 8446 §5.4");
  // §5.1: "Implementations MUST NOT send zero-length fragments of Handshake types, even if those
  // fragments contain padding."
  if (content.empty() && type == ContentType::handshake)
    return fail(AlertDescription::internal_error, "a zero-length handshake fragment",
                "RFC 8446 §5.1");

  // TLSInnerPlaintext = content ‖ type ‖ zeros, built in place after the header; the AEAD
  // encrypts it in place and the tag follows.
  const std::size_t pad = padding.amount(content.size(), max_inner);
  const std::size_t inner_len = content.size() + 1 + pad;
  const std::size_t ciphertext_len = inner_len + crypto::kAeadTagSize;
  Bytes record(kRecordHeaderSize + ciphertext_len, 0);
  // §5.2: opaque_type = application_data, legacy_record_version = 0x0303, and the length of the
  // encrypted record including the tag; this header is the additional data.
  detail::put_header(record.data(), ContentType::application_data, kLegacyRecordVersion,
                     ciphertext_len);
  std::copy(content.begin(), content.end(), record.begin() + kRecordHeaderSize);
  record[kRecordHeaderSize + content.size()] = static_cast<std::uint8_t>(type);

  auto n = nonce();
  const ByteView aad(record.data(), kRecordHeaderSize);
  const MutableByteView inner(record.data() + kRecordHeaderSize, inner_len);
  const MutableByteView out(record.data() + kRecordHeaderSize, ciphertext_len);
  const crypto::AeadStatus status = aead_.seal(n, aad, inner, out);
  ct::secure_wipe(n.data(), n.size());  // the nonce gives away the IV
  if (status != crypto::AeadStatus::ok)
    return fail(AlertDescription::internal_error, "AEAD seal failed", "RFC 8446 §5.2");
  advance();
  return record;
}

Result<OpenedRecord, TlsError> RecordProtection::open(ByteView record) {
  if (auto ok = check_sequence(); !ok) return Err(std::move(ok).error());
  if (record.size() < kRecordHeaderSize)
    return fail(AlertDescription::decode_error,
                "record of " + std::to_string(record.size()) + " bytes has no 5-byte header",
                "RFC 8446 §5.2");
  // §5.2: "The outer opaque_type field of a TLSCiphertext record is always set to the value 23
  // (application_data)". Any other type is not a protected record (§5: unexpected_message).
  if (record[0] != static_cast<std::uint8_t>(ContentType::application_data))
    return fail(AlertDescription::unexpected_message,
                "protected record with opaque_type " + std::to_string(record[0]) +
                    ", not application_data (23)",
                "RFC 8446 §5.2");
  const std::size_t length = (std::size_t{record[3]} << 8) | record[4];
  const ByteView encrypted = record.subspan(kRecordHeaderSize);
  if (length != encrypted.size())
    return fail(AlertDescription::decode_error,
                "TLSCiphertext.length " + std::to_string(length) + " but " +
                    std::to_string(encrypted.size()) + " bytes follow the header",
                "RFC 8446 §5.2");
  // §5.2: "The length MUST NOT exceed 2^14 + 256 bytes. An endpoint that receives a record that
  // exceeds this length MUST terminate the connection with a "record_overflow" alert."
  if (length > kMaxCiphertext)
    return fail(AlertDescription::record_overflow,
                "encrypted_record of " + std::to_string(length) + " bytes, more than 2^14 + 256",
                "RFC 8446 §5.2");
  // A record shorter than the tag cannot be genuine: §5.2, "If the decryption fails, the
  // receiver MUST terminate the connection with a "bad_record_mac" alert."
  if (length < crypto::kAeadTagSize)
    return fail(AlertDescription::bad_record_mac,
                "encrypted_record of " + std::to_string(length) + " bytes, shorter than the tag",
                "RFC 8446 §5.2");
  const std::size_t inner_len = length - crypto::kAeadTagSize;
  // §5.4: "The length MUST NOT exceed 2^14 + 1 octets ... record_overflow". The length is
  // public, so this is checked before spending time on decryption.
  if (inner_len > kMaxInnerPlaintext)
    return fail(AlertDescription::record_overflow,
                "TLSInnerPlaintext of " + std::to_string(inner_len) + " bytes, more than 2^14 + 1",
                "RFC 8446 §5.4");

  Bytes inner(inner_len);
  auto n = nonce();
  const crypto::AeadStatus status =
      aead_.open(n, record.first(kRecordHeaderSize), encrypted, inner);
  ct::secure_wipe(n.data(), n.size());
  if (status != crypto::AeadStatus::ok)
    return fail(AlertDescription::bad_record_mac,
                "record " + std::to_string(seq_) + " failed authentication", "RFC 8446 §5.2");
  advance();

  // §5.4: the content type is the last non-zero byte; the zeros after it are padding.
  const auto [found, type_at] = detail::find_content_type(inner);
  // §5.4: "If a receiving implementation does not find a non-zero octet in the cleartext, it
  // MUST terminate the connection with an "unexpected_message" alert."
  if (!found)
    return fail(
        AlertDescription::unexpected_message,
        "TLSInnerPlaintext of " + std::to_string(inner_len) + " zero bytes: no content type",
        "RFC 8446 §5.4");
  // The content type is revealed by what the record is processed as (§5.4 hides it only from
  // the network), so it is declassified here.
  const std::uint8_t type = ct::declassify_value(inner[type_at]);
  // §5: "An implementation which receives ... a protected change_cipher_spec record MUST abort
  // the handshake with an "unexpected_message" alert"; unknown types likewise (§5).
  if (!detail::is_known_content_type(type) ||
      static_cast<ContentType>(type) == ContentType::change_cipher_spec)
    return fail(AlertDescription::unexpected_message,
                "protected record of content type " + std::to_string(type), "RFC 8446 §5");
  inner.resize(static_cast<std::size_t>(type_at));
  return OpenedRecord{static_cast<ContentType>(type), std::move(inner)};
}

namespace detail {
ContentTypePosition find_content_type(ByteView inner) noexcept {
  // The scan reads every 32-byte block (four 8-byte words OR'ed together) and keeps the index of
  // the last non-zero block with masks, so its time depends only on the (public) record length,
  // not on where the padding starts. Then the 32 bytes before the end of that block (or of the
  // tail) are scanned byte by byte the same way. Only results are declassified: whether a type
  // byte exists, the block it is in and its position — all of which the caller learns anyway
  // from the content length.
  constexpr std::size_t kBlock = 32;
  const std::size_t blocks = inner.size() / kBlock;
  std::uint64_t found = 0, last_block = 0;
  for (std::size_t b = 0; b < blocks; ++b) {
    const std::uint8_t* p = inner.data() + kBlock * b;
    const std::uint64_t any =
        load_le64(p) | load_le64(p + 8) | load_le64(p + 16) | load_le64(p + 24);
    const std::uint64_t nonzero = ct::is_nonzero(any);
    last_block = ct::select(nonzero, b + 1, last_block);  // one past the block
    found |= nonzero;
  }
  std::uint64_t tail = 0;  // the bytes after the last whole block
  for (std::size_t i = kBlock * blocks; i < inner.size(); ++i) tail |= inner[i];
  const std::uint64_t tail_nonzero = ct::is_nonzero(tail);
  found = ct::declassify_value(found | tail_nonzero);
  // Search back from the end of the tail if it holds a non-zero byte (the tail is shorter than
  // a block), else from the end of the last non-zero block.
  const std::uint64_t end =
      ct::declassify_value(ct::select(tail_nonzero, inner.size(), kBlock * last_block));
  if (found == 0) return {false, 0};
  const std::size_t stop = static_cast<std::size_t>(end);
  std::uint64_t at = 0;
  for (std::size_t i = stop >= kBlock ? stop - kBlock : 0; i < stop; ++i)
    at = ct::select(ct::is_nonzero(inner[i]), i, at);
  return {true, static_cast<std::size_t>(ct::declassify_value(at))};
}

void set_sequence_number(RecordProtection& protection, std::uint64_t next) noexcept {
  protection.seq_ = next;
  protection.records_ = next;
  protection.exhausted_ = false;
}
}  // namespace detail

}  // namespace glasstls::tls
