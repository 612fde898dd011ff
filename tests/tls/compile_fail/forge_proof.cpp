// Compiled by CTest, never linked: with FORGE defined to a proof type, this file must NOT compile,
// because only HandshakeChecks can construct the tokens a Connected state is built from
// (include/glasstls/tls/handshake_proof.hpp). Without FORGE it must compile (the control run),
// so a failure for another reason (a missing include, a typo) cannot pass for the refusal.
#include "glasstls/tls/handshake_proof.hpp"

int main() {
#ifdef FORGE
  glasstls::tls::FORGE forged;  // a forged proof: "... is private within this context"
  (void)forged;
#endif
  return 0;
}
