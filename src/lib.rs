//! swat finds a small, sparse MLP for a regression table — its architecture and its weights
//! together — by gradient descent in the latent space of a functional autoencoder
//! (Huang, Montazerin & Srivastava, 2024).
//!
//! Data flows through the modules in this order: [`mlp`] (the sparse network) ⇄ [`canvas`]
//! (network as a matrix) ← [`teacher`] (random networks that train the autoencoder) … → [`cli`].

pub mod allocator;
pub mod autoencoder;
pub mod bench;
pub mod canvas;
pub mod cli;
pub mod data;
pub mod export;
pub mod io;
pub mod metrics;
pub mod mlp;
pub mod report;
pub mod search;
pub mod teacher;
