// PEM (RFC 7468): finding the encapsulation boundaries, then base64 (see pem.hpp).
#include "glasstls/asn1/pem.hpp"

#include "glasstls/asn1/base64.hpp"
#include "glasstls/core/ct.hpp"

namespace glasstls::asn1 {

namespace {

constexpr std::string_view kBegin = "-----BEGIN ";
constexpr std::string_view kEnd = "-----END ";
constexpr std::string_view kDashes = "-----";

// RFC 7468 §2: whitespace is HT, VT, FF, SP, CR and LF.
bool is_whitespace(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_whitespace(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_whitespace(s.back())) s.remove_suffix(1);
  return s;
}

// If `line` (trimmed) is "<prefix>label-----", the label; otherwise nothing. Only lines starting
// with five dashes are looked at, and base64 never contains '-', so body lines are never parsed
// as boundaries.
std::optional<std::string_view> boundary_label(std::string_view line, std::string_view prefix) {
  if (!line.starts_with(prefix) || line.size() < prefix.size() + kDashes.size() ||
      !line.ends_with(kDashes))
    return std::nullopt;
  return line.substr(prefix.size(), line.size() - prefix.size() - kDashes.size());
}

// RFC 7468 §3: label = [ labelchar *( ["-" / SP] labelchar ) ], labelchar = %x21-2C / %x2E-7E.
bool valid_label(std::string_view label) {
  auto labelchar = [](char c) { return c >= 0x21 && c <= 0x7e && c != '-'; };
  for (std::size_t i = 0; i < label.size(); ++i) {
    if (labelchar(label[i])) continue;
    // A single '-' or ' ' between two labelchars.
    if ((label[i] == '-' || label[i] == ' ') && i > 0 && i + 1 < label.size() &&
        labelchar(label[i - 1]) && labelchar(label[i + 1]))
      continue;
    return false;
  }
  return true;
}

// Removes whitespace without branching on the characters: every character is stored, and the
// write position advances only past non-whitespace. The whitespace layout is formatting, not
// secret, so it is declassified for the constant-time harness.
Bytes strip_whitespace(const std::string& body) {
  Bytes out(body.size());
  std::size_t j = 0;
  for (char c : body) {
    const auto u = static_cast<std::uint64_t>(static_cast<unsigned char>(c));
    // HT..CR is 9..13; SP is 32.
    const std::uint64_t ws = (ct::greater_or_equal(u, 9) & ct::less_than(u, 14)) | ct::equal(u, 32);
    out[j] = static_cast<std::uint8_t>(u);
    j += ct::declassify_value(static_cast<std::size_t>(~ws & 1));
  }
  ct::secure_wipe(out.data() + j, out.size() - j);
  out.resize(j);
  return out;
}

struct Line {
  std::string_view text;
  std::size_t number;
};

// Splits on CRLF, CR or LF (RFC 7468 §2: "lines are divided with CRLF, CR, or LF").
std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t start = 0;
  std::size_t number = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\r') continue;
    lines.push_back({text.substr(start, i - start), number++});
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  if (start < text.size()) lines.push_back({text.substr(start), number});
  return lines;
}

}  // namespace

std::string PemError::to_string() const {
  return "PEM line " + std::to_string(line) + ": " + reason;
}

Result<std::vector<PemBlock>, PemError> pem_decode_all(std::string_view text) {
  std::vector<PemBlock> blocks;
  const std::vector<Line> lines = split_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto label = boundary_label(trim(lines[i].text), kBegin);
    if (!label) continue;  // explanatory text outside blocks is ignored (RFC 7468 §5.2)
    const std::size_t begin_line = lines[i].number;
    if (!valid_label(*label))
      return Err(
          PemError{begin_line, "invalid label \"" + std::string(*label) + "\" (RFC 7468 §3)"});

    std::string body;
    bool ended = false;
    for (++i; i < lines.size(); ++i) {
      const std::string_view t = trim(lines[i].text);
      if (t.starts_with(kBegin)) break;  // a new BEGIN before our END
      if (auto end_label = boundary_label(t, kEnd)) {
        if (*end_label != *label)
          return Err(PemError{lines[i].number, "END label \"" + std::string(*end_label) +
                                                   "\" does not match BEGIN label \"" +
                                                   std::string(*label) + "\" (RFC 7468 §2)"});
        ended = true;
        break;
      }
      body += lines[i].text;
    }
    if (!ended) {
      ct::secure_wipe(body.data(), body.size());
      return Err(
          PemError{begin_line, "BEGIN " + std::string(*label) + " has no matching END line"});
    }

    Bytes compact = strip_whitespace(body);
    ct::secure_wipe(body.data(), body.size());
    auto der = base64_decode(
        std::string_view(reinterpret_cast<const char*>(compact.data()), compact.size()));
    ct::secure_wipe(compact.data(), compact.size());
    if (!der)
      return Err(
          PemError{begin_line, "the contents of " + std::string(*label) +
                                   " are not valid base64 (RFC 4648 §4: alphabet, padding)"});
    blocks.push_back(PemBlock{std::string(*label), std::move(*der), begin_line});
  }
  return blocks;
}

Result<Bytes, PemError> pem_decode_one(std::string_view text, std::string_view expected_label) {
  auto all = pem_decode_all(text);
  if (!all) return Err(std::move(all).error());
  auto& blocks = all.value();
  auto wipe_all = [&] {
    for (auto& b : blocks) ct::secure_wipe(b.der.data(), b.der.size());
  };
  if (blocks.size() != 1) {
    wipe_all();
    return Err(PemError{blocks.empty() ? 1 : blocks[1].line,
                        "expected exactly one " + std::string(expected_label) + " block, found " +
                            std::to_string(blocks.size())});
  }
  if (blocks[0].label != expected_label) {
    wipe_all();
    return Err(PemError{blocks[0].line, "expected label \"" + std::string(expected_label) +
                                            "\", found \"" + blocks[0].label + "\""});
  }
  return std::move(blocks[0].der);
}

std::string pem_encode(std::string_view label, ByteView der) {
  std::string b64 = base64_encode(der);
  std::string out;
  out.reserve(b64.size() + b64.size() / 64 + 2 * label.size() + 40);
  out += kBegin;
  out += label;
  out += "-----\n";
  for (std::size_t i = 0; i < b64.size(); i += 64) {
    out.append(b64, i, 64);  // no temporary copy: b64 may encode a private key
    out += '\n';
  }
  out += kEnd;
  out += label;
  out += "-----\n";
  ct::secure_wipe(b64.data(), b64.size());
  return out;
}

}  // namespace glasstls::asn1
