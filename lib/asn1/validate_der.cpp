// validate_der: checks that a blob is exactly one well-formed DER TLV tree, without knowing its
// schema. Used by fuzzing and property tests, and to vet whole certificates cheaply.
#include "asn1/der_rules.hpp"
#include "glasstls/asn1/der_reader.hpp"

namespace glasstls::asn1 {

namespace {

class Walker {
 public:
  explicit Walker(ByteView input) : in_(input) {}

  // Checks the element at `pos` (which must end by `end`) and everything inside it. Returns the
  // offset just past it, or nothing after recording an error.
  std::optional<std::size_t> element(std::size_t pos, std::size_t end, std::size_t depth,
                                     const std::string& path) {
    detail::Header h;
    if (auto p = detail::read_header(in_, pos, end, h))
      return fail(pos, path, std::move(p->reason));
    const std::size_t begin = pos + h.header_size;
    const std::size_t stop = begin + h.length;
    if (h.tag.constructed) {
      if (depth + 1 > max_depth)
        return fail(pos, path,
                    "nesting deeper than " + std::to_string(max_depth) + " constructed values");
      std::size_t p = begin;
      for (std::size_t i = 0; p < stop; ++i) {
        auto next = element(p, stop, depth + 1, path + "[" + std::to_string(i) + "]");
        if (!next) return std::nullopt;
        p = *next;
      }
    } else if (auto p = detail::check_universal_contents(h.tag, in_.subspan(begin, h.length))) {
      return fail(p->at == detail::whole_element ? pos : begin + p->at, path, std::move(p->reason));
    }
    return stop;
  }

  std::optional<std::size_t> fail(std::size_t at, const std::string& path, std::string reason) {
    error_ = DerError{at, path, std::move(reason)};
    return std::nullopt;
  }

  DerError take_error() { return std::move(error_); }

 private:
  ByteView in_;
  DerError error_;
};

}  // namespace

Result<Unit, DerError> validate_der(ByteView der) {
  Walker w(der);
  if (der.empty()) return Err(DerError{0, "der", "empty input: expected one DER element"});
  auto end = w.element(0, der.size(), 0, "der");
  if (!end) return Err(w.take_error());
  if (*end != der.size())
    return Err(DerError{
        *end, "der",
        std::to_string(der.size() - *end) + " trailing bytes after the top-level element"});
  return Unit{};
}

}  // namespace glasstls::asn1
