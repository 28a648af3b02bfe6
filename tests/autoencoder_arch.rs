//! Architecture checks: parameter counts and output shapes of both autoencoders.

use burn::tensor::{Device, Tensor};
use swat::autoencoder::{Arch, Autoencoder, TrainConfig};
use swat::mlp::Activation;

#[test]
fn paper_architecture_matches_the_original_size_and_shapes() {
    let dev = Device::flex().autodiff();
    let config = TrainConfig::new(Arch::Paper, Activation::Sigmoid);
    let ae = Autoencoder::new(&config, &dev).unwrap();
    // The original has 10,934,076 parameters, of which 6,672 sit in BatchNorm layers it defines
    // but never uses (left out here): 10,927,404. burn also counts the running mean and
    // variance of the 900 channels of the 24 BatchNorm layers that are used: 1,800 more.
    assert_eq!(ae.num_params(), 10_927_404 + 1_800);
    let g = config.geometry;
    let canvases = Tensor::<3>::zeros([6, 7, 33], &dev);
    let z = ae.encode(&g, canvases, &[(1, 0, 2), (3, 2, 1), (4, 3, 3)]);
    assert_eq!(z.dims(), [6, 128]);
    let decoded = ae.decode(&g, z);
    let dims: Vec<[usize; 3]> = decoded.iter().map(|t| t.dims()).collect();
    assert_eq!(dims, vec![[6, 7, 9], [6, 7, 17], [6, 7, 25], [6, 7, 33]]);
}

#[test]
fn fast_architecture_size_and_shapes() {
    let dev = Device::flex().autodiff();
    let config = TrainConfig::new(Arch::Fast, Activation::Sigmoid);
    let ae = Autoencoder::new(&config, &dev).unwrap();
    // Per-depth 512-wide encoders and heads over 7×(8L+1) canvases, a 512-256-128 trunk.
    let canvas: usize = [9, 17, 25, 33].iter().map(|c| 7 * c).sum();
    let want = (canvas * 512 + 4 * 512)
        + (512 * 256 + 256)
        + (256 * 128 + 128)
        + (128 * 256 + 256)
        + (256 * 512 + 512)
        + (512 * canvas + canvas);
    assert_eq!(ae.num_params(), want);
    let z = ae.encode(
        &config.geometry,
        Tensor::<3>::zeros([2, 7, 33], &dev),
        &[(2, 0, 2)],
    );
    assert_eq!(z.dims(), [2, 128]);
}
