//! swat finds a small, sparse MLP for a regression table — its architecture and its weights
//! together — by gradient descent in the latent space of a functional autoencoder
//! (Huang, Montazerin & Srivastava, 2024).
//!
//! Start at [`Swat::params`] (the front door: settings, fit, fitted model).
//!
//! Data flows through the modules in this order: [`mlp`] (the sparse network) ⇄ [`canvas`]
//! (network as a matrix) ← [`teacher`] (random networks that train the autoencoder) … → [`cli`].

pub mod allocator;
pub mod autoencoder;
pub mod bench;
pub mod canvas;
pub mod cli;
pub mod data;
pub mod estimator;
pub mod export;
pub mod io;
pub mod metrics;
pub mod mlp;
pub mod report;
pub mod search;
pub mod teacher;

pub use autoencoder::{Loaded, Source};
pub use data::Dataset;
pub use estimator::{Fitted, Swat, SwatError, SwatParams, Tables};
pub use mlp::Model;
pub use search::Method;
