// The trust store: anchors loaded from PEM text, a bundle file or a directory, indexed by the
// normalised subject name so that issuer lookups during path building are a map search.
#include "glasstls/x509/trust_store.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include "x509/name_internal.hpp"

namespace glasstls::x509 {
namespace {

constexpr const char* kSystemBundle = "/etc/ssl/certs/ca-certificates.crt";
constexpr const char* kSystemDirectory = "/etc/ssl/certs";

TrustStoreError io_error(const std::filesystem::path& file, std::string reason) {
  return TrustStoreError{file.string(), CertificateParseError{asn1::DerError{0, "", reason}, 0}};
}

Result<std::string, TrustStoreError> read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Err(io_error(file, "cannot open the file"));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Err(io_error(file, "cannot read the file"));
  return ss.str();
}

Result<Unit, TrustStoreError> add_pem(TrustStore& store, std::string_view text,
                                      const std::string& file) {
  auto certs = parse_certificates_pem(text);
  if (!certs) return Err(TrustStoreError{file, certs.error()});
  for (Certificate& c : *certs) store.add(std::move(c));
  return Unit{};
}

// A file's certificates: its CERTIFICATE blocks, or — when it has no PEM block at all, as .crt
// and .cer files often do — the one DER certificate it holds. A file that yields none is an
// error: an empty trust store trusts nothing, and would only surface later as "unknown issuer".
Result<Unit, TrustStoreError> add_file(TrustStore& store, std::string_view text,
                                       const std::string& file) {
  if (text.find("-----BEGIN") == std::string_view::npos) {
    auto cert = parse_certificate(as_bytes(text));
    if (!cert) return Err(TrustStoreError{file, cert.error()});
    store.add(std::move(cert).value());
    return Unit{};
  }
  auto certs = parse_certificates_pem(text);
  if (!certs) return Err(TrustStoreError{file, certs.error()});
  if (certs->empty()) {
    CertificateParseError none;
    none.der.reason = "the file holds no CERTIFICATE block";
    return Err(TrustStoreError{file, none});
  }
  for (Certificate& c : *certs) store.add(std::move(c));
  return Unit{};
}

bool is_certificate_file(const std::filesystem::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".pem" || ext == ".crt";
}

}  // namespace

std::string TrustStoreError::to_string() const {
  std::string out = file.empty() ? std::string("trust store") : file;
  if (parse.pem_line != 0) out += ":" + std::to_string(parse.pem_line);
  out += ": ";
  // An I/O problem has no DER position to show, only its reason.
  if (parse.pem_line == 0 && parse.der.path.empty()) return out + parse.der.reason;
  return out + parse.der.to_string();
}

Result<TrustStore, TrustStoreError> TrustStore::from_pem(std::string_view text) {
  TrustStore store;
  if (auto r = add_pem(store, text, ""); !r) return Err(r.error());
  return store;
}

Result<TrustStore, TrustStoreError> TrustStore::from_file(const std::filesystem::path& file) {
  auto text = read_text(file);
  if (!text) return Err(text.error());
  TrustStore store;
  if (auto r = add_file(store, *text, file.string()); !r) return Err(r.error());
  return store;
}

Result<TrustStore, TrustStoreError> TrustStore::from_directory(const std::filesystem::path& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    // Only *.pem and *.crt: the hashed links c_rehash makes (<8 hex digits>.0) point at the
    // same certificates, and the fingerprint index would drop them anyway.
    if (is_certificate_file(it->path()) && it->is_regular_file(ec)) files.push_back(it->path());
  }
  if (ec) return Err(io_error(dir, "cannot list the directory: " + ec.message()));
  std::sort(files.begin(), files.end());
  TrustStore store;
  for (const auto& f : files) {
    auto text = read_text(f);
    if (!text) return Err(text.error());
    if (auto r = add_file(store, *text, f.string()); !r) return Err(r.error());
  }
  return store;
}

Result<TrustStore, TrustStoreError> TrustStore::system() {
  std::error_code ec;
  if (std::filesystem::is_regular_file(kSystemBundle, ec)) return from_file(kSystemBundle);
  return from_directory(kSystemDirectory);
}

void TrustStore::add(Certificate cert) {
  std::string fp = cert.fingerprint_sha256();
  if (by_fingerprint_.count(fp) != 0) return;
  const std::size_t index = anchors_.size();
  by_subject_.emplace(detail::comparable_name(cert.subject), index);
  by_fingerprint_.emplace(std::move(fp), index);
  anchors_.push_back(std::move(cert));
}

std::vector<const Certificate*> TrustStore::find_by_subject(const Name& name) const {
  std::vector<std::size_t> hits;
  const auto [first, last] = by_subject_.equal_range(detail::comparable_name(name));
  for (auto it = first; it != last; ++it) hits.push_back(it->second);
  std::sort(hits.begin(), hits.end());  // insertion order
  std::vector<const Certificate*> out;
  for (std::size_t i : hits) out.push_back(&anchors_[i]);
  return out;
}

std::vector<const Certificate*> TrustStore::find_by_key_id(ByteView ski) const {
  std::vector<const Certificate*> out;
  if (ski.empty()) return out;
  for (const Certificate& c : anchors_) {
    if (c.subject_key_id &&
        std::equal(c.subject_key_id->begin(), c.subject_key_id->end(), ski.begin(), ski.end()))
      out.push_back(&c);
  }
  return out;
}

}  // namespace glasstls::x509
