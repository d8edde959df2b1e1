// libFuzzer target: a call log of the Anonymous Bank (fuzz_inputs.hpp, load_bank_log). Run by scripts/fuzz.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_inputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  callsim::fuzz::load_bank_log(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
