#include "support/test_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace glasstls::test {

bool ci_mode() {
  const char* v = std::getenv("CI");
  return v != nullptr && std::string_view(v) == "true";
}

Bytes hex(std::string_view h) {
  auto b = hex_decode_lenient(h);
  if (!b) {
    std::fprintf(stderr, "bad hex literal in a test: %.*s\n", static_cast<int>(h.size()), h.data());
    std::abort();
  }
  return *b;
}

Bytes random_bytes(std::mt19937_64& rng, std::size_t n) {
  Bytes b(n);
  for (auto& x : b) x = static_cast<std::uint8_t>(rng());
  return b;
}

namespace {
std::optional<std::filesystem::path> existing(const std::filesystem::path& p) {
  std::error_code ec;
  if (std::filesystem::is_directory(p, ec)) return p;
  return std::nullopt;
}
}  // namespace

std::optional<std::filesystem::path> shared_vectors_dir() {
  if (const char* env = std::getenv("GLASSTLS_SHARED_DIR"))
    return existing(std::filesystem::path(env) / "reference" / "vectors");
  return existing(std::filesystem::path(GLASSTLS_SHARED_DIR) / "reference" / "vectors");
}

std::optional<std::filesystem::path> pyca_vectors_dir() {
  return existing(GLASSTLS_PYCA_VECTORS_DIR);
}

namespace {
std::string trim(std::string s) {
  const char* ws = " \t\r\n";
  const auto b = s.find_first_not_of(ws);
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}
}  // namespace

std::vector<RspRecord> read_rsp(const std::filesystem::path& file) {
  std::vector<RspRecord> out;
  std::ifstream in(file);
  if (!in) return out;
  std::map<std::string, std::string> section;
  RspRecord current;
  bool in_record = false;
  std::string line;
  std::size_t lineno = 0;
  auto flush = [&] {
    if (in_record) out.push_back(current);
    current = RspRecord{};
    in_record = false;
  };
  while (std::getline(in, line)) {
    ++lineno;
    line = trim(line);
    if (line.empty()) {
      flush();
      continue;
    }
    if (line[0] == '#') continue;
    if (line.front() == '[' && line.back() == ']') {
      flush();
      const std::string inner = line.substr(1, line.size() - 2);
      const auto eq = inner.find('=');
      if (eq == std::string::npos) {
        section[trim(inner)] = "";
      } else {
        section[trim(inner.substr(0, eq))] = trim(inner.substr(eq + 1));
      }
      continue;
    }
    const auto eq = line.find('=');
    if (eq == std::string::npos) {
      // Bare words such as "FAIL" in gcmDecrypt files.
      if (!in_record) { current.section = section; current.line = lineno; in_record = true; }
      current.fields[line] = "";
      continue;
    }
    if (!in_record) {
      current.section = section;
      current.line = lineno;
      in_record = true;
    }
    current.fields[trim(line.substr(0, eq))] = trim(line.substr(eq + 1));
  }
  flush();
  return out;
}

}  // namespace glasstls::test
