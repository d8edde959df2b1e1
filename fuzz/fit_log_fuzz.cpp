// libFuzzer target: a call log for `callsim fit` (fuzz_inputs.hpp, fit_call_log). Run by scripts/fuzz.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_inputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  callsim::fuzz::fit_call_log(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
