#pragma once
/// \file
/// Reads `ivr`: the calls that enter the voice menu (`arrivals`, as a call type's, with the
/// forecast column `ivr` by default) and its `nodes`, each `{name, duration, branches}` where
/// a branch maps a target to its probability. A target is another node's name, `self_served`,
/// `hang_up` or `queue <call type>` (the word queue, a space, the type's name). Builds the
/// IvrSpec: nodes in file order (calls enter at the first), one exit per distinct exit target
/// in order of first use, and checks it with ivr_problems(), each problem reported at the
/// line of the node it names.

#include <string>
#include <vector>

#include "models/ivr.hpp"
#include "scenarios/load_context.hpp"
#include "scenarios/yaml_checks.hpp"

namespace callsim::scenarios::detail {

/// The IVR at `entry`; `type_names` are the call types `queue <type>` may name.
models::IvrSpec read_ivr(const Reporter& reporter, const Entry& entry, const std::vector<std::string>& type_names,
                         LoadContext& context);

/// Whether some branch of `ivr` with a probability above 0 leads to the queue of call type
/// `type` (every node of a valid IVR is reachable, so such a branch is taken now and then).
bool ivr_reaches_type(const models::IvrSpec& ivr, std::uint32_t type);

}  // namespace callsim::scenarios::detail
