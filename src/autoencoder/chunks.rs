//! Data rows laid out for the fused kernel: cut into chunks of 2048 rows, each stored
//! input-major so the kernel's inner loops run over rows. In: row-major inputs and targets;
//! out: `DataChunks`, windows of them (minibatches), and the targets' variance.

/// Data rows cut into chunks, each stored input-major (`[d][len]`) for the kernel's loops.
#[derive(Debug, Clone)]
pub struct DataChunks {
    pub inputs: usize,
    pub rows: usize,
    chunks: Vec<(Vec<f32>, Vec<f32>)>,
}

/// Rows per chunk: enough work per task, small enough that activations stay in cache.
const CHUNK: usize = 2048;

impl DataChunks {
    /// `x` row-major `[N, d]`, `y` `[N]`.
    pub fn new(x: &[f32], y: &[f32], d: usize) -> DataChunks {
        let n = y.len();
        let chunks = (0..n)
            .step_by(CHUNK)
            .map(|start| {
                let end = (start + CHUNK).min(n);
                let cols = (0..d)
                    .flat_map(|i| (start..end).map(move |r| x[r * d + i]))
                    .collect();
                (cols, y[start..end].to_vec())
            })
            .collect();
        DataChunks {
            inputs: d,
            rows: n,
            chunks,
        }
    }
}

impl DataChunks {
    /// Population variance of the targets (0 without rows).
    pub fn target_variance(&self) -> f64 {
        let ys = || {
            self.chunks
                .iter()
                .flat_map(|c| c.1.iter().map(|v| f64::from(*v)))
        };
        let n = self.rows.max(1) as f64;
        let mean = ys().sum::<f64>() / n;
        ys().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n
    }

    /// Number of chunks.
    pub fn chunks(&self) -> usize {
        self.chunks.len()
    }

    /// Chunk `c`: its input columns (`[d][len]`) and targets.
    pub(crate) fn chunk(&self, c: usize) -> (&[f32], &[f32]) {
        (&self.chunks[c].0, &self.chunks[c].1)
    }

    /// `count` consecutive chunks starting at chunk `first` (wrapping around): a minibatch.
    pub fn window(&self, first: usize, count: usize) -> DataChunks {
        let n = self.chunks.len();
        let chunks: Vec<(Vec<f32>, Vec<f32>)> = (0..count.min(n))
            .map(|k| self.chunks[(first + k) % n].clone())
            .collect();
        DataChunks {
            inputs: self.inputs,
            rows: chunks.iter().map(|c| c.1.len()).sum(),
            chunks,
        }
    }
}
