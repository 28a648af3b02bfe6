//! Architecture checks: parameter counts and output shapes of the three autoencoders.

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
    let values = Tensor::<2>::zeros([6, 1000], &dev);
    let z = ae.encode(&g, canvases, &[(1, 0, 2), (3, 2, 1), (4, 3, 3)], values);
    assert_eq!(z.dims(), [6, 128]);
    let decoded = ae.decode(&g, z);
    let dims: Vec<[usize; 3]> = decoded.iter().map(|t| t.dims()).collect();
    assert_eq!(dims, vec![[6, 7, 9], [6, 7, 17], [6, 7, 25], [6, 7, 33]]);
}

/// Parameters past the first encoder layer: the 512-256-128 encoder trunk, the 128-256-512
/// decoder trunk and heads writing `canvas` entries over all depths.
fn trunks_and_heads(canvas: usize) -> usize {
    (512 * 256 + 256)
        + (256 * 128 + 128)
        + (128 * 256 + 256)
        + (256 * 512 + 512)
        + (512 * canvas + canvas)
}

#[test]
fn fast_architecture_size_and_shapes() {
    let dev = Device::flex().autodiff();
    let config = TrainConfig::new(Arch::Fast, Activation::Sigmoid);
    let ae = Autoencoder::new(&config, &dev).unwrap();
    // Per-depth 512-wide encoders and heads over 7×(8L+1) canvases, a 512-256-128 trunk.
    let canvas: usize = [9, 17, 25, 33].iter().map(|c| 7 * c).sum();
    let want = (canvas * 512 + 4 * 512) + trunks_and_heads(canvas);
    assert_eq!(ae.num_params(), want);
    let z = ae.encode(
        &config.geometry,
        Tensor::<3>::zeros([2, 7, 33], &dev),
        &[(2, 0, 2)],
        Tensor::<2>::zeros([2, 1000], &dev),
    );
    assert_eq!(z.dims(), [2, 128]);
}

#[test]
fn function_architecture_size_shapes_and_what_it_reads() {
    let dev = Device::flex().autodiff();
    let config = TrainConfig::swat(Arch::Function, 3);
    let ae = Autoencoder::new(&config, &dev).unwrap();
    assert!(ae.reads_functions());
    // An encoder over the 1000 probe values plus mean and log spread, the fast decoders over
    // 7×(9L+1) canvases with bias columns.
    let g = config.geometry;
    let canvas: usize = (1..=4).map(|d| 7 * g.spec(d).cols()).sum();
    let want = (1002 * 512 + 512) + trunks_and_heads(canvas);
    assert_eq!(ae.num_params(), want);
    // It reads the values, not the canvases: two batches with the same values and different
    // canvases get the same codes, different values different codes.
    let values = Tensor::<2>::random(
        [2, 1000],
        burn::tensor::Distribution::Normal(0.0, 1.0),
        &dev,
    );
    let zeros = Tensor::<3>::zeros([2, 7, g.max_cols()], &dev);
    let ones = Tensor::<3>::ones([2, 7, g.max_cols()], &dev);
    let a = ae.encode(&g, zeros.clone(), &[(1, 0, 2)], values.clone());
    let b = ae.encode(&g, ones, &[(1, 0, 2)], values.clone());
    let c = ae.encode(&g, zeros, &[(1, 0, 2)], values * 2.0 + 1.0);
    assert_eq!(a.dims(), [2, 128]);
    let diff =
        |x: &Tensor<2>, y: &Tensor<2>| (x.clone() - y.clone()).abs().max().into_scalar::<f32>();
    assert_eq!(diff(&a, &b), 0.0);
    assert!(diff(&a, &c) > 1e-4, "level and scale reach the code");
    let decoded = ae.decode(&g, a);
    let dims: Vec<[usize; 3]> = decoded.iter().map(|t| t.dims()).collect();
    let want: Vec<[usize; 3]> = (1..=4).map(|d| [2, 7, g.spec(d).cols()]).collect();
    assert_eq!(dims, want);
}
