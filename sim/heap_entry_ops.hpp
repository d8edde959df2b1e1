#pragma once
/// \file
/// 4-ary min-heap operations over a vector of (time, order, slot) entries, shared by both
/// event calendars. `place(index, entry)` writes an entry into the vector; the indexed
/// calendar also records the index in its slot table, the lazy one does nothing more.
/// Four children per node: half the depth of a binary heap, and the four keys sit in one or
/// two cache lines.

#include <cstdint>
#include <vector>

namespace callsim::sim::detail {

struct HeapEntry {
  double time;
  std::uint64_t order;  ///< order_key(priority, sequence)
  std::uint32_t slot;
};

inline bool before(const HeapEntry& a, const HeapEntry& b) {
  return a.time < b.time || (a.time == b.time && a.order < b.order);
}

inline constexpr std::uint32_t kHeapArity = 4;

template <class Place>
void sift_up(std::vector<HeapEntry>& heap, std::uint32_t index, HeapEntry entry, Place&& place) {
  while (index > 0) {
    const std::uint32_t parent = (index - 1) / kHeapArity;
    if (!before(entry, heap[parent])) break;
    place(index, heap[parent]);
    index = parent;
  }
  place(index, entry);
}

template <class Place>
void sift_down(std::vector<HeapEntry>& heap, std::uint32_t index, HeapEntry entry, Place&& place) {
  const auto n = static_cast<std::uint32_t>(heap.size());
  while (true) {
    const std::uint32_t first = index * kHeapArity + 1;
    if (first >= n) break;
    std::uint32_t best = first;
    const std::uint32_t last = first + kHeapArity < n ? first + kHeapArity : n;
    for (std::uint32_t c = first + 1; c < last; ++c) {
      if (before(heap[c], heap[best])) best = c;
    }
    if (!before(heap[best], entry)) break;
    place(index, heap[best]);
    index = best;
  }
  place(index, entry);
}

template <class Place>
void push(std::vector<HeapEntry>& heap, const HeapEntry& entry, Place&& place) {
  heap.push_back(entry);
  sift_up(heap, static_cast<std::uint32_t>(heap.size() - 1), entry, place);
}

/// Removes heap[index]; the last entry fills the hole and moves up or down as it must.
template <class Place>
void remove_at(std::vector<HeapEntry>& heap, std::uint32_t index, Place&& place) {
  const HeapEntry last = heap.back();
  heap.pop_back();
  if (index == heap.size()) return;
  if (index > 0 && before(last, heap[(index - 1) / kHeapArity])) {
    sift_up(heap, index, last, place);
  } else {
    sift_down(heap, index, last, place);
  }
}

}  // namespace callsim::sim::detail
