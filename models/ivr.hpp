#pragma once
/// \file
/// The IVR (voice menu) as a directed graph: nodes that take some time and branch at
/// random, ending in an exit: the caller is self-served, hangs up, or joins the queue of a
/// call type (so the IVR is where a call gets its type).
///
/// A caller's whole path is drawn when the call enters the IVR, from the IVR's own stream,
/// so routing policies compared on one seed see the same paths (common random numbers).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/distribution.hpp"
#include "sim/piecewise_rate.hpp"
#include "sim/random_stream.hpp"
#include "sim/time.hpp"

namespace callsim::models {

/// How a call leaves the IVR.
enum class IvrOutcome : std::uint8_t { SELF_SERVED, HANG_UP, QUEUE };

/// An IVR exit: an outcome, and for QUEUE the call type whose queue the call joins.
struct IvrExit {
  std::string name;
  IvrOutcome outcome = IvrOutcome::HANG_UP;
  std::uint32_t call_type = 0;
};

/// A branch from a node: to node `target` (< nodes.size()) or to exit
/// `target - nodes.size()`, with probability `probability`.
struct IvrBranch {
  std::uint32_t target = 0;
  double probability = 0;
};

struct IvrNode {
  std::string name;
  std::optional<sim::Distribution> duration;  ///< time spent at the node; none: 0
  std::vector<IvrBranch> branches;            ///< probabilities sum to 1
};

/// The IVR and the calls that enter it at node 0.
struct IvrSpec {
  sim::PiecewiseRate arrivals;  ///< calls entering the IVR, calls/s
  std::vector<IvrNode> nodes;
  std::vector<IvrExit> exits;
};

/// A drawn IVR path: how long it took and where it ended.
struct IvrPath {
  sim::Time duration{0};
  std::uint32_t exit = 0;
};

/// How far a node's branch probabilities may sum from 1.
inline constexpr double kIvrSumTolerance = 1e-9;
/// The most nodes a caller of a valid IVR passes on average, from any node, before an exit.
inline constexpr double kIvrMaxMeanNodes = 1000;
/// The most nodes walk_ivr passes before it gives up.
inline constexpr int kIvrMaxWalk = 1000000;

/// Walks the IVR from node 0, drawing each node's duration and then its branch from
/// `stream` (a branch of probability 0 is never taken). A valid IVR (ivr_problems() empty)
/// exits within kIvrMaxWalk nodes with probability above 1 - 2^-500; a longer walk throws
/// SimulationError (models/simulation_error.hpp, a std::runtime_error) rather than loop
/// for ever.
IvrPath walk_ivr(const IvrSpec& ivr, sim::RandomStream& stream);

/// Structural problems of an IVR, each a sentence naming the node (empty: valid): branch
/// probabilities outside [0, 1] or that do not sum to 1 (within kIvrSumTolerance), targets
/// out of range, nodes that cannot reach an exit, nodes unreachable from the entry, loops
/// that keep callers for more than kIvrMaxMeanNodes nodes on average, cycles of nodes that
/// take no time.
std::vector<std::string> ivr_problems(const IvrSpec& ivr);

}  // namespace callsim::models
