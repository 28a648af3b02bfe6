//! Benchmark material: known regression functions to generate datasets from (three classic
//! ones and CORNN's 54), and (to come) the suites of `swat bench`. Plain Rust; no autodiff.

pub mod cornn;
pub mod functions;
