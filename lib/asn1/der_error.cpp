// Printable forms of tags and DER errors.
#include "glasstls/asn1/der_error.hpp"
#include "glasstls/asn1/tag.hpp"

namespace glasstls::asn1 {

std::string Tag::to_string() const {
  if (cls == TagClass::universal) {
    // X.680 §8.6, Table 1.
    switch (number) {
      case 1:
        return "BOOLEAN";
      case 2:
        return "INTEGER";
      case 3:
        return "BIT STRING";
      case 4:
        return "OCTET STRING";
      case 5:
        return "NULL";
      case 6:
        return "OBJECT IDENTIFIER";
      case 10:
        return "ENUMERATED";
      case 12:
        return "UTF8String";
      case 16:
        return "SEQUENCE";
      case 17:
        return "SET";
      case 18:
        return "NumericString";
      case 19:
        return "PrintableString";
      case 20:
        return "T61String";
      case 22:
        return "IA5String";
      case 23:
        return "UTCTime";
      case 24:
        return "GeneralizedTime";
      case 26:
        return "VisibleString";
      case 28:
        return "UniversalString";
      case 30:
        return "BMPString";
      default:
        return "[UNIVERSAL " + std::to_string(number) + "]";
    }
  }
  std::string s = "[";
  if (cls == TagClass::application) s += "APPLICATION ";
  if (cls == TagClass::private_use) s += "PRIVATE ";
  s += std::to_string(number) + "]";
  s += constructed ? " constructed" : " primitive";
  return s;
}

std::string DerError::to_string() const {
  std::string s = path.empty() ? std::string("DER input") : path;
  s += " at byte " + std::to_string(offset) + ": " + reason;
  return s;
}

}  // namespace glasstls::asn1
