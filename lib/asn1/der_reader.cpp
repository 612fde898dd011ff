// The strict DER reader (see der_reader.hpp). Header rules live in der_rules.cpp; this file is
// the cursor: it walks elements, checks tags, keeps the path and records the first error.
#include "glasstls/asn1/der_reader.hpp"

#include "asn1/der_rules.hpp"

namespace glasstls::asn1 {

// ---- Der
// ------------------------------------------------------------------------------------------

DerReader Der::root() {
  return DerReader(this, 0, input_.size(), "", 0);
}

DerReader Der::sequence(std::string_view name) {
  DerReader top = root();
  DerReader seq = top.sequence(name);
  if (ok() && !top.at_end())
    fail(top.offset(), std::string(name),
         std::to_string(input_.size() - top.offset()) +
             " trailing bytes after the top-level SEQUENCE");
  return seq;
}

void Der::fail(std::size_t offset, std::string path, std::string reason) {
  if (!error_) error_ = DerError{offset, std::move(path), std::move(reason)};
}

// ---- DerReader: plumbing
// --------------------------------------------------------------------------

std::string DerReader::child_path(std::string_view name) const {
  if (path_.empty()) return std::string(name);
  if (name.empty()) return path_;
  std::string p = path_;
  p += '.';
  p += name;
  return p;
}

void DerReader::fail(std::size_t at, std::string_view name, std::string reason) {
  if (der_ != nullptr) der_->fail(at, child_path(name), std::move(reason));
}

void DerReader::fail_element(const Element& e, std::string_view name, std::size_t byte_index,
                             std::string reason) {
  std::size_t at = e.offset;
  if (byte_index != detail::whole_element)
    at = static_cast<std::size_t>(e.contents.data() - der_->input().data()) + byte_index;
  fail(at, name, std::move(reason));
}

std::optional<Element> DerReader::next(std::string_view name, std::optional<Tag> expected) {
  if (!ok()) return std::nullopt;
  if (at_end()) {
    fail(pos_, name,
         "expected " + (expected ? expected->to_string() : std::string("an element")) +
             " but the enclosing value has no bytes left");
    return std::nullopt;
  }
  const ByteView input = der_->input();
  detail::Header h;
  if (auto problem = detail::read_header(input, pos_, end_, h)) {
    fail(pos_, name, std::move(problem->reason));
    return std::nullopt;
  }
  if (expected && h.tag != *expected) {
    fail(pos_, name, "expected " + expected->to_string() + ", found " + h.tag.to_string());
    return std::nullopt;
  }
  Element e{h.tag, pos_, input.subspan(pos_, h.header_size + h.length),
            input.subspan(pos_ + h.header_size, h.length)};
  pos_ += h.header_size + h.length;
  return e;
}

DerReader DerReader::child(const Element& e, std::string_view name) {
  if (!e.tag.constructed) {
    fail(e.offset, name, "cannot read fields inside a primitive " + e.tag.to_string());
    return DerReader();
  }
  if (depth_ + 1 > max_depth) {
    fail(e.offset, name,
         "nesting deeper than " + std::to_string(max_depth) + " constructed values");
    return DerReader();
  }
  const auto begin = static_cast<std::size_t>(e.contents.data() - der_->input().data());
  return DerReader(der_, begin, begin + e.contents.size(), child_path(name), depth_ + 1);
}

std::optional<Tag> DerReader::peek_tag() {
  if (!ok() || at_end()) return std::nullopt;
  detail::Header h;
  if (auto problem = detail::read_header(der_->input(), pos_, end_, h)) {
    fail(pos_, "", std::move(problem->reason));
    return std::nullopt;
  }
  return h.tag;
}

void DerReader::finish() {
  if (ok() && pos_ < end_)
    fail(pos_, "", std::to_string(end_ - pos_) + " trailing bytes after the last field");
}

// ---- constructed values
// --------------------------------------------------------------------------

DerReader DerReader::sequence(std::string_view name) {
  auto e = next(name, tags::sequence);
  return e ? child(*e, name) : DerReader();
}

DerReader DerReader::set(std::string_view name) {
  auto e = next(name, tags::set);
  return e ? child(*e, name) : DerReader();
}

DerReader DerReader::explicit_tag(std::uint32_t n, std::string_view name) {
  auto e = next(name, Tag::context(n, true));
  return e ? child(*e, name) : DerReader();
}

std::optional<DerReader> DerReader::optional_explicit(std::uint32_t n, std::string_view name) {
  if (!next_is(Tag::context(n, true))) return std::nullopt;
  return explicit_tag(n, name);
}

DerReader DerReader::implicit_constructed(std::uint32_t n, std::string_view name) {
  return explicit_tag(n, name);  // same bytes on the wire: a constructed [n] around the contents
}

std::optional<DerReader> DerReader::optional_implicit_constructed(std::uint32_t n,
                                                                  std::string_view name) {
  return optional_explicit(n, name);
}

ByteView DerReader::implicit_primitive(std::uint32_t n, std::string_view name) {
  auto e = next(name, Tag::context(n, false));
  return e ? e->contents : ByteView();
}

std::optional<ByteView> DerReader::optional_implicit_primitive(std::uint32_t n,
                                                               std::string_view name) {
  if (!next_is(Tag::context(n, false))) return std::nullopt;
  return implicit_primitive(n, name);
}

std::string DerReader::implicit_string(std::uint32_t n, Tag type, std::string_view name) {
  auto e = next(name, Tag::context(n, false));
  return e ? check_string(*e, type, name) : std::string();
}

BitString DerReader::implicit_bit_string(std::uint32_t n, std::string_view name) {
  auto e = next(name, Tag::context(n, false));
  return e ? check_bit_string(*e, name) : BitString{};
}

// ---- any element
// ---------------------------------------------------------------------------------

Element DerReader::element(std::string_view name) {
  return next(name, std::nullopt).value_or(Element{});
}

Element DerReader::element(Tag tag, std::string_view name) {
  return next(name, tag).value_or(Element{});
}

std::optional<Element> DerReader::optional_element(Tag tag, std::string_view name) {
  if (!next_is(tag)) return std::nullopt;
  return next(name, tag);
}

DerReader DerReader::enter(const Element& e, std::string_view name) {
  if (!ok()) return DerReader();
  return child(e, name);
}

// ---- primitive values
// ----------------------------------------------------------------------------

ByteView DerReader::integer(std::string_view name) {
  auto e = next(name, tags::integer);
  if (!e) return {};
  if (auto p = detail::check_integer(e->contents)) {
    fail_element(*e, name, detail::whole_element, std::move(p->reason));
    return {};
  }
  return e->contents;
}

ByteView DerReader::unsigned_integer(std::string_view name) {
  const std::size_t at = pos_;
  ByteView c = integer(name);
  if (c.empty()) return {};
  if ((c[0] & 0x80) != 0) {
    fail(at, name, "INTEGER must not be negative here");
    return {};
  }
  // The minimal encoding has a 0x00 first only when the next byte has its top bit set (or for
  // zero itself): that byte is the sign, not part of the magnitude.
  if (c.size() > 1 && c[0] == 0x00) c = c.subspan(1);
  return c;
}

std::int64_t DerReader::to_int64(const Element& e, std::string_view name) {
  if (auto p = detail::check_integer(e.contents)) {
    fail_element(e, name, detail::whole_element, std::move(p->reason));
    return 0;
  }
  if (e.contents.size() > 8) {
    fail(e.offset, name, e.tag.to_string() + " does not fit in 64 bits");
    return 0;
  }
  // Two's complement: start from all ones for a negative value, then shift the bytes in.
  std::uint64_t v = (e.contents[0] & 0x80) != 0 ? ~std::uint64_t{0} : 0;
  for (std::uint8_t b : e.contents) v = (v << 8) | b;
  return static_cast<std::int64_t>(v);
}

std::int64_t DerReader::small_integer(std::string_view name) {
  auto e = next(name, tags::integer);
  return e ? to_int64(*e, name) : 0;
}

std::int64_t DerReader::enumerated(std::string_view name) {
  auto e = next(name, tags::enumerated);
  return e ? to_int64(*e, name) : 0;
}

bool DerReader::boolean(std::string_view name) {
  auto e = next(name, tags::boolean);
  if (!e) return false;
  if (auto p = detail::check_boolean(e->contents)) {
    fail_element(*e, name, p->at, std::move(p->reason));
    return false;
  }
  return e->contents[0] == 0xff;
}

std::optional<bool> DerReader::optional_boolean(std::string_view name) {
  if (!next_is(tags::boolean)) return std::nullopt;
  return boolean(name);
}

void DerReader::null(std::string_view name) {
  auto e = next(name, tags::null);
  if (!e) return;
  if (auto p = detail::check_null(e->contents)) fail_element(*e, name, p->at, std::move(p->reason));
}

Oid DerReader::oid(std::string_view name) {
  auto e = next(name, tags::oid);
  if (!e) return {};
  if (auto p = detail::check_oid(e->contents)) {
    fail_element(*e, name, p->at, std::move(p->reason));
    return {};
  }
  auto o = Oid::from_der_contents(e->contents);
  if (!o) {
    fail(e->offset, name,
         "OBJECT IDENTIFIER longer than " + std::to_string(Oid::max_size) +
             " bytes (glasstls limit)");
    return {};
  }
  return *o;
}

BitString DerReader::check_bit_string(const Element& e, std::string_view name) {
  if (auto p = detail::check_bit_string(e.contents)) {
    fail_element(e, name, p->at, std::move(p->reason));
    return {};
  }
  return BitString{e.contents[0], e.contents.subspan(1)};
}

BitString DerReader::bit_string(std::string_view name) {
  auto e = next(name, tags::bit_string);
  return e ? check_bit_string(*e, name) : BitString{};
}

ByteView DerReader::bit_string_bytes(std::string_view name) {
  const std::size_t at = pos_;
  const BitString b = bit_string(name);
  if (b.unused_bits != 0) {
    fail(at, name, "BIT STRING must have no unused bits here (a key or signature is whole bytes)");
    return {};
  }
  return b.bytes;
}

ByteView DerReader::octet_string(std::string_view name) {
  auto e = next(name, tags::octet_string);
  return e ? e->contents : ByteView();
}

std::string DerReader::check_string(const Element& e, Tag type, std::string_view name) {
  std::string out;
  if (auto p = detail::decode_string(type, e.contents, out)) {
    fail_element(e, name, p->at, std::move(p->reason));
    return {};
  }
  return out;
}

DerString DerReader::string(std::string_view name) {
  auto e = next(name, std::nullopt);
  if (!e) return {};
  if (!is_string_type(e->tag)) {
    fail(e->offset, name, "expected a character string type, found " + e->tag.to_string());
    return {};
  }
  return DerString{e->tag, check_string(*e, e->tag, name)};
}

std::string DerReader::string(Tag type, std::string_view name) {
  auto e = next(name, type);
  return e ? check_string(*e, type, name) : std::string();
}

WallTime DerReader::check_time(const Element& e, Tag type, std::string_view name) {
  WallTime t{};
  if (auto p = detail::decode_time(type, e.contents, t)) {
    fail_element(e, name, p->at, std::move(p->reason));
    return {};
  }
  return t;
}

WallTime DerReader::utc_time(std::string_view name) {
  auto e = next(name, tags::utc_time);
  return e ? check_time(*e, tags::utc_time, name) : WallTime{};
}

WallTime DerReader::generalized_time(std::string_view name) {
  auto e = next(name, tags::generalized_time);
  return e ? check_time(*e, tags::generalized_time, name) : WallTime{};
}

WallTime DerReader::time(std::string_view name) {
  auto e = next(name, std::nullopt);
  if (!e) return {};
  if (e->tag != tags::utc_time && e->tag != tags::generalized_time) {
    fail(e->offset, name, "expected UTCTime or GeneralizedTime, found " + e->tag.to_string());
    return {};
  }
  return check_time(*e, e->tag, name);
}

}  // namespace glasstls::asn1
