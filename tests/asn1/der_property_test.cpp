// Property tests (fixed seeds, so every run checks the same cases):
//  * random DER trees written by DerWriter read back identically with DerReader and validate_der;
//  * every strict prefix of a valid encoding is rejected, by the reader and by validate_der;
//  * bit flips and byte changes never crash either (run under ASan in CI).
#include <cstdint>
#include <random>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "glasstls/asn1/der_reader.hpp"
#include "glasstls/asn1/der_writer.hpp"
#include "glasstls/asn1/oid_table.hpp"

namespace glasstls::asn1 {
namespace {

// A random value: a leaf of one kind, or a SEQUENCE / SET / [n] EXPLICIT of children.
struct Node {
  enum Kind {
    kInt,
    kBool,
    kNull,
    kOid,
    kBits,
    kOctets,
    kUtf8,
    kPrintable,
    kBmp,
    kTime,
    kSeq,
    kExplicit
  };
  Kind kind = kNull;
  std::int64_t i = 0;
  Bytes bytes;
  std::uint8_t unused = 0;
  std::string text;
  WallTime time{};
  std::uint32_t tag = 0;
  std::vector<Node> children;
};

class Gen {
 public:
  explicit Gen(std::uint32_t seed) : rng_(seed) {}

  std::uint64_t below(std::uint64_t n) {
    return std::uniform_int_distribution<std::uint64_t>(0, n - 1)(rng_);
  }

  Node node(std::size_t depth) {
    Node n;
    const std::uint64_t k = below(depth < 6 ? 12 : 10);
    n.kind = static_cast<Node::Kind>(k);
    switch (n.kind) {
      case Node::kInt: {
        // Mix tiny, byte-boundary and full-width values.
        const std::int64_t edges[] = {0,    1,   -1,  127,       128,      -128,
                                      -129, 255, 256, INT64_MAX, INT64_MIN};
        n.i = below(2) ? edges[below(std::size(edges))] : static_cast<std::int64_t>(rng_());
        break;
      }
      case Node::kBool:
        n.i = static_cast<std::int64_t>(below(2));
        break;
      case Node::kNull:
        break;
      case Node::kOid: {
        std::string d = std::to_string(below(3));
        d += "." + std::to_string(below(40));
        for (std::uint64_t a = below(6); a > 0; --a) d += "." + std::to_string(rng_() >> below(64));
        n.text = d;
        break;
      }
      case Node::kBits:
        n.bytes = random_bytes(below(40));
        if (!n.bytes.empty()) {
          n.unused = static_cast<std::uint8_t>(below(8));
          n.bytes.back() = static_cast<std::uint8_t>(n.bytes.back() & ~((1u << n.unused) - 1));
        }
        break;
      case Node::kOctets:
        n.bytes = random_bytes(below(4) == 0 ? 300 : below(40));
        break;
      case Node::kUtf8: {
        const char* pieces[] = {"a",   "Z", " ", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80",
                                "\x7f"};
        for (std::uint64_t c = below(12); c > 0; --c) n.text += pieces[below(std::size(pieces))];
        break;
      }
      case Node::kPrintable: {
        const std::string alphabet = "ABCxyz019 '()+,-./:=?";
        for (std::uint64_t c = below(20); c > 0; --c) n.text += alphabet[below(alphabet.size())];
        break;
      }
      case Node::kBmp: {
        const char* pieces[] = {"a", "\xc3\xa9", "\xe2\x82\xac", "\xe4\xb8\xad"};
        for (std::uint64_t c = below(8); c > 0; --c) n.text += pieces[below(std::size(pieces))];
        break;
      }
      case Node::kTime:
        // Anywhere in 0001..9999 (GeneralizedTime range), whole seconds.
        n.time = WallTime{std::chrono::seconds(static_cast<std::int64_t>(below(315537897600ull)) -
                                               62135596800ll)};
        break;
      case Node::kSeq:
      case Node::kExplicit:
        n.tag = static_cast<std::uint32_t>(below(4) == 0 ? 31 + below(300) : below(31));
        for (std::uint64_t c = below(5); c > 0; --c) n.children.push_back(node(depth + 1));
        if (n.kind == Node::kExplicit && n.children.empty()) n.children.push_back(Node{});
        if (n.kind == Node::kExplicit) n.children.resize(1);
        break;
    }
    return n;
  }

  Bytes random_bytes(std::uint64_t len) {
    Bytes b(len);
    for (auto& x : b) x = static_cast<std::uint8_t>(rng_());
    return b;
  }

 private:
  std::mt19937_64 rng_;
};

void write(DerWriter& w, const Node& n) {
  switch (n.kind) {
    case Node::kInt:
      w.integer(n.i);
      break;
    case Node::kBool:
      w.boolean(n.i != 0);
      break;
    case Node::kNull:
      w.null();
      break;
    case Node::kOid:
      w.oid(*Oid::from_dotted(n.text));
      break;
    case Node::kBits:
      w.bit_string(n.bytes, n.unused);
      break;
    case Node::kOctets:
      w.octet_string(n.bytes);
      break;
    case Node::kUtf8:
      w.utf8_string(n.text);
      break;
    case Node::kPrintable:
      w.printable_string(n.text);
      break;
    case Node::kBmp:
      w.string(tags::bmp_string, n.text);
      break;
    case Node::kTime:
      w.time(n.time);
      break;
    case Node::kSeq:
      w.sequence([&](DerWriter& s) {
        for (const auto& c : n.children) write(s, c);
      });
      break;
    case Node::kExplicit:
      w.explicit_tag(n.tag, [&](DerWriter& s) { write(s, n.children[0]); });
      break;
  }
}

// Reads `n` back with the typed reads and checks every value.
void read_and_check(DerReader& r, const Node& n) {
  switch (n.kind) {
    case Node::kInt:
      EXPECT_EQ(r.small_integer("int"), n.i);
      break;
    case Node::kBool:
      EXPECT_EQ(r.boolean("bool"), n.i != 0);
      break;
    case Node::kNull:
      r.null("null");
      break;
    case Node::kOid:
      EXPECT_EQ(r.oid("oid").to_dotted(), n.text);
      break;
    case Node::kBits: {
      auto b = r.bit_string("bits");
      EXPECT_EQ(b.unused_bits, n.unused);
      EXPECT_EQ(Bytes(b.bytes.begin(), b.bytes.end()), n.bytes);
      break;
    }
    case Node::kOctets: {
      auto o = r.octet_string("octets");
      EXPECT_EQ(Bytes(o.begin(), o.end()), n.bytes);
      break;
    }
    case Node::kUtf8:
      EXPECT_EQ(r.string(tags::utf8_string, "utf8"), n.text);
      break;
    case Node::kPrintable:
      EXPECT_EQ(r.string(tags::printable_string, "printable"), n.text);
      break;
    case Node::kBmp:
      EXPECT_EQ(r.string(tags::bmp_string, "bmp"), n.text);
      break;
    case Node::kTime:
      EXPECT_EQ(r.time("time"), n.time);
      break;
    case Node::kSeq: {
      auto s = r.sequence("seq");
      for (const auto& c : n.children) read_and_check(s, c);
      s.finish();
      break;
    }
    case Node::kExplicit: {
      auto s = r.explicit_tag(n.tag, "explicit");
      read_and_check(s, n.children[0]);
      s.finish();
      break;
    }
  }
}

Bytes encode_tree(const Node& root) {
  DerWriter w;
  w.sequence([&](DerWriter& s) { write(s, root); });
  EXPECT_TRUE(w.ok()) << w.error();
  return w.take();
}

TEST(DerProperty, WriterOutputReadsBackExactly) {
  Gen gen(20240601);
  for (int round = 0; round < 400; ++round) {
    const Node tree = gen.node(0);
    const Bytes der = encode_tree(tree);
    ASSERT_TRUE(validate_der(der).ok()) << validate_der(der).error().to_string();
    Der d(der);
    auto top = d.sequence("top");
    read_and_check(top, tree);
    top.finish();
    ASSERT_TRUE(d.ok()) << "round " << round << ": " << d.error().to_string() << "\n"
                        << hex_encode(der);
    // Reading the same bytes again and re-encoding the whole element is the identity.
    Der d2(der);
    auto again = d2.root();
    Element e = again.element("top");
    EXPECT_EQ(Bytes(e.encoding.begin(), e.encoding.end()), der);
  }
}

// Reads one element generically: universal primitives with their typed read (so contents checks
// run), everything constructed entered and walked.
void walk(DerReader r);
void walk_one(DerReader& r) {
  auto tag = r.peek_tag();
  if (!tag) {
    (void)r.element("missing");  // at the end: records "no bytes left"
    return;
  }
  if (tag->constructed) {
    walk(r.enter(r.element("c"), "c"));
    return;
  }
  switch (tag->cls == TagClass::universal ? tag->number : 0) {
    case 1:
      (void)r.boolean("b");
      break;
    case 2:
      (void)r.integer("i");
      break;
    case 3:
      (void)r.bit_string("bits");
      break;
    case 5:
      r.null("n");
      break;
    case 6:
      (void)r.oid("o");
      break;
    case 10:
      (void)r.enumerated("e");
      break;
    case 23:
    case 24:
      (void)r.time("t");
      break;
    default:
      if (is_string_type(*tag)) {
        (void)r.string("s");
      } else {
        (void)r.element("e");
      }
  }
}

// Walks every element at this level, then checks nothing is left.
void walk(DerReader r) {
  while (r.ok() && !r.at_end()) walk_one(r);
  r.finish();
}

// Walks `d` as exactly one top-level element, like validate_der.
void walk_top(Der& d) {
  auto r = d.root();
  walk_one(r);
  r.finish();
}

TEST(DerProperty, EveryStrictPrefixIsRejected) {
  Gen gen(7);
  for (int round = 0; round < 60; ++round) {
    const Bytes der = encode_tree(gen.node(0));
    for (std::size_t len = 0; len < der.size(); ++len) {
      const Bytes prefix(der.begin(), der.begin() + static_cast<std::ptrdiff_t>(len));
      ASSERT_FALSE(validate_der(prefix).ok()) << "prefix " << len << " of " << hex_encode(der);
      Der d(prefix);
      walk_top(d);
      { ASSERT_FALSE(d.ok()) << "prefix " << len << " of " << hex_encode(der); }
      // The reader reads a SEQUENCE at the top; a prefix is either cut off or has no SEQUENCE.
      Der d2(prefix);
      auto s = d2.sequence("top");
      walk(s);
      ASSERT_FALSE(d2.ok()) << "prefix " << len << " of " << hex_encode(der);
    }
  }
}

TEST(DerProperty, MutationsNeverCrash) {
  Gen gen(99);
  std::mt19937 rng(5);
  std::size_t rejected = 0, total = 0;
  for (int round = 0; round < 60; ++round) {
    const Bytes der = encode_tree(gen.node(0));
    // Every single-bit flip.
    for (std::size_t bit = 0; bit < der.size() * 8; ++bit) {
      Bytes m = der;
      m[bit / 8] = static_cast<std::uint8_t>(m[bit / 8] ^ (1u << (bit % 8)));
      const bool valid = validate_der(m).ok();
      Der d(m);
      walk_top(d);
      // The generic reader and validate_der agree on headers; the typed walk may also reject
      // (e.g. a flipped tag now names a type whose contents are wrong), never the reverse.
      if (d.ok()) {
        EXPECT_TRUE(valid) << hex_encode(m);
      }
      rejected += valid ? 0 : 1;
      ++total;
    }
    // Random byte overwrites and truncations with junk appended.
    for (int k = 0; k < 50; ++k) {
      Bytes m = der;
      m[rng() % m.size()] = static_cast<std::uint8_t>(rng());
      if (rng() % 4 == 0) m.resize(rng() % m.size());
      if (rng() % 4 == 0) m.push_back(static_cast<std::uint8_t>(rng()));
      const bool valid = validate_der(m).ok();
      Der d(m);
      walk_top(d);
      if (d.ok()) {
        EXPECT_TRUE(valid) << hex_encode(m);
      }
    }
  }
  // Flips inside OCTET STRING and BIT STRING contents are harmless; headers and typed contents
  // are not, so a good share of flips must be caught.
  EXPECT_GT(rejected, total / 10);
}

TEST(DerProperty, RandomBytesNeverCrash) {
  std::mt19937 rng(1234);
  for (int i = 0; i < 20000; ++i) {
    Bytes b(rng() % 64);
    for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    if (!b.empty() && rng() % 2) b[0] = 0x30;
    const bool valid = validate_der(b).ok();
    Der d(b);
    walk_top(d);
    if (d.ok()) {
      EXPECT_TRUE(valid) << hex_encode(b);
    }
  }
}

}  // namespace
}  // namespace glasstls::asn1
