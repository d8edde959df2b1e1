#pragma once
/// \file
/// The process's place in an MPI job. Built without MPI (CALLSIM_MPI off), or started
/// without mpirun/srun, callsim is a job of one process: rank 0 of 1, and every collective
/// below is the identity.

#include <cstddef>
#include <span>
#include <vector>

namespace callsim::run {

/// Initializes MPI for the life of main() when this build has MPI and the process was
/// started by an MPI launcher (mpirun, mpiexec, srun: it sets OMPI_COMM_WORLD_SIZE,
/// PMIX_RANK or PMI_RANK); otherwise does nothing, so a plain `callsim run` starts no MPI
/// runtime. Only the thread that made the session may call the collectives below.
class Session {
 public:
  Session(int& argc, char**& argv);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
};

/// This process's rank, 0 .. size() - 1.
int rank();
/// The number of processes of the job.
int size();
/// Rank 0: the one that writes the results file and prints.
inline bool is_root() { return rank() == 0; }
/// Whether this build can run over MPI at all.
bool built_with_mpi();

/// True if `ok` is true on every rank (a collective: every rank must call it). Lets the
/// ranks leave together when one of them found bad input.
bool all_ok(bool ok);

/// Every rank's `mine`, concatenated in rank order, on every rank (a collective).
/// `sizes` receives each rank's byte count.
std::vector<std::byte> all_gather(std::span<const std::byte> mine, std::vector<std::size_t>& sizes);

/// Ends the whole job at once with `code` after an unexpected failure on one rank (the
/// others would wait for it in a collective forever). Without MPI: std::exit(code).
[[noreturn]] void abort_job(int code);

}  // namespace callsim::run
