#include <cstdio>
#include "glasstls/core/cpu.hpp"
int main() { std::printf("cpu: %s\n", glasstls::cpu_features().to_string().c_str()); }
