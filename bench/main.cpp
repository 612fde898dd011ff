// glasstls_bench: Google Benchmark driver. Registers every family, records which implementation
// each primitive uses on this machine in the output's context, and runs.
#include <benchmark/benchmark.h>

#include <string>

#include "bench.hpp"
#include "glasstls/core/cpu.hpp"
#include "glasstls/core/registry.hpp"

int main(int argc, char** argv) {
  glasstls::bench::register_hash_benchmarks();
  glasstls::bench::register_aes_gcm_benchmarks();
  glasstls::bench::register_chacha20_poly1305_benchmarks();
  glasstls::bench::register_rsa_benchmarks();
  glasstls::bench::register_curve25519_benchmarks();
  glasstls::bench::register_ec_benchmarks();
  glasstls::bench::register_x509_parse_benchmarks();
  glasstls::bench::register_x509_verify_benchmarks();
  glasstls::bench::register_x509_revocation_benchmarks();
  glasstls::bench::register_tls_record_benchmarks();
  glasstls::bench::register_tls_key_schedule_benchmarks();
  glasstls::bench::register_tls_messages_benchmarks();
  glasstls::bench::register_tls_handshake_benchmarks();

  benchmark::AddCustomContext("glasstls.cpu_features", glasstls::cpu_features().to_string());
  for (const auto& row : glasstls::list_implementations())
    if (row.active)
      benchmark::AddCustomContext("glasstls.default." + std::string(row.primitive),
                                  std::string(row.name));

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
