#pragma once
/// \file
/// CALLSIM_HOT_INLINE marks the small component functions the event loop calls on every
/// call (queue heads, idle agents, routing helpers). The components are plain classes
/// shared by every CallCenter instantiation, so without it GCC keeps one out-of-line copy
/// that all of them call: measured 2-3% slower on large-center than the single class they
/// came from (bench/call_center_bench.cpp).

#if defined(__GNUC__) || defined(__clang__)
#define CALLSIM_HOT_INLINE [[gnu::always_inline]] inline
#define CALLSIM_COLD_PATH [[gnu::noinline]] [[gnu::cold]]
#else
#define CALLSIM_HOT_INLINE inline
#define CALLSIM_COLD_PATH
#endif
