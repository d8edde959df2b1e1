#pragma once
/// \file
/// A FIFO queue on a power-of-two ring buffer: O(1) push and pop, no allocation once it has
/// grown to its peak size (std::deque allocates and frees blocks as it moves). Elements can
/// also be read by position and taken out of the middle (erase: O(distance to the nearer
/// end), the others keep their order).

#include <cassert>
#include <cstddef>
#include <vector>

namespace callsim::sim {

template <class T>
class RingQueue {
 public:
  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::size_t size() const { return size_; }
  void push_back(const T& value) {
    if (size_ == buffer_.size()) grow();
    buffer_[(head_ + size_) & (buffer_.size() - 1)] = value;
    ++size_;
  }
  [[nodiscard]] const T& front() const {
    assert(size_ > 0);
    return buffer_[head_];
  }
  void pop_front() {
    assert(size_ > 0);
    head_ = (head_ + 1) & (buffer_.size() - 1);
    --size_;
  }
  [[nodiscard]] const T& back() const {
    assert(size_ > 0);
    return buffer_[(head_ + size_ - 1) & (buffer_.size() - 1)];
  }
  void pop_back() {
    assert(size_ > 0);
    --size_;
  }
  /// The element `i` places behind the front (0: the front).
  [[nodiscard]] const T& operator[](std::size_t i) const {
    assert(i < size_);
    return buffer_[(head_ + i) & (buffer_.size() - 1)];
  }
  /// Removes the element `i` places behind the front; the others keep their order. Moves
  /// the elements on the nearer side of it by one.
  void erase(std::size_t i) {
    assert(i < size_);
    const std::size_t mask = buffer_.size() - 1;
    if (i < size_ / 2) {
      for (std::size_t j = i; j > 0; --j) buffer_[(head_ + j) & mask] = buffer_[(head_ + j - 1) & mask];
      pop_front();
    } else {
      for (std::size_t j = i; j + 1 < size_; ++j) buffer_[(head_ + j) & mask] = buffer_[(head_ + j + 1) & mask];
      pop_back();
    }
  }
  void clear() { head_ = size_ = 0; }

 private:
  void grow() {
    std::vector<T> bigger(buffer_.empty() ? 16 : buffer_.size() * 2);
    for (std::size_t i = 0; i < size_; ++i) bigger[i] = buffer_[(head_ + i) & (buffer_.size() - 1)];
    buffer_.swap(bigger);
    head_ = 0;
  }
  std::vector<T> buffer_;
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

}  // namespace callsim::sim
