#include "models/ivr.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <string>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <boost/graph/strong_components.hpp>

#include "models/simulation_error.hpp"

namespace callsim::models {

IvrPath walk_ivr(const IvrSpec& ivr, sim::RandomStream& stream) {
  IvrPath path;
  const auto nodes = static_cast<std::uint32_t>(ivr.nodes.size());
  std::uint32_t at = 0;
  for (int step = 0; step < kIvrMaxWalk; ++step) {
    const IvrNode& node = ivr.nodes[at];
    if (node.duration) path.duration += sim::Time(node.duration->sample(stream));
    // Inverse CDF over the branches: one uniform per node, in branch order. Probabilities
    // that sum to a hair under 1 leave the rest to the last branch that can be taken: never
    // to a branch of probability 0, whose target the checks may not have followed.
    const double u = stream.uniform01();
    double cumulative = 0;
    std::uint32_t next = node.branches.back().target;
    for (const IvrBranch& b : node.branches) {
      if (b.probability <= 0) continue;
      cumulative += b.probability;
      next = b.target;
      if (u < cumulative) break;
    }
    if (next >= nodes) {
      path.exit = next - nodes;
      return path;
    }
    at = next;
  }
  // A loop the loader accepted but that callers almost never leave (ivr_problems bounds the
  // mean walk, so this is all but impossible): bad input found late, reported like the
  // zero-time loops of the model.
  throw SimulationError("the IVR: a caller's path passed " + std::to_string(kIvrMaxWalk) +
                        " nodes without reaching an exit (it was at node '" + ivr.nodes[at].name +
                        "'); the branches of ivr.nodes lead back into a loop with a probability so close to 1 that "
                        "callers hardly ever leave it; give the branches out of the loop a larger probability");
}

namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;

/// Vertices reached from `sources` in `graph` (forward or reversed).
template <class G>
std::vector<bool> reached_from(const G& graph, const std::vector<std::size_t>& sources) {
  const auto n = boost::num_vertices(graph);
  std::vector<boost::default_color_type> colors(n, boost::white_color);
  auto color_map = boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, graph));
  for (std::size_t s : sources) {
    if (colors[s] == boost::white_color) {
      boost::breadth_first_visit(graph, boost::vertex(s, graph),
                                 boost::visitor(boost::default_bfs_visitor()).color_map(color_map));
    }
  }
  std::vector<bool> reached(n);
  for (std::size_t v = 0; v < n; ++v) reached[v] = colors[v] != boost::white_color;
  return reached;
}

std::string quoted(const std::string& name) { return "'" + name + "'"; }

// A sum for messages: 6 significant digits, or as many as it takes not to read as 1
// ("sum to 1, not 1" would say nothing).
std::string sum_text(double sum) {
  char buf[64];
  for (int digits = 6; digits <= 17; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, sum);
    if (std::string(buf) != "1") break;
  }
  return buf;
}

// The expected number of nodes a caller passes from each node until an exit: t solves
// (I - Q) t = 1, Q the node-to-node probabilities (Gaussian elimination with partial
// pivoting; O(n^3), n is small). Nodes from which an exit is (numerically) out of reach get
// infinity.
std::vector<double> expected_walk(const IvrSpec& ivr) {
  const std::size_t n = ivr.nodes.size();
  std::vector<std::vector<double>> a(n, std::vector<double>(n + 1, 0.0));  // [I - Q | 1]
  for (std::size_t i = 0; i < n; ++i) {
    a[i][i] += 1;
    a[i][n] = 1;
    for (const IvrBranch& b : ivr.nodes[i].branches) {
      if (b.target < n) a[i][b.target] -= b.probability;
    }
  }
  for (std::size_t col = 0; col < n; ++col) {
    std::size_t pivot = col;
    for (std::size_t r = col + 1; r < n; ++r) {
      if (std::abs(a[r][col]) > std::abs(a[pivot][col])) pivot = r;
    }
    std::swap(a[col], a[pivot]);
    if (a[col][col] == 0) continue;  // singular: left to the check below
    for (std::size_t r = col + 1; r < n; ++r) {
      if (a[r][col] == 0) continue;
      const double factor = a[r][col] / a[col][col];
      for (std::size_t c = col; c <= n; ++c) a[r][c] -= factor * a[col][c];
    }
  }
  std::vector<double> t(n, std::numeric_limits<double>::infinity());
  for (std::size_t i = n; i-- > 0;) {
    double rest = a[i][n];
    for (std::size_t c = i + 1; c < n; ++c) rest -= a[i][c] * t[c];
    const double value = rest / a[i][i];
    t[i] = std::isfinite(value) && value >= 1 ? value : std::numeric_limits<double>::infinity();
  }
  return t;
}

}  // namespace

std::vector<std::string> ivr_problems(const IvrSpec& ivr) {
  std::vector<std::string> problems;
  const std::size_t nodes = ivr.nodes.size(), exits = ivr.exits.size();
  if (nodes == 0) return {"the IVR has no node; give at least one (node 0 is where calls enter)"};
  if (exits == 0) return {"the IVR has no exit; every path must end at an exit (self_served, hang_up or a queue)"};

  Graph graph(nodes + exits);
  Graph instant(nodes);  // only nodes that take no time: a cycle here would take no time
  for (std::size_t v = 0; v < nodes; ++v) {
    const IvrNode& node = ivr.nodes[v];
    if (node.branches.empty()) {
      problems.push_back("IVR node " + quoted(node.name) + " has no branch; it must lead to a node or an exit");
      continue;
    }
    double sum = 0;
    for (const IvrBranch& b : node.branches) {
      if (b.target >= nodes + exits) {
        problems.push_back("IVR node " + quoted(node.name) + " has a branch to an unknown target");
        continue;
      }
      if (!(b.probability >= 0 && b.probability <= 1)) {
        problems.push_back("IVR node " + quoted(node.name) + " has a branch probability outside [0, 1]");
      }
      sum += b.probability;
      if (b.probability <= 0) continue;
      boost::add_edge(v, b.target, graph);
      const bool takes_no_time = !node.duration || node.duration->mean() == 0;
      if (takes_no_time && b.target < nodes) boost::add_edge(v, b.target, instant);
    }
    if (!(std::abs(sum - 1) <= kIvrSumTolerance)) {
      problems.push_back("IVR node " + quoted(node.name) + "'s branch probabilities sum to " + sum_text(sum) +
                         ", not 1; adjust them so that they add up to 1");
    }
  }
  if (!problems.empty()) return problems;

  const auto from_entry = reached_from(graph, {0});
  std::vector<std::size_t> exit_vertices;
  for (std::size_t e = 0; e < exits; ++e) exit_vertices.push_back(nodes + e);
  const auto to_exit = reached_from(boost::make_reverse_graph(graph), exit_vertices);
  for (std::size_t v = 0; v < nodes; ++v) {
    if (!from_entry[v]) {
      problems.push_back("IVR node " + quoted(ivr.nodes[v].name) + " cannot be reached from the entry node " +
                         quoted(ivr.nodes[0].name) + "; connect it or remove it");
    } else if (!to_exit[v]) {
      problems.push_back("IVR node " + quoted(ivr.nodes[v].name) +
                         " cannot reach any exit, so its callers would stay in the IVR for ever");
    }
  }

  if (!problems.empty()) return problems;

  // A loop left with a tiny probability is valid as a graph but keeps callers walking for
  // ever in practice (a loop kept with probability 1 - 1e-10 takes 1e10 nodes on average).
  // From every node at most kIvrMaxMeanNodes on average bounds the walk: by Markov's
  // inequality each 2 x kIvrMaxMeanNodes steps end the walk with probability 1/2 at least,
  // so passing kIvrMaxWalk nodes has a probability below 2^-500.
  const std::vector<double> walk = expected_walk(ivr);
  std::size_t longest = 0;
  for (std::size_t v = 1; v < nodes; ++v) {
    if (walk[v] > walk[longest]) longest = v;
  }
  if (!(walk[longest] <= kIvrMaxMeanNodes)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3g", walk[longest]);
    problems.push_back("IVR node " + quoted(ivr.nodes[longest].name) + " sends callers through " +
                       (std::isfinite(walk[longest]) ? std::string(buf) : std::string("endlessly many")) +
                       " nodes on average before they leave the IVR, more than " +
                       std::to_string(static_cast<int>(kIvrMaxMeanNodes)) +
                       "; give the branches that leave its loop more probability");
    return problems;
  }

  // A strongly connected set of instant nodes (or an instant self-loop) is a loop taking no time.
  std::vector<int> component(nodes);
  const int count = boost::strong_components(
      instant, boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, instant)));
  std::vector<int> size(static_cast<std::size_t>(count), 0);
  for (int c : component) ++size[static_cast<std::size_t>(c)];
  for (std::size_t v = 0; v < nodes; ++v) {
    bool self_loop = false;
    for (const IvrBranch& b : ivr.nodes[v].branches) self_loop |= b.target == v && b.probability > 0;
    const bool instant_node = !ivr.nodes[v].duration || ivr.nodes[v].duration->mean() == 0;
    if (instant_node && (self_loop || size[static_cast<std::size_t>(component[v])] > 1)) {
      problems.push_back("IVR node " + quoted(ivr.nodes[v].name) +
                         " is on a loop of nodes that take no time; give one of them a duration");
      break;  // one message for the loop is enough
    }
  }
  return problems;
}

}  // namespace callsim::models
