#pragma once
/// \file
/// Reads `call_types`: each type's arrivals, talk time, patience, priority credit, after-call
/// work (each also by period of the day), queue capacity, balking and retrials (see
/// docs/scenario.md).

#include <vector>

#include "models/center_spec.hpp"
#include "scenarios/load_context.hpp"
#include "scenarios/yaml_checks.hpp"

namespace callsim::scenarios::detail {

/// The call types as read, with what the checks that follow need.
struct CallTypesRead {
  std::vector<models::CallTypeSpec> types;
  std::vector<int> lines;          ///< the line of each type's item
  std::vector<bool> own_arrivals;  ///< whether the type has `arrivals` (else it gets calls from the IVR only)
};

/// The list at `entry`. `arrivals_optional`: the scenario has an IVR, so a type may have no
/// arrivals of its own (its rate is then 0; the caller checks the IVR reaches it).
CallTypesRead read_call_types(const Reporter& reporter, const Entry& entry, bool arrivals_optional,
                              LoadContext& context);

}  // namespace callsim::scenarios::detail
