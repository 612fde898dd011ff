// Fixed P-256 and P-384 key files written by the OpenSSL 3.0 command line, shared by the EC key
// file tests.
//
// The keys are RFC 6979's: §A.2.5 (P-256) and §A.2.6 (P-384). OpenSSL was given a minimal
// ECPrivateKey holding only version, privateKey and parameters, built with
//     openssl asn1parse -genconf p256.cnf -out p256.min.der -noout
// from the config
//     asn1=SEQUENCE:ec
//     [ec]
//     version=INT:1
//     key=FORMAT:HEX,OCTETSTRING:C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721
//     params=EXP:0,OID:prime256v1
// (secp384r1 and §A.2.6's x for P-384). OpenSSL computes the public key when it loads it; then
//     openssl ec -inform DER -in p256.min.der -outform DER            SEC1 DER ("-outform PEM":
//     PEM) openssl pkcs8 -topk8 -nocrypt -inform DER -in sec1.der -outform DER   PKCS#8 DER openssl
//     pkey -inform DER -in sec1.der                                 PKCS#8 PEM openssl pkey -inform
//     DER -in sec1.der -pubout -outform DER            SPKI DER (and PEM)
// The public points OpenSSL computed equal RFC 6979's Ux, Uy.
#pragma once

#include <string_view>

#include "glasstls/crypto/ec.hpp"

namespace glasstls::crypto::ec_key_test {

struct FixedKey {
  EcCurve curve;
  std::string_view d;  // RFC 6979 x
  std::string_view ux;
  std::string_view uy;
  std::string_view sec1_der;
  std::string_view pkcs8_der;
  std::string_view spki_der;
  std::string_view sec1_pem;
  std::string_view pkcs8_pem;
  std::string_view spki_pem;
};

inline constexpr FixedKey kP256{
    EcCurve::p256,
    // RFC 6979 §A.2.5.
    "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721",
    "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6",
    "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299",
    // openssl ec -outform DER
    "30770201010420c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721a00a06082a8648ce"
    "3d"
    "030107a1440342000460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb67903fe1008b8"
    "bc"
    "99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299",
    // openssl pkcs8 -topk8 -nocrypt -outform DER
    "308187020100301306072a8648ce3d020106082a8648ce3d030107046d306b0201010420c9afa9d845ba75166b5c21"
    "57"
    "67b1d6934e50c3db36e89b127b8a622b120f6721a1440342000460fed4ba255a9d31c961eb74c6356d68c049b8923b"
    "61"
    "fa6ce669622e60f29fb67903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299",
    // openssl pkey -pubout -outform DER
    "3059301306072a8648ce3d020106082a8648ce3d0301070342000460fed4ba255a9d31c961eb74c6356d68c049b892"
    "3b"
    "61fa6ce669622e60f29fb67903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299",
    "-----BEGIN EC PRIVATE KEY-----\n"
    "MHcCAQEEIMmvqdhFunUWa1whV2ex1pNOUMPbNuibEnuKYisSD2choAoGCCqGSM49\n"
    "AwEHoUQDQgAEYP7UuiVanTHJYet0xjVtaMBJuJI7Yfps5mliLmDyn7Z5A/4QCLi8\n"
    "maQa6elWKLxk8vGyDC1+n1F3o8KU1EYimQ==\n"
    "-----END EC PRIVATE KEY-----\n",
    "-----BEGIN PRIVATE KEY-----\n"
    "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgya+p2EW6dRZrXCFX\n"
    "Z7HWk05Qw9s26JsSe4piKxIPZyGhRANCAARg/tS6JVqdMclh63TGNW1owEm4kjth\n"
    "+mzmaWIuYPKftnkD/hAIuLyZpBrp6VYovGTy8bIMLX6fUXejwpTURiKZ\n"
    "-----END PRIVATE KEY-----\n",
    "-----BEGIN PUBLIC KEY-----\n"
    "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYP7UuiVanTHJYet0xjVtaMBJuJI7\n"
    "Yfps5mliLmDyn7Z5A/4QCLi8maQa6elWKLxk8vGyDC1+n1F3o8KU1EYimQ==\n"
    "-----END PUBLIC KEY-----\n",
};

inline constexpr FixedKey kP384{
    EcCurve::p384,
    // RFC 6979 §A.2.6.
    "6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D896D5724E4C70A825F872C9EA60D2ED"
    "F5",
    "EC3A4E415B4E19A4568618029F427FA5DA9A8BC4AE92E02E06AAE5286B300C64DEF8F0EA9055866064A254515480BC"
    "13",
    "8015D9B72D7D57244EA8EF9AC0C621896708A59367F9DFB9F54CA84B3F1C9DB1288B231C3AE0D4FE7344FD25332647"
    "20",
    // openssl ec -outform DER
    "3081a402010104306b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d896d5724e4c70a8"
    "25"
    "f872c9ea60d2edf5a00706052b81040022a16403620004ec3a4e415b4e19a4568618029f427fa5da9a8bc4ae92e02e"
    "06"
    "aae5286b300c64def8f0ea9055866064a254515480bc138015d9b72d7d57244ea8ef9ac0c621896708a59367f9dfb9"
    "f5"
    "4ca84b3f1c9db1288b231c3ae0d4fe7344fd2533264720",
    // openssl pkcs8 -topk8 -nocrypt -outform DER
    "3081b6020100301006072a8648ce3d020106052b8104002204819e30819b02010104306b9d3dad2e1b8c1c05b19875"
    "b6"
    "659f4de23c3b667bf297ba9aa47740787137d896d5724e4c70a825f872c9ea60d2edf5a16403620004ec3a4e415b4e"
    "19"
    "a4568618029f427fa5da9a8bc4ae92e02e06aae5286b300c64def8f0ea9055866064a254515480bc138015d9b72d7d"
    "57"
    "244ea8ef9ac0c621896708a59367f9dfb9f54ca84b3f1c9db1288b231c3ae0d4fe7344fd2533264720",
    // openssl pkey -pubout -outform DER
    "3076301006072a8648ce3d020106052b8104002203620004ec3a4e415b4e19a4568618029f427fa5da9a8bc4ae92e0"
    "2e"
    "06aae5286b300c64def8f0ea9055866064a254515480bc138015d9b72d7d57244ea8ef9ac0c621896708a59367f9df"
    "b9"
    "f54ca84b3f1c9db1288b231c3ae0d4fe7344fd2533264720",
    "-----BEGIN EC PRIVATE KEY-----\n"
    "MIGkAgEBBDBrnT2tLhuMHAWxmHW2ZZ9N4jw7Znvyl7qapHdAeHE32JbVck5McKgl\n"
    "+HLJ6mDS7fWgBwYFK4EEACKhZANiAATsOk5BW04ZpFaGGAKfQn+l2pqLxK6S4C4G\n"
    "quUoazAMZN748OqQVYZgZKJUUVSAvBOAFdm3LX1XJE6o75rAxiGJZwilk2f537n1\n"
    "TKhLPxydsSiLIxw64NT+c0T9JTMmRyA=\n"
    "-----END EC PRIVATE KEY-----\n",
    "-----BEGIN PRIVATE KEY-----\n"
    "MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDBrnT2tLhuMHAWxmHW2\n"
    "ZZ9N4jw7Znvyl7qapHdAeHE32JbVck5McKgl+HLJ6mDS7fWhZANiAATsOk5BW04Z\n"
    "pFaGGAKfQn+l2pqLxK6S4C4GquUoazAMZN748OqQVYZgZKJUUVSAvBOAFdm3LX1X\n"
    "JE6o75rAxiGJZwilk2f537n1TKhLPxydsSiLIxw64NT+c0T9JTMmRyA=\n"
    "-----END PRIVATE KEY-----\n",
    "-----BEGIN PUBLIC KEY-----\n"
    "MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE7DpOQVtOGaRWhhgCn0J/pdqai8SukuAu\n"
    "BqrlKGswDGTe+PDqkFWGYGSiVFFUgLwTgBXZty19VyROqO+awMYhiWcIpZNn+d+5\n"
    "9UyoSz8cnbEoiyMcOuDU/nNE/SUzJkcg\n"
    "-----END PUBLIC KEY-----\n",
};

// openssl ecparam -name prime256v1 / -name secp384r1: the block `openssl ecparam -genkey` writes
// before the key unless given -noout.
inline constexpr std::string_view kEcParametersP256Pem =
    "-----BEGIN EC PARAMETERS-----\n"
    "BggqhkjOPQMBBw==\n"
    "-----END EC PARAMETERS-----\n";
inline constexpr std::string_view kEcParametersP384Pem =
    "-----BEGIN EC PARAMETERS-----\n"
    "BgUrgQQAIg==\n"
    "-----END EC PARAMETERS-----\n";

// The P-256 domain parameters spelled out (specifiedCurve, X9.62 SpecifiedECDomain):
// openssl ecparam -name prime256v1 -param_enc explicit.
inline constexpr std::string_view kEcParametersExplicitP256Pem =
    "-----BEGIN EC PARAMETERS-----\n"
    "MIH3AgEBMCwGByqGSM49AQECIQD/////AAAAAQAAAAAAAAAAAAAAAP//////////\n"
    "/////zBbBCD/////AAAAAQAAAAAAAAAAAAAAAP///////////////AQgWsY12Ko6\n"
    "k+ez671VdpiGvGUdBrDMU7D2O848PifSYEsDFQDEnTYIhucEk2pmeOETnSa3gZ9+\n"
    "kARBBGsX0fLhLEJH+Lzm5WOkQPJ3A32BLeszoPShOUXYmMKWT+NC4v4af5uO5+tK\n"
    "fA+eFivOM1drMV7Oy7ZAaDe/UfUCIQD/////AAAAAP//////////vOb6racXnoTz\n"
    "ucrC/GMlUQIBAQ==\n"
    "-----END EC PARAMETERS-----\n";

// The RFC 6979 P-256 key with specifiedCurve parameters:
// openssl ec -inform DER -in sec1.der -param_enc explicit -pubout -outform DER (SPKI) and the same
// without -pubout (SEC1).
inline constexpr std::string_view kP256ExplicitSpkiDer =
    "3082014b3082010306072a8648ce3d02013081f7020101302c06072a8648ce3d0101022100ffffffff000000010000"
    "00000000000000000000ffffffffffffffffffffffff305b0420ffffffff00000001000000000000000000000000ff"
    "fffffffffffffffffffffc04205ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b0315"
    "00c49d360886e704936a6678e1139d26b7819f7e900441046b17d1f2e12c4247f8bce6e563a440f277037d812deb33"
    "a0f4a13945d898c2964fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5022100ffffff"
    "ff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc6325510201010342000460fed4ba255a9d31c961eb"
    "74c6356d68c049b8923b61fa6ce669622e60f29fb67903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3"
    "c294d4462299";
inline constexpr std::string_view kP256ExplicitSec1Der =
    "308201680201010420c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721a081fa3081f7"
    "020101302c06072a8648ce3d0101022100ffffffff00000001000000000000000000000000ffffffffffffffffffff"
    "ffff305b0420ffffffff00000001000000000000000000000000fffffffffffffffffffffffc04205ac635d8aa3a93"
    "e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b031500c49d360886e704936a6678e1139d26b7819f7e"
    "900441046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c2964fe342e2fe1a7f9b8ee7eb"
    "4a7c0f9e162bce33576b315ececbb6406837bf51f5022100ffffffff00000000ffffffffffffffffbce6faada7179e"
    "84f3b9cac2fc632551020101a1440342000460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60"
    "f29fb67903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299";

// The RFC 6979 P-256 public key compressed (first byte 03: Uy is odd):
// openssl ec -inform DER -in sec1.der -conv_form compressed -pubout -outform DER.
inline constexpr std::string_view kP256CompressedSpkiDer =
    "3039301306072a8648ce3d020106082a8648ce3d0301070322000360fed4ba255a9d31c961eb74c6356d68c049b892"
    "3b61fa6ce669622e60f29fb6";

}  // namespace glasstls::crypto::ec_key_test
