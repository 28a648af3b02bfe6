//! A teacher dataset as the paper made them: uniform inputs, the teacher's outputs, split
//! 50 / 30 / 20 into train, valid and test.
//! In: a `paper2024-target` preset, row count and seed; out: CSV files and `teacher.json`.

use super::{invalid, uniform_points, Paper2024Target, Teacher, TeacherError};
use crate::io::write_atomic;
use crate::mlp::Model;
use serde_json::json;
use std::path::{Path, PathBuf};

/// File stems of the three splits, in order.
pub const SPLIT_NAMES: [&str; 3] = ["train", "valid", "test"];

/// Rows in train, valid and test for `rows` rows: ⌊50%⌋, ⌊30%⌋, the rest. Each must be non-empty.
pub fn split_sizes(rows: usize) -> Result<[usize; 3], TeacherError> {
    let train = rows / 2;
    let valid = rows * 3 / 10;
    let test = rows - train - valid;
    if train == 0 || valid == 0 || test == 0 {
        return invalid(
            "rows",
            format!(
                "{rows} is too few to split 50/30/20 into non-empty train, valid and test files \
                 (need at least 4)"
            ),
        );
    }
    Ok([train, valid, test])
}

/// A generated dataset: the teacher, the inputs (row-major) and its outputs.
#[derive(Debug, Clone)]
pub struct TargetDataset {
    pub preset: Paper2024Target,
    pub seed: u64,
    pub teacher: Teacher,
    pub x: Vec<f64>,
    pub y: Vec<f64>,
}

impl TargetDataset {
    /// Draws the teacher, then `rows` uniform inputs, from one generator seeded with `seed`.
    pub fn generate(
        preset: &Paper2024Target,
        rows: usize,
        seed: u64,
    ) -> Result<TargetDataset, TeacherError> {
        split_sizes(rows)?;
        let mut rng = super::rng(seed);
        let teacher = preset.draw(&mut rng)?;
        let x = uniform_points(&mut rng, rows, preset.inputs);
        let y = teacher
            .network
            .forward(&x)
            .expect("inputs have the teacher's width");
        Ok(TargetDataset {
            preset: preset.clone(),
            seed,
            teacher,
            x,
            y,
        })
    }

    pub fn rows(&self) -> usize {
        self.y.len()
    }

    /// The teacher as a model file, with everything needed to draw it again.
    pub fn teacher_model(&self) -> Model {
        let p = &self.preset;
        let mut model = Model::identity(self.teacher.network.clone());
        let splits = split_sizes(self.rows()).expect("checked at generation");
        let provenance = json!({
            "generator": "swat generate",
            "swat_version": env!("CARGO_PKG_VERSION"),
            "preset": "paper2024-target",
            "seed": self.seed,
            "inputs": p.inputs,
            "width": p.width,
            "depth": p.depth,
            "sparsity": p.sparsity,
            "activation": p.activation.name(),
            "leaky_slope": p.leaky_slope,
            "weight_scale": p.weight_scale,
            "rows": self.rows(),
            "input_distribution": "uniform [-1, 1)",
            "split": {"train": splits[0], "valid": splits[1], "test": splits[2]},
        });
        if let serde_json::Value::Object(map) = provenance {
            model.provenance = map;
        }
        model
    }

    /// The rows `range` as CSV text with header `x1..xd,y`.
    fn csv(&self, range: std::ops::Range<usize>) -> String {
        let names: Vec<String> = (1..=self.preset.inputs).map(|i| format!("x{i}")).collect();
        crate::data::csv_text(&names, "y", &self.x, &self.y, range)
    }

    /// Writes `train.csv`, `valid.csv`, `test.csv` and `teacher.json` into `dir` (created if
    /// needed). Each file is written whole to a temporary name first, then renamed into place.
    pub fn write(&self, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
        std::fs::create_dir_all(dir)?;
        let sizes = split_sizes(self.rows()).expect("checked at generation");
        let mut start = 0;
        let mut written = Vec::new();
        for (name, n) in SPLIT_NAMES.iter().zip(sizes) {
            let path = dir.join(format!("{name}.csv"));
            write_atomic(&path, self.csv(start..start + n).as_bytes())?;
            written.push(path);
            start += n;
        }
        let path = dir.join("teacher.json");
        write_atomic(&path, self.teacher_model().to_json().as_bytes())?;
        written.push(path);
        Ok(written)
    }
}
