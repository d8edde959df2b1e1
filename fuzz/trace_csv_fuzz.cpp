// libFuzzer target: a trace CSV (fuzz_inputs.hpp, load_trace_csv). Run by scripts/fuzz.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_inputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  callsim::fuzz::load_trace_csv(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
