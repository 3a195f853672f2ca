// services/matching/engine/byte_codec.h
//
// The small binary forms the matching service keeps: varints, zigzag-signed
// integers, length-prefixed strings, sorted delta-encoded hashes. ByteWriter
// appends to a string; ByteReader reads one back and says false on anything
// truncated or out of bounds, so a corrupt input is an error, never a crash
// or a huge allocation.
//
//   ByteWriter w;
//   w.Varint(n);
//   w.String(name);
//   ByteReader r(w.bytes());
//   if (!r.Varint(n) || !r.String(name) || !r.done()) return corrupt;
#ifndef COREMATCH_SERVICES_MATCHING_ENGINE_BYTE_CODEC_H_
#define COREMATCH_SERVICES_MATCHING_ENGINE_BYTE_CODEC_H_

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace corematch::matching {

class ByteWriter {
 public:
  void Byte(uint8_t b) { out_.push_back(static_cast<char>(b)); }
  void Varint(uint64_t v) {
    while (v >= 0x80) {
      Byte(static_cast<uint8_t>(v | 0x80));
      v >>= 7;
    }
    Byte(static_cast<uint8_t>(v));
  }
  void Signed(int64_t v) {
    Varint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
  }
  void Double(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof(bits));
    for (int i = 0; i < 8; ++i) Byte(static_cast<uint8_t>(bits >> (8 * i)));
  }
  void String(absl::string_view s) {
    Varint(s.size());
    out_.append(s.data(), s.size());
  }
  void Strings(const std::vector<std::string>& list) {
    Varint(list.size());
    for (const std::string& s : list) String(s);
  }
  void Hashes(std::vector<uint32_t> hashes) {
    std::sort(hashes.begin(), hashes.end());
    Varint(hashes.size());
    uint32_t previous = 0;
    for (uint32_t h : hashes) {
      Varint(h - previous);
      previous = h;
    }
  }

  absl::string_view bytes() const { return out_; }
  size_t size() const { return out_.size(); }
  void Clear() { out_.clear(); }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

class ByteReader {
 public:
  // Counts above this are refused: a corrupt count must not allocate gigabytes.
  static constexpr uint64_t kMaxCount = 1u << 24;

  explicit ByteReader(absl::string_view in) : in_(in) {}

  bool Byte(uint8_t& b) {
    if (pos_ >= in_.size()) return false;
    b = static_cast<uint8_t>(in_[pos_++]);
    return true;
  }
  bool Varint(uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      uint8_t b;
      if (!Byte(b)) return false;
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) return true;
    }
    return false;
  }
  // A varint that must fit T.
  template <typename T>
  bool Small(T& value) {
    uint64_t v;
    if (!Varint(v) || v > static_cast<uint64_t>(std::numeric_limits<T>::max())) return false;
    value = static_cast<T>(v);
    return true;
  }
  bool Signed(int64_t& v) {
    uint64_t u;
    if (!Varint(u)) return false;
    v = static_cast<int64_t>(u >> 1) ^ -static_cast<int64_t>(u & 1);
    return true;
  }
  bool Double(double& v) {
    if (in_.size() - pos_ < 8) return false;
    uint64_t bits = 0;
    for (int i = 0; i < 8; ++i)
      bits |= static_cast<uint64_t>(static_cast<uint8_t>(in_[pos_++])) << (8 * i);
    std::memcpy(&v, &bits, sizeof(v));
    return true;
  }
  // A count of items that each take at least a byte of what is left.
  bool Count(uint64_t& n) { return Varint(n) && n <= kMaxCount && n <= in_.size() - pos_; }
  bool String(std::string& s) {
    uint64_t n;
    if (!Varint(n) || n > in_.size() - pos_) return false;
    s.assign(in_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  bool Strings(std::vector<std::string>& list) {
    uint64_t n;
    if (!Count(n)) return false;
    list.resize(n);
    for (std::string& s : list) {
      if (!String(s)) return false;
    }
    return true;
  }
  bool Hashes(std::vector<uint32_t>& hashes) {
    uint64_t n;
    if (!Count(n)) return false;
    hashes.resize(n);
    uint64_t previous = 0;
    for (uint32_t& h : hashes) {
      uint64_t delta;
      if (!Varint(delta) || previous + delta > UINT32_MAX) return false;
      previous += delta;
      h = static_cast<uint32_t>(previous);
    }
    return true;
  }
  bool done() const { return pos_ == in_.size(); }

 private:
  absl::string_view in_;
  size_t pos_ = 0;
};

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_ENGINE_BYTE_CODEC_H_
