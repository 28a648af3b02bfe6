//! Benchmark material: known regression functions to generate datasets from, and (to come) the
//! suites of `swat bench`. Plain Rust; no autodiff here.

pub mod functions;
