// cert_check — the explainer's step 3 as a command: "Is it signed by a trusted CA? Is it expired?
// Does the domain name match? Is it revoked?" It builds the chain, prints it with each
// certificate's revocation status, and says OK or exactly what is wrong.
//
// Usage:
//   cert_check [--cafile ROOTS.pem] [--untrusted INTERMEDIATES.pem] [--crl CRL.pem]...
//              [--ocsp RESPONSE.der]... [--revocation off|soft|hard]
//              [--host NAME | --ip ADDR] [--at YYYY-MM-DDTHH:MM:SSZ] [--purpose server|client]
//              [--max-depth N] LEAF.pem
//
//   --cafile     the trust anchors (default: the system bundle)
//   --untrusted  more intermediates; LEAF.pem's own extra certificates are intermediates too
//   --crl        a CRL file (PEM, any number of "X509 CRL" blocks, or one DER CRL); repeatable
//   --ocsp       a DER OCSP response (as `openssl ocsp -respout` writes); repeatable
//   --revocation what unknown statuses do: soft (the default) tolerates them, hard refuses the
//                chain, off checks nothing; a revoked certificate is refused unless off
//   --host/--ip  the name or address the client meant to reach (RFC 9525)
//   --at         the verification time (default: now)
//   --purpose    server (id-kp-serverAuth, the default) or client (id-kp-clientAuth)
//   --max-depth  the most intermediates between the leaf and the anchor (default 8)
//
// Exit status: 0 a valid chain; 1 a verdict against the chain (including a certificate in
// LEAF.pem or --untrusted that does not parse, and a revoked certificate); 2 bad arguments or
// unreadable files (including a --cafile, --crl or --ocsp file that does not parse), never
// reported as a verdict.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "glasstls/core/clock.hpp"
#include "glasstls/x509/certificate.hpp"
#include "glasstls/x509/crl.hpp"
#include "glasstls/x509/hostname.hpp"
#include "glasstls/x509/ocsp.hpp"
#include "glasstls/x509/revocation.hpp"
#include "glasstls/x509/trust_store.hpp"
#include "glasstls/x509/verify.hpp"

using namespace glasstls;

namespace {

constexpr int exit_valid = 0, exit_verdict = 1, exit_usage = 2;

void usage() {
  std::fputs(
      "usage: cert_check [--cafile ROOTS.pem] [--untrusted INTERMEDIATES.pem] [--crl CRL.pem]...\n"
      "                  [--ocsp RESPONSE.der]... [--revocation off|soft|hard]\n"
      "                  [--host NAME | --ip ADDR] [--at YYYY-MM-DDTHH:MM:SSZ]\n"
      "                  [--purpose server|client] [--max-depth N] LEAF.pem\n",
      stderr);
}

struct Arguments {
  std::optional<std::string> cafile, untrusted, host, ip, at;
  std::vector<std::string> crls, ocsp;
  x509::RevocationPolicy revocation = x509::RevocationPolicy::soft_fail;
  x509::Purpose purpose = x509::Purpose::server;
  std::size_t max_depth = 8;
  std::string leaf;
};

// Parses argv; prints the problem and returns nothing on a bad argument.
std::optional<Arguments> parse_arguments(int argc, char** argv) {
  Arguments a;
  bool have_leaf = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "cert_check: %s needs a value\n", arg.c_str());
        return std::nullopt;
      }
      return std::string(argv[++i]);
    };
    std::optional<std::string> v;
    if (arg == "--cafile" || arg == "--untrusted" || arg == "--crl" || arg == "--ocsp" ||
        arg == "--revocation" || arg == "--host" || arg == "--ip" || arg == "--at" ||
        arg == "--purpose" || arg == "--max-depth") {
      v = value();
      if (!v) return std::nullopt;
    }
    if (arg == "--cafile") {
      a.cafile = v;
    } else if (arg == "--untrusted") {
      a.untrusted = v;
    } else if (arg == "--crl") {
      a.crls.push_back(*v);
    } else if (arg == "--ocsp") {
      a.ocsp.push_back(*v);
    } else if (arg == "--revocation") {
      if (*v == "off") {
        a.revocation = x509::RevocationPolicy::off;
      } else if (*v == "soft") {
        a.revocation = x509::RevocationPolicy::soft_fail;
      } else if (*v == "hard") {
        a.revocation = x509::RevocationPolicy::hard_fail;
      } else {
        std::fprintf(stderr, "cert_check: --revocation must be off, soft or hard, not '%s'\n",
                     v->c_str());
        return std::nullopt;
      }
    } else if (arg == "--host") {
      a.host = v;
    } else if (arg == "--ip") {
      a.ip = v;
    } else if (arg == "--at") {
      a.at = v;
    } else if (arg == "--purpose") {
      if (*v == "server") {
        a.purpose = x509::Purpose::server;
      } else if (*v == "client") {
        a.purpose = x509::Purpose::client;
      } else {
        std::fprintf(stderr, "cert_check: --purpose must be server or client, not '%s'\n",
                     v->c_str());
        return std::nullopt;
      }
    } else if (arg == "--max-depth") {
      char* end = nullptr;
      const unsigned long n = std::strtoul(v->c_str(), &end, 10);
      if (v->empty() || *end != '\0' || (*v)[0] == '-' || n > 100) {
        std::fprintf(stderr, "cert_check: --max-depth needs a number from 0 to 100, not '%s'\n",
                     v->c_str());
        return std::nullopt;
      }
      a.max_depth = n;
    } else if (!arg.empty() && arg[0] == '-') {
      std::fprintf(stderr, "cert_check: unknown option %s\n", arg.c_str());
      return std::nullopt;
    } else if (have_leaf) {
      std::fprintf(stderr, "cert_check: only one LEAF.pem, got '%s' too\n", arg.c_str());
      return std::nullopt;
    } else {
      a.leaf = arg;
      have_leaf = true;
    }
  }
  if (!have_leaf) {
    std::fputs("cert_check: LEAF.pem is missing\n", stderr);
    return std::nullopt;
  }
  if (a.host && a.ip) {
    std::fputs("cert_check: give --host or --ip, not both\n", stderr);
    return std::nullopt;
  }
  return a;
}

// "2026-11-27T10:40:52Z" exactly; nothing otherwise.
std::optional<WallTime> parse_time(const std::string& text) {
  int y = 0;
  unsigned mo = 0, d = 0, h = 0, mi = 0, s = 0;
  char z = 0;
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2u-%2uT%2u:%2u:%2u%c%n", &y, &mo, &d, &h, &mi, &s, &z,
                  &consumed) != 7 ||
      z != 'Z' || static_cast<std::size_t>(consumed) != text.size() || text.size() != 20) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(mo),
                                        std::chrono::day(d)};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 59) return std::nullopt;
  return std::chrono::sys_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(mi) +
         std::chrono::seconds(s);
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return text.str();
}

// Certificates of a file: PEM blocks, or one DER certificate when the file has no PEM block.
Result<std::vector<x509::Certificate>, x509::CertificateParseError> parse_file(
    const std::string& content) {
  if (content.find("-----BEGIN") == std::string::npos) {
    auto one = x509::parse_certificate(as_bytes(content));
    if (!one.ok()) return Err(one.error());
    return std::vector<x509::Certificate>{std::move(one).value()};
  }
  return x509::parse_certificates_pem(content);
}

std::string format_time(WallTime t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd(day);
  const std::chrono::hh_mm_ss hms(t - day);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d:%02d UTC", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()));
  return buf;
}

// The CRLs of a file: PEM blocks, or one DER CRL when the file has no PEM block.
Result<std::vector<x509::Crl>, x509::CertificateParseError> parse_crl_file(
    const std::string& content) {
  if (content.find("-----BEGIN") == std::string::npos) {
    auto one = x509::parse_crl(as_bytes(content));
    if (!one.ok()) return Err(one.error());
    return std::vector<x509::Crl>{std::move(one).value()};
  }
  return x509::parse_crls_pem(content);
}

void print_chain(const x509::VerifyResult& result, WallTime now) {
  const std::vector<x509::Certificate>& chain = result.chain;
  std::printf("chain (%zu certificate%s, leaf first):\n", chain.size(),
              chain.size() == 1 ? "" : "s");
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const x509::Certificate& c = chain[i];
    // Whole days, truncated toward zero both ways, as the diagnosis sentence counts them.
    const auto remaining = c.validity.not_after - now;
    const auto days = std::chrono::duration_cast<std::chrono::days>(remaining).count();
    std::string left = remaining.count() >= 0 ? std::to_string(days) + " days left"
                                              : "expired " + std::to_string(-days) + " days ago";
    if (c.validity.no_expiry()) left = "no expiry";
    std::printf("  [%zu] subject:   %s\n", i, c.subject.to_string().c_str());
    std::printf("      issuer:    %s\n", c.issuer.to_string().c_str());
    std::printf("      key:       %s\n", c.public_key.to_string().c_str());
    std::printf("      signature: %s\n", c.signature_algorithm.to_string().c_str());
    std::printf("      validity:  %s to %s (%s)\n", format_time(c.validity.not_before).c_str(),
                format_time(c.validity.not_after).c_str(), left.c_str());
    if (i < result.revocation.size() &&
        result.revocation[i].state != x509::RevocationState::not_checked) {
      std::printf("      revocation: %s\n", x509::describe(result.revocation[i]).c_str());
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::optional<Arguments> args = parse_arguments(argc, argv);
  if (!args) {
    usage();
    return exit_usage;
  }

  // The clock: --at, or this machine's.
  std::optional<FixedClock> fixed;
  if (args->at) {
    const std::optional<WallTime> t = parse_time(*args->at);
    if (!t) {
      std::fprintf(stderr, "cert_check: --at wants YYYY-MM-DDTHH:MM:SSZ, not '%s'\n",
                   args->at->c_str());
      return exit_usage;
    }
    fixed.emplace(*t);
  }
  const Clock& clock = fixed ? static_cast<const Clock&>(*fixed) : system_clock();

  x509::VerifyOptions options(clock);
  options.purpose = args->purpose;
  options.max_depth = args->max_depth;
  if (args->host) options.host = *args->host;
  if (args->ip) {
    options.ip = x509::parse_ip_address(*args->ip);
    if (!options.ip) {
      std::fprintf(stderr, "cert_check: --ip wants an IPv4 or IPv6 address, not '%s'\n",
                   args->ip->c_str());
      return exit_usage;
    }
  }

  // The trust anchors.
  auto store =
      args->cafile ? x509::TrustStore::from_file(*args->cafile) : x509::TrustStore::system();
  if (!store.ok()) {
    std::fprintf(stderr, "cert_check: cannot load the trust anchors: %s\n",
                 store.error().to_string().c_str());
    return exit_usage;
  }

  // The revocation inputs.
  std::vector<x509::Crl> crls;
  for (const std::string& file : args->crls) {
    const std::optional<std::string> text = read_file(file);
    if (!text) {
      std::fprintf(stderr, "cert_check: cannot read %s\n", file.c_str());
      return exit_usage;
    }
    auto parsed = parse_crl_file(*text);
    if (!parsed.ok()) {
      std::fprintf(stderr, "cert_check: %s is not a CRL: %s\n", file.c_str(),
                   parsed.error().to_string().c_str());
      return exit_usage;
    }
    if (parsed->empty()) {
      std::fprintf(stderr, "cert_check: %s holds no CRL\n", file.c_str());
      return exit_usage;
    }
    for (x509::Crl& c : *parsed) crls.push_back(std::move(c));
  }
  std::vector<x509::OcspResponse> responses;
  for (const std::string& file : args->ocsp) {
    const std::optional<std::string> content = read_file(file);
    if (!content) {
      std::fprintf(stderr, "cert_check: cannot read %s\n", file.c_str());
      return exit_usage;
    }
    auto parsed = x509::parse_ocsp_response(as_bytes(*content));
    if (!parsed.ok()) {
      std::fprintf(stderr, "cert_check: %s is not an OCSP response: %s\n", file.c_str(),
                   parsed.error().to_string().c_str());
      return exit_usage;
    }
    responses.push_back(std::move(parsed).value());
  }
  options.revocation.policy = args->revocation;
  options.revocation.crls = crls;
  options.revocation.ocsp = responses;

  // The leaf file: the first certificate is the leaf, the others untrusted intermediates.
  const std::optional<std::string> leaf_text = read_file(args->leaf);
  if (!leaf_text) {
    std::fprintf(stderr, "cert_check: cannot read %s\n", args->leaf.c_str());
    return exit_usage;
  }
  auto given = parse_file(*leaf_text);
  if (!given.ok()) {
    const x509::Diagnosis d = x509::malformed_diagnosis(0, given.error());
    std::printf("%s: %s\n", args->leaf.c_str(), d.message.c_str());
    std::printf("FAILED (%s)\n", std::string(x509::to_string(d.error)).c_str());
    return exit_verdict;
  }
  if (given->empty()) {
    std::fprintf(stderr, "cert_check: %s holds no certificate\n", args->leaf.c_str());
    return exit_usage;
  }
  std::vector<x509::Certificate> untrusted(std::make_move_iterator(given->begin() + 1),
                                           std::make_move_iterator(given->end()));
  if (args->untrusted) {
    const std::optional<std::string> text = read_file(*args->untrusted);
    if (!text) {
      std::fprintf(stderr, "cert_check: cannot read %s\n", args->untrusted->c_str());
      return exit_usage;
    }
    auto more = parse_file(*text);
    if (!more.ok()) {
      std::printf("%s: %s\n", args->untrusted->c_str(), more.error().to_string().c_str());
      std::puts("FAILED (malformed)");
      return exit_verdict;
    }
    for (x509::Certificate& c : *more) untrusted.push_back(std::move(c));
  }

  const x509::VerifyResult result = x509::verify_chain(given->front(), untrusted, *store, options);
  print_chain(result, clock.wall_time());
  if (result.ok()) {
    std::puts("OK");
    return exit_valid;
  }
  std::printf("FAILED (%s): %s\n", std::string(x509::to_string(result.diagnosis->error)).c_str(),
              result.diagnosis->message.c_str());
  return exit_verdict;
}
