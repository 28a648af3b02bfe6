//! The output's scale and offset of a decoded network fitted to the data by least squares.
//! An encoder that reads the function's shape can decode the right shape at the wrong height
//! (a cone that spans a thousandth of the targets' range), and every such read-out then
//! validates worse than a constant. In: a canvas and training rows; out: the canvas with its
//! output weights scaled and its output bias moved, its shape unchanged.

use crate::autoencoder::data_fit::{outputs, DataChunks};
use crate::autoencoder::Geometry;

/// `canvas` with its output layer replaced by the least-squares fit of `a · f(x) + b` to the
/// rows' targets, `f` the network's output (only `a`, through the origin, on canvases without
/// biases). A constant network gets only the offset; a non-finite fit leaves it as it is.
pub fn calibrate(geometry: &Geometry, depth: usize, canvas: &[f32], rows: &DataChunks) -> Vec<f32> {
    let spec = geometry.spec(depth);
    let out = outputs(geometry, depth, canvas, rows);
    let targets: Vec<f32> = (0..rows.chunks())
        .flat_map(|c| rows.chunk(c).1.iter().copied())
        .collect();
    let n = out.len() as f64;
    if n == 0.0 {
        return canvas.to_vec();
    }
    let bias = spec.bias_col(depth);
    let (mo, my) = if bias.is_some() {
        (
            out.iter().map(|&v| v as f64).sum::<f64>() / n,
            targets.iter().map(|&v| v as f64).sum::<f64>() / n,
        )
    } else {
        (0.0, 0.0)
    };
    let (mut soo, mut soy) = (0.0f64, 0.0f64);
    for (&o, &y) in out.iter().zip(&targets) {
        let (o, y) = (o as f64 - mo, y as f64 - my);
        soo += o * o;
        soy += o * y;
    }
    // Below this spread the output is a constant to f32's precision: a scale would be noise.
    let a = if soo > 1e-12 * n { soy / soo } else { 1.0 };
    let b = my - a * mo;
    if !a.is_finite() || !b.is_finite() {
        return canvas.to_vec();
    }
    let cols = spec.cols();
    let mut c = canvas.to_vec();
    for j in 0..spec.rows {
        c[j * cols + spec.block_col(depth)] *= a as f32;
    }
    if let Some(bc) = bias {
        c[bc] = (a * c[bc] as f64 + b) as f32;
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::autoencoder::data_fit::data_mse;
    use crate::autoencoder::MaskMode;
    use crate::mlp::{Activation, ActivationSet};
    use rand::RngExt;

    fn geometry(bias: bool) -> Geometry {
        Geometry {
            rows: 7,
            inputs: 3,
            max_depth: 2,
            bias,
            activation: Activation::LeakyRelu,
            choices: ActivationSet::NONE,
            leaky_slope: 0.1,
        }
    }

    /// A random depth-2 canvas (every neuron present) and 3,000 rows of inputs.
    fn case(g: &Geometry, seed: u64) -> (Vec<f32>, Vec<f32>) {
        let spec = g.spec(2);
        let mut rng = crate::teacher::rng(seed);
        let canvas: Vec<f32> = (0..spec.rows * spec.cols())
            .map(|k| {
                if k % spec.cols() >= spec.mask_col(0) {
                    4.0
                } else {
                    rng.random_range(-1.5f32..1.5)
                }
            })
            .collect();
        let x: Vec<f32> = (0..9000).map(|_| rng.random_range(-1.0f32..1.0)).collect();
        (canvas, x)
    }

    #[test]
    fn the_shape_at_another_height_is_fitted_exactly() {
        for bias in [true, false] {
            let g = geometry(bias);
            let (canvas, x) = case(&g, 3);
            let f = outputs(&g, 2, &canvas, &DataChunks::new(&x, &vec![0.0; 3000], 3));
            // The data: the network's own shape, scaled down and (with biases) shifted.
            let (a, b) = (-0.004f32, if bias { 0.7 } else { 0.0 });
            let y: Vec<f32> = f.iter().map(|v| a * v + b).collect();
            let rows = DataChunks::new(&x, &y, 3);
            let before = data_mse(&g, 2, &canvas, &rows, MaskMode::Hard)[0];
            let fitted = calibrate(&g, 2, &canvas, &rows);
            let after = data_mse(&g, 2, &fitted, &rows, MaskMode::Hard)[0];
            let var = y.iter().map(|v| (v - b) * (v - b)).sum::<f32>() / 3000.0;
            assert!(before > 100.0 * var, "bias {bias}: {before} against {var}");
            assert!(after < 1e-6 * var, "bias {bias}: {after} against {var}");
            // Only the output layer moved.
            let spec = g.spec(2);
            for (k, (p, q)) in canvas.iter().zip(&fitted).enumerate() {
                let col = k % spec.cols();
                let output = col == spec.block_col(2) || Some(col) == spec.bias_col(2);
                assert!(output || p == q, "bias {bias}: entry {k} moved");
            }
        }
    }

    #[test]
    fn a_constant_network_gets_the_targets_mean() {
        let g = geometry(true);
        let (mut canvas, x) = case(&g, 4);
        let spec = g.spec(2);
        for j in 0..spec.rows {
            canvas[j * spec.cols() + spec.block_col(2)] = 0.0;
        }
        let y: Vec<f32> = (0..3000).map(|r| (r as f32 * 0.01).sin() + 2.0).collect();
        let rows = DataChunks::new(&x, &y, 3);
        let fitted = calibrate(&g, 2, &canvas, &rows);
        let mean = y.iter().sum::<f32>() / 3000.0;
        let out = outputs(&g, 2, &fitted, &rows);
        assert!(out.iter().all(|o| (o - mean).abs() < 1e-4), "{}", out[0]);
    }
}
