//! `swat bench`: the paper's teacher tasks and the 54 CORNN functions, each fitted by swat, by
//! the paper's method and by the baselines a practitioner would use, on the same splits.
//! In: a suite, `--quick`, a shard; out: result rows (CSV), models, and the report's inputs.

mod ablation;
pub mod baselines;
pub mod cornn;
pub mod functions;
pub mod results;
pub mod run;
pub mod task;

pub use results::{merge, read_csv, to_csv, ResultsError, Row};
pub use run::{run_task, BenchConfig, Methods, Outcome};
pub use task::{tasks, Shard, Source, Suite, Task, TaskSpec};
